// The recipient directory's vocabulary: one zod schema for a directory record, shared by the vendored seed
// files, the importer and the workspace forms, so every source is checked against the same shape.
import { z } from "zod";
import { DIRECTORY_KINDS } from "~/requests/kinds";

// The kinds themselves live in ./labels (no zod), beside their words, for pages that list them.
import { channelKinds, channelPurposes, recipientKinds } from "./labels";

export { channelKinds, channelPurposes, recipientKinds };
export type RecipientKind = (typeof recipientKinds)[number];
export type ChannelKind = (typeof channelKinds)[number];
export type ChannelPurpose = (typeof channelPurposes)[number];

/** The letter kinds a directory record may list (the registry's `directory` ones); the requests own the rest. */
export const letterKinds = DIRECTORY_KINDS;

export const qualities = ["verified", "tested", "scraped"] as const;
export type Quality = (typeof qualities)[number];

export const recordSources = ["datenanfragen", "data-brokers", "curated"] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** ISO 3166-1 alpha-2 in upper case, or "ALL" for "relevant everywhere" (datenanfragen's `all`). */
export const countryCode = z
  .string()
  .transform((c) => c.trim().toUpperCase())
  .pipe(z.string().regex(/^(?:[A-Z]{2}|ALL)$/, "a two-letter country code"));

export const channelSchema = z.object({
  kind: z.enum(channelKinds),
  purpose: z.enum(channelPurposes),
  address: z.string().trim().min(1).max(2000),
  label: z.string().trim().max(200).optional(),
});
export type Channel = z.infer<typeof channelSchema>;

export const sourceRefSchema = z.object({
  url: z.url(),
  /** When the source was read or the record last checked against it, if known. */
  date: isoDate.optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/**
 * A domain a recipient answers for: a registrable domain ("facebook.com"), a host ("people.yellowpages.com",
 * which wins over its registrable domain) or "name.*" for every ICANN suffix of a brand ("google.*").
 */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z0-9-]{2,63}|\*)$/, "a domain name");

/** A search URL template: https, and only the placeholders the checklist fills (app/finding/links.ts). */
const searchUrlTemplate = z
  .string()
  .trim()
  .refine((t) => t.startsWith("https://") && /\{(?:query|name|region)\}/.test(t), "an https URL with {query}")
  .refine((t) => (t.match(/\{[^}]*\}/g) ?? []).every((p) => ["{query}", "{name}", "{region}"].includes(p)));

export const directoryRecordSchema = z.object({
  /** Stable across imports: "<source>:<id in the source>". */
  sourceId: z.string().regex(/^(?:datenanfragen|data-brokers|curated):[A-Za-z0-9_.-]+$/),
  source: z.enum(recordSources),
  kind: z.enum(recipientKinds),
  name: z.string().trim().min(1),
  legalEntity: z.string().trim().min(1).optional(),
  countries: z.array(countryCode).default([]),
  categories: z.array(z.string()).default([]),
  domains: z.array(domainSchema).default([]),
  parentSourceId: z.string().optional(),
  channels: z.array(channelSchema).default([]),
  letterKinds: z.array(z.enum(letterKinds)).default([]),
  address: z.string().optional(),
  phone: z.string().optional(),
  web: z.url().optional(),
  /** Where a person searches the site for themselves: an https URL with {query}, {name} or {region} in it. */
  searchUrl: searchUrlTemplate.optional(),
  sources: z.array(sourceRefSchema).min(1),
  /** Null where the source does not rate its records (datenanfragen's supervisory authorities). */
  quality: z.enum(qualities).nullable(),
  /** The date the record as a whole was last checked, if the source says. */
  verified: isoDate.optional(),
  notes: z.string().optional(),
  /** Source-specific extras kept verbatim (request language, required identification, opt-out process…). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type DirectoryRecord = z.infer<typeof directoryRecordSchema>;
