// The exposure forms' schemas, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import { calendarDateIn } from "~/deadlines/dates";
import { EXPOSED_KINDS, EXPOSURE_STATUSES, SEVERITIES } from "./categories";
import { normaliseUrl } from "./url";

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD.")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "This date does not exist.",
  );

export const UrlSchema = z.string().transform((v, ctx) => {
  const r = normaliseUrl(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  }
  return r.value;
});

/** The exposure form, shared by the action and the page. */
export const ExposureFieldsSchema = z.object({
  url: UrlSchema,
  exposed: z.array(z.enum(EXPOSED_KINDS, "Choose what is exposed from the list.")).default([]),
  callsForHarm: z
    .union([z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "true"),
  foundOn: isoDate.optional().transform((v) => v ?? new Date().toISOString().slice(0, 10)),
  severityOverride: z
    .union([z.enum(SEVERITIES), z.literal("")])
    .optional()
    .transform((v) => (v ? v : null)),
  status: z.enum(EXPOSURE_STATUSES, "Choose a status from the list.").default("active"),
  notes: z.string().max(5000, "Notes can have at most 5,000 characters.").default(""),
});
export type ExposureFields = z.infer<typeof ExposureFieldsSchema>;

/**
 * "I checked: it is gone": the day the person checked (today or before; "today" anywhere on earth, so someone
 * east of the server is not refused).
 */
export function checkedGoneSchema(now = new Date()) {
  const latest = calendarDateIn(now, "Pacific/Kiritimati");
  return z.object({
    checkedOn: isoDate.refine((d) => d <= latest, "The day you checked cannot be in the future."),
  });
}

export const ExposureIntentSchema = z.enum(["update", "delete", "upload", "strip", "recheck", "gone"]);

export const StripEvidenceSchema = z.object({ evidenceId: z.string().min(1).max(40) });

export const BulkExposuresSchema = ExposureFieldsSchema.omit({
  url: true,
  status: true,
  severityOverride: true,
}).extend({
  urls: z.string().max(2_000_000, "The list is too long.").default(""),
});
