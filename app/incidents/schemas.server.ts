// The incident pages' zod schemas, read by the actions and loaders (server only; the limits and labels the
// pages show are in ./limits).
import { z } from "zod";
import { EXPOSED_KINDS } from "~/exposures/categories";
import { isoDate } from "~/exposures/schemas.server";
import type { MessageKey } from "~/i18n/translate";
import { MATRIX_STATES, MAX_ROSTER_BYTES, MAX_ROSTER_ROWS } from "./limits";

/** Messages are keys (decision 123): the route translates a failure with translateFailure. */
const key = (k: MessageKey) => k;

export const IncidentCreateSchema = z.object({
  intent: z.literal("create").default("create"),
  title: z
    .string()
    .trim()
    .min(1, key("incidents.errors.titleMissing"))
    .max(200, key("incidents.errors.titleTooLong")),
  description: z.string().trim().max(5000, key("incidents.errors.descriptionTooLong")).default(""),
});

/** One roster row, after the header has been mapped to these four fields. */
export const RosterRowSchema = z.object({
  name: z.string().trim().min(1, "The name is missing.").max(200, "The name is longer than 200 characters."),
  email: z
    .string()
    .trim()
    .min(1, "The work email is missing.")
    .max(320, "The work email is too long.")
    .pipe(z.email("This is not a valid email address (like name@example.com).")),
  unit: z.string().trim().max(200, "The unit is longer than 200 characters.").default(""),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, "Write the country as a two-letter code, like DE or KR, or leave it empty.")
    .default(""),
});
export type RosterRow = z.output<typeof RosterRowSchema>;

/** Preview (upload or paste) and confirm share one shape: the CSV text travels in `csv` on confirm. */
export const RosterSubmitSchema = z.object({
  intent: z.enum(["preview", "confirm"], "Choose preview or confirm."),
  csv: z
    .string()
    .max(MAX_ROSTER_BYTES, "The roster is larger than 2 MB. Split it into smaller files.")
    .default(""),
});

const subjectIds = z
  .array(z.string().min(1).max(40))
  .max(MAX_ROSTER_ROWS * 2)
  .default([]);

/** Who a pasted list of URLs exposes: everyone, one unit, or the people ticked. */
export const UrlImportSchema = z
  .object({
    intent: z.literal("import").default("import"),
    urls: z.string().max(500_000, "The list is too long.").default(""),
    target: z.enum(["all", "unit", "chosen"], "Choose who these addresses expose."),
    unit: z.string().max(100).default(""),
    people: subjectIds,
    exposed: z.array(z.enum(EXPOSED_KINDS, "Choose what is exposed from the list.")).default([]),
    callsForHarm: z
      .union([z.literal("on"), z.literal("true"), z.literal("")])
      .optional()
      .transform((v) => v === "on" || v === "true"),
    foundOn: isoDate.optional().transform((v) => v ?? new Date().toISOString().slice(0, 10)),
  })
  .superRefine((v, ctx) => {
    if (!v.urls.trim())
      ctx.addIssue({ code: "custom", path: ["urls"], message: "Paste at least one web address." });
    if (v.target === "unit" && !v.unit)
      ctx.addIssue({ code: "custom", path: ["unit"], message: "Choose a unit." });
    if (v.target === "chosen" && v.people.length === 0)
      ctx.addIssue({ code: "custom", path: ["people"], message: "Tick at least one person." });
  });

/** The people an incident URL exposes, as ticked on its page (links added and removed to match). */
export const UrlLinksSchema = z.object({
  /** "links": exactly the ticked people among those shown; "all": everyone on the roster (works without JS). */
  intent: z.enum(["links", "all"], "Choose what to do.").default("links"),
  people: subjectIds,
  /** The ids the page showed, so a person on another page of the list is not unlinked by accident. */
  shown: subjectIds,
});

const one = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v[0] : v) ?? "")
    .pipe(z.string().trim().max(max));

/** The matrix's GET filters (unknown values are refused with 400, empty ones mean "any"). */
export const MatrixFilterSchema = z.object({
  unit: one(100),
  recipient: one(100),
  state: one(40).pipe(z.union([z.literal(""), z.enum(MATRIX_STATES, key("incidents.errors.chooseState"))])),
  q: one(200),
  page: one(10).pipe(
    z
      .string()
      .regex(/^\d*$/, key("incidents.errors.pageNumber"))
      .transform((v) => Math.max(1, Math.min(100_000, Number(v) || 1))),
  ),
});
export type MatrixFilter = z.output<typeof MatrixFilterSchema>;

export const IncidentParams = z.object({ incidentId: z.string().min(1).max(40) });
export const IncidentUrlParams = IncidentParams.extend({ urlId: z.string().min(1).max(40) });

export const ProgressQuerySchema = z.object({ unit: z.string().max(200).optional().catch(undefined) });
