// The /api/v1 shapes as zod schemas: request bodies, query strings and answers. The handlers parse with these
// and the OpenAPI document (app/api/openapi.ts) is generated from them, so the two cannot drift apart.
import { z } from "zod";
import { EXPOSED_KINDS, EXPOSURE_STATUSES, SEVERITIES } from "~/exposures/categories";
import { isoDate } from "~/exposures/schemas.server";
import { CONTACT_ADDRESS_CHOICES } from "~/requests/compose/forms";
import { LANGS, REGIMES } from "~/requests/compose/variables";
import { KIND_IDS } from "~/requests/kinds";
import { REFUSAL_REASONS, REPLY_OUTCOMES, REQUEST_STATES } from "~/requests/tracking/lifecycle";

export { ApiSubjectSchema } from "./subjects-schemas.server";

const id = z.string().min(1).max(40).meta({ description: "An opaque id (URL-safe, at most 40 characters)." });
const isoDateTime = z.iso.datetime().meta({ description: "ISO 8601 date and time (UTC)." });
const day = z.iso.date().meta({ description: "A calendar date, YYYY-MM-DD." });

// ── Errors ─────────────────────────────────────────────────────────────────────────────────────
export const ApiErrorSchema = z
  .object({
    error: z.string().meta({ description: "What went wrong, in words." }),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "For 400: each invalid field (dotted path) and why." }),
  })
  .meta({ title: "Error" });

// ── Paths and query strings ────────────────────────────────────────────────────────────────────
export const SubjectParams = z.object({ subjectId: id });
export const CaseParams = z.object({ caseId: id });
export const ExposureParams = z.object({ caseId: id, exposureId: id });
export const RequestParams = z.object({ requestId: id });

export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const RequestListQuery = PageQuery.extend({
  status: z.enum(REQUEST_STATES).optional(),
  caseId: id.optional(),
}).strict();

export const DeadlineQuery = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(0)
      .max(366)
      .default(30)
      .meta({ description: "Due within this many days from today (overdue ones are always listed)." }),
  })
  .strict();

// ── Request bodies ─────────────────────────────────────────────────────────────────────────────
const list = z.array(z.string().max(300)).max(20);

export const ApiSubjectPatchSchema = z
  .object({
    name: z.string(),
    aliases: list,
    emails: list,
    phones: list,
    addresses: list,
    usernames: list,
    country: z.string(),
    region: z.string().max(6),
    notes: z.string(),
  })
  .partial()
  .strict()
  .meta({ description: "Only the fields sent change; lists replace the stored list." });

export const ApiCaseCreateSchema = z
  .object({
    subjectId: id,
    title: z
      .string()
      .trim()
      .min(1, "Give the case a short title.")
      .max(200, "The title can have at most 200 characters."),
  })
  .strict();

export const ApiCasePatchSchema = z.object({ status: z.enum(["open", "closed"]) }).strict();

export const ApiExposureCreateSchema = z
  .object({
    url: z
      .string()
      .min(1)
      .max(4096)
      .meta({ description: "Normalised as in the web form (scheme added, tracking removed)." }),
    exposed: z.array(z.enum(EXPOSED_KINDS)).max(EXPOSED_KINDS.length).default([]),
    callsForHarm: z.boolean().default(false),
    foundOn: isoDate.optional().meta({ description: "YYYY-MM-DD; today when left out." }),
    severityOverride: z.enum(SEVERITIES).nullable().default(null),
    status: z.enum(EXPOSURE_STATUSES).default("active"),
    notes: z.string().max(5000).default(""),
  })
  .strict();

export const ApiExposurePatchSchema = z.object({ status: z.enum(EXPOSURE_STATUSES) }).strict();

export const ApiRequestCreateSchema = z
  .object({
    caseId: id,
    recipientId: id
      .optional()
      .meta({ description: "The recipient (directory id) whose places in the case the letter covers." }),
    exposureIds: z
      .array(id)
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "Or the exposures themselves (all at one recipient)." }),
    kind: z.enum(KIND_IDS),
    regime: z.enum(REGIMES).optional().meta({ description: "The law; the first that fits when left out." }),
    lang: z.enum(LANGS).optional(),
    channel: z.enum(["email", "pdf", "webform"]).optional(),
    address: z
      .string()
      .max(3000)
      .optional()
      .meta({ description: "Email address, web form URL or postal address; the directory's when left out." }),
    requesterName: z.string().max(200).optional(),
    requesterEmail: z.string().max(320).optional(),
    contactAddress: z.enum(CONTACT_ADDRESS_CHOICES).optional().meta({
      description:
        "Which postal address the letter carries: none (email only, the default), typed (requesterAddress: a representative's, a PO box, an organisation's) or home (the person's first address on file).",
    }),
    requesterAddress: z
      .string()
      .max(1000)
      .optional()
      .meta({ description: "The address to put in the letter when contactAddress is typed." }),
    requesterPhone: z
      .string()
      .max(60)
      .optional()
      .meta({ description: "A phone number for the letter; none is put in when left out." }),
    authorityName: z.string().max(300).optional().meta({
      description: "The supervisory authority the letter names; a default for the law when left out.",
    }),
    particularSituation: z.string().max(5000).optional(),
    stateLaw: z.string().max(2).optional(),
  })
  .strict()
  .refine((v) => v.recipientId || v.exposureIds, {
    message: "Name the recipientId or the exposureIds the letter covers.",
    path: ["recipientId"],
  });

