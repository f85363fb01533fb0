// The exposure forms' schemas, read by the actions (server only, so zod stays out of the browser bundle). Their
// messages are message keys, translated at the edge (translateFailure; formFailure and the API write English).
import { z } from "zod";
import { calendarDateIn } from "~/deadlines/dates";
import type { MessageKey } from "~/i18n/translate";
import { EXPOSED_KINDS, EXPOSURE_STATUSES, SEVERITIES } from "./categories";
import { normaliseUrl } from "./url";

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date.format" satisfies MessageKey)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "errors.date.notReal" satisfies MessageKey,
  );

/**
 * normaliseUrl's refusals (English: its other callers, the incident and intake pages, show them as they are) as
 * message keys for the forms that translate. A refusal not listed passes as its English.
 */
export const URL_ERROR_KEYS: Record<string, MessageKey> = {
  "Enter a web address.": "errors.url.missing",
  "A web address cannot contain spaces.": "errors.url.spaces",
  "This web address is too long (over 4,000 characters).": "errors.url.tooLong",
  "This Telegram link has no channel name.": "errors.url.telegramChannel",
  "This does not look like a web address.": "errors.url.invalid",
  "Only web addresses starting with http:// or https:// can be recorded.": "errors.url.protocol",
  "This web address has no proper host name (like example.com).": "errors.url.host",
  "This web address's domain is not a known internet domain.": "errors.url.domain",
};

export const UrlSchema = z.string().transform((v, ctx) => {
  const r = normaliseUrl(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: URL_ERROR_KEYS[r.error] ?? r.error });
    return z.NEVER;
  }
  return r.value;
});

/** The exposure form, shared by the action and the page. */
export const ExposureFieldsSchema = z.object({
  url: UrlSchema,
  exposed: z.array(z.enum(EXPOSED_KINDS, "errors.exposure.exposedUnknown" satisfies MessageKey)).default([]),
  callsForHarm: z
    .union([z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  foundOn: isoDate.optional().transform((v) => v ?? new Date().toISOString().slice(0, 10)),
  severityOverride: z
    .union([z.enum(SEVERITIES), z.literal("")])
    .optional()
    .transform((v) => (v ? v : null)),
  status: z.enum(EXPOSURE_STATUSES, "errors.exposure.statusUnknown" satisfies MessageKey).default("active"),
  notes: z
    .string()
    .max(5000, "errors.exposure.notesTooLong" satisfies MessageKey)
    .default(""),
});
export type ExposureFields = z.infer<typeof ExposureFieldsSchema>;

/**
 * "I checked: it is gone": the day the person checked (today or before; "today" anywhere on earth, so someone
 * east of the server is not refused).
 */
export function checkedGoneSchema(now = new Date()) {
  const latest = calendarDateIn(now, "Pacific/Kiritimati");
  return z.object({
    checkedOn: isoDate.refine((d) => d <= latest, "errors.exposure.checkedFuture" satisfies MessageKey),
  });
}

export const ExposureIntentSchema = z.enum(["update", "delete", "upload", "strip", "recheck", "gone"]);

export const StripEvidenceSchema = z.object({ evidenceId: z.string().min(1).max(40) });

export const BulkExposuresSchema = ExposureFieldsSchema.omit({
  url: true,
  status: true,
  severityOverride: true,
}).extend({
  urls: z
    .string()
    .max(2_000_000, "errors.exposure.listTooLong" satisfies MessageKey)
    .default(""),
});
