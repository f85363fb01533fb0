// The incident pages' zod schemas, read by the actions and loaders (server only; the limits and labels the
// pages show are in ./limits).
import { z } from "zod";
import { EXPOSED_KINDS } from "~/exposures/categories";
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
  name: z
    .string()
    .trim()
    .min(1, key("incidents.roster.errors.nameMissing"))
    .max(200, key("incidents.roster.errors.nameTooLong")),
  email: z
    .string()
    .trim()
    .min(1, key("incidents.roster.errors.emailMissing"))
    .max(320, key("incidents.roster.errors.emailTooLong"))
    .pipe(z.email(key("incidents.roster.errors.emailInvalid"))),
  unit: z.string().trim().max(200, key("incidents.roster.errors.unitTooLong")).default(""),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, key("incidents.roster.errors.country"))
    .default(""),
});
export type RosterRow = z.output<typeof RosterRowSchema>;

/** Preview (upload or paste) and confirm share one shape: the CSV text travels in `csv` on confirm. */
export const RosterSubmitSchema = z.object({
  intent: z.enum(["preview", "confirm"], key("incidents.roster.errors.intent")),
  csv: z.string().max(MAX_ROSTER_BYTES, key("incidents.roster.errors.tooLargeSchema")).default(""),
});

/** The day the addresses were found (a real calendar day; its message a key, as the rest of this form's). */
const foundOnDate = z.iso.date(key("errors.date.format"));

const subjectIds = z
  .array(z.string().min(1).max(40))
  .max(MAX_ROSTER_ROWS * 2)
  .default([]);

/** Who a pasted list of URLs exposes: everyone, one unit, or the people ticked. */
export const UrlImportSchema = z
  .object({
    intent: z.literal("import").default("import"),
    urls: z.string().max(500_000, key("incidents.urls.errors.listTooLong")).default(""),
    target: z.enum(["all", "unit", "chosen"], key("incidents.urls.errors.target")),
    unit: z.string().max(100).default(""),
    people: subjectIds,
    exposed: z.array(z.enum(EXPOSED_KINDS, key("incidents.urls.errors.exposed"))).default([]),
    callsForHarm: z
      .union([z.literal("on"), z.literal("true"), z.literal("")])
      .optional()
      .transform((v) => v === "on" || v === "true"),
    foundOn: foundOnDate.optional().transform((v) => v ?? new Date().toISOString().slice(0, 10)),
  })
  .superRefine((v, ctx) => {
    if (!v.urls.trim())
      ctx.addIssue({ code: "custom", path: ["urls"], message: key("incidents.urls.errors.noUrls") });
    if (v.target === "unit" && !v.unit)
      ctx.addIssue({ code: "custom", path: ["unit"], message: key("incidents.urls.errors.unit") });
    if (v.target === "chosen" && v.people.length === 0)
      ctx.addIssue({ code: "custom", path: ["people"], message: key("incidents.urls.errors.people") });
  });

/** The people an incident URL exposes, as ticked on its page (links added and removed to match). */
export const UrlLinksSchema = z.object({
  /** "links": exactly the ticked people among those shown; "all": everyone on the roster (works without JS). */
  intent: z.enum(["links", "all"], key("incidents.urls.errors.chooseAction")).default("links"),
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