/** Moves a request through its lifecycle (app/requests/tracking/lifecycle.ts); "send" sends a draft as the web does. */
export const ApiRequestEventSchema = z
  .discriminatedUnion("event", [
    z.object({ event: z.literal("send") }).strict(),
    z.object({ event: z.literal("acknowledge") }).strict(),
    z.object({ event: z.literal("announce_extension"), newDueOn: day }).strict(),
    z
      .object({
        event: z.literal("reply"),
        outcome: z.enum(REPLY_OUTCOMES),
        reason: z.enum(REFUSAL_REASONS).optional(),
      })
      .strict(),
    z.object({ event: z.literal("authority_outcome") }).strict(),
    z.object({ event: z.literal("close") }).strict(),
  ])
  .refine((v) => v.event !== "reply" || v.outcome !== "refused" || v.reason, {
    message: "A refusal needs its reason.",
    path: ["reason"],
  });

// ── Answers ────────────────────────────────────────────────────────────────────────────────────
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

export const SubjectOut = z
  .object({
    id,
    name: z.string(),
    aliases: z.array(z.string()),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    addresses: z.array(z.string()),
    usernames: z.array(z.string()),
    country: z.string(),
    /** The US state, German Land or UK nation ("VA"); "" when not given. */
    region: z.string(),
    notes: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ title: "Subject" });
export const SubjectSummaryOut = z.object({ id, name: z.string() }).meta({ title: "SubjectSummary" });
export const SubjectPageOut = page(SubjectSummaryOut);

export const CaseOut = z
  .object({
    id,
    subjectId: id,
    title: z.string(),
    status: z.enum(["open", "closed"]),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ title: "Case" });
export const CaseSummaryOut = z
  .object({
    id,
    subjectId: id,
    subjectName: z.string(),
    title: z.string(),
    status: z.enum(["open", "closed"]),
    updatedAt: isoDateTime,
    exposures: z.number().int(),
    stillUp: z.number().int(),
    removed: z.number().int(),
  })
  .meta({ title: "CaseSummary" });
export const CasePageOut = page(CaseSummaryOut);

export const ExposureOut = z
  .object({
    id,
    caseId: id,
    url: z.string(),
    host: z.string(),
    recipientId: z.string().nullable(),
    exposed: z.array(z.enum(EXPOSED_KINDS)),
    callsForHarm: z.boolean(),
    foundOn: day,
    severity: z.enum(SEVERITIES),
    computedSeverity: z.enum(SEVERITIES),
    severityOverridden: z.boolean(),
    status: z.enum(EXPOSURE_STATUSES),
    notes: z.string(),
    updatedAt: isoDateTime,
  })
  .meta({ title: "Exposure" });
export const ExposureListOut = z.object({ items: z.array(ExposureOut) });

export const RequestSummaryOut = z
  .object({
    id,
    caseId: id,
    reference: z.string(),
    kind: z.string(),
    regime: z.string(),
    channel: z.enum(["email", "pdf", "webform"]),
    recipientId: z.string().nullable(),
    recipientName: z.string(),
    status: z.enum(REQUEST_STATES),
    overdue: z.boolean(),
    createdAt: isoDateTime,
    sentAt: isoDateTime.nullable(),
    sentOn: day.nullable(),
    dueOn: day.nullable().meta({ description: "The legal due date computed when the letter was sent." }),
    extendedDueOn: day.nullable().meta({ description: "The latest date if the recipient may extend." }),
    acknowledgeBy: day.nullable(),
    announcedDueOn: day.nullable().meta({ description: "A new date the recipient announced." }),
    due: day.nullable().meta({ description: "The date the answer is due now (announced, else dueOn)." }),
  })
  .meta({ title: "RequestSummary" });
export const RequestOut = RequestSummaryOut.extend({
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  timeline: z.array(
    z.object({ at: isoDateTime, kind: z.string(), text: z.string(), note: z.string().optional() }),
  ),
}).meta({ title: "Request" });
export const RequestPageOut = page(RequestSummaryOut);

export const DeadlineOut = z
  .object({
    requestId: id,
    caseId: id,
    reference: z.string(),
    recipientName: z.string(),
    status: z.enum(REQUEST_STATES),
    due: day,
    overdue: z.boolean(),
    daysLeft: z.number().int().meta({ description: "Negative when overdue." }),
  })
  .meta({ title: "Deadline" });
export const DeadlineListOut = z.object({ today: day, until: day, items: z.array(DeadlineOut) });
