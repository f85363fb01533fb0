// The directory's form and query schemas, read by the loaders and actions (server only; the labels and the
// channel lines the pages show are in ./forms).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { type Channel, channelKinds, channelPurposes, channelSchema, recipientKinds } from "./model.server";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.directory.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

/** GET /directory and /api/v1/recipients. Unknown or empty parameters are dropped, bad ones are 400. */
export const searchParamsSchema = z.object({
  q: optionalText(200),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "errors.directory.countryCode")
    .transform((v) => v.toUpperCase())
    .optional()
    .or(z.literal("").transform(() => undefined)),
  kind: z
    .enum(recipientKinds)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  category: optionalText(60),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type SearchParams = Partial<z.infer<typeof searchParamsSchema>>;

export function readSearchParams(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["q", "country", "kind", "category", "page"]) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return searchParamsSchema.safeParse(raw);
}

/** Splits "a.com, b.org\nc.net" into items. */
export const listField = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

// A channel's address becomes a link on the directory and case pages: a web form must be an
// http(s) address, an email an email address, and no address may start with another scheme (javascript:,
// data:, file: …). "Attn: Legal" (a colon followed by a space) is text, not a scheme.
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\s)/i;
const EmailAddress = z.email();

/** A channel line's error as a message: the page writes it in its language (`t(key, values)`). */
export type ChannelLineError = {
  key: MessageKey;
  values: { line: number; kinds?: string; purposes?: string };
};

function refusedAddress(c: Channel): MessageKey | null {
  const scheme = SCHEME.exec(c.address)?.[1]?.toLowerCase();
  if (c.kind === "webform") {
    let url: URL | null = null;
    try {
      url = new URL(c.address);
    } catch {}
    return url && (url.protocol === "https:" || url.protocol === "http:")
      ? null
      : "errors.directory.channel.webform";
  }
  if (c.kind === "email")
    return EmailAddress.safeParse(c.address).success ? null : "errors.directory.channel.email";
  if (scheme && !["http", "https", "mailto"].includes(scheme)) return "errors.directory.channel.scheme";
  return null;
}

/** One channel per line: "kind, purpose, address[, label]", e.g. "email, abuse, abuse@example.org". */
export function parseChannelLines(text: string): { channels: Channel[]; errors: ChannelLineError[] } {
  const channels: Channel[] = [];
  const errors: ChannelLineError[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const [kind, purpose, address, ...label] = line.split(",").map((p) => p.trim());
      const parsed = channelSchema.safeParse({
        kind: kind?.toLowerCase(),
        purpose: purpose?.toLowerCase(),
        address,
        label: label.join(", ") || undefined,
      });
      const refused = parsed.success ? refusedAddress(parsed.data) : null;
      if (refused) errors.push({ key: refused, values: { line: i + 1 } });
      else if (parsed.success) channels.push(parsed.data);
      else
        errors.push({
          key: "errors.directory.channel.shape",
          values: { line: i + 1, kinds: channelKinds.join("/"), purposes: channelPurposes.join("/") },
        });
    });
  return { channels, errors };
}

const urlMissing: MessageKey = "errors.directory.urlMissing";
const urlTooLong: MessageKey = "errors.directory.urlTooLong";
const nameMissing: MessageKey = "errors.directory.nameMissing";
const nameEmpty: MessageKey = "errors.directory.nameEmpty";
const tooLong: MessageKey = "errors.directory.tooLong";

export const matchFormSchema = z.object({
  intent: z.literal("match"),
  url: z.string().trim().min(1, urlMissing).max(4096, urlTooLong),
});

export const addRecipientFormSchema = z.object({
  intent: z.literal("add"),
  name: z.string().trim().min(1, nameMissing).max(300, tooLong),
  kind: z.enum(recipientKinds, "errors.directory.kind"),
  domains: listField,
  countries: listField,
  channels: z.string().max(20_000, tooLong).optional().default(""),
  notes: optionalText(4000),
});

export const correctFormSchema = z.object({
  intent: z.literal("correct"),
  name: z.string().trim().min(1, nameEmpty).max(300, tooLong),
  legalEntity: optionalText(300),
  domains: listField,
  countries: listField,
  channels: z.string().max(20_000, tooLong).optional().default(""),
  notes: optionalText(4000),
  note: optionalText(1000),
});

export const removeCorrectionFormSchema = z.object({ intent: z.literal("remove-correction") });

export const RecipientParamsSchema = z.object({ recipientId: z.string().min(1).max(200) });

export const RegimeQuerySchema = z.object({
  residence: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((v) => v.toUpperCase())
    .optional()
    .catch(undefined),
  region: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/)
    .transform((v) => v.toUpperCase())
    .optional()
    .catch(undefined),
  ownPhotos: z.literal("1").optional().catch(undefined),
});
