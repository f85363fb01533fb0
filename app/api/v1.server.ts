// The /api/v1 handlers: each takes the parsed input of its endpoint (app/api/endpoints.ts), calls the domain
// modules the web pages call (same scoping, same audit of decrypting reads) and returns the JSON answer.
import type { z } from "zod";
import { createCase, getCase, listCases, setCaseStatus } from "~/cases/cases.server";
import {
  createExposure,
  DuplicateExposureError,
  type Exposure,
  ExposureFieldsSchema,
  getExposure,
  listExposures,
  updateExposure,
} from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import {
  defaultAuthority,
  defaultLang,
  detailsFromSubject,
  recipientGroups,
} from "~/requests/compose/compose.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { stateLawOf } from "~/requests/compose/state-laws";
import { listRequests, requestSummary, upcomingDeadlines } from "~/requests/list.server";
import { getRequest, moveRequest, timeline } from "~/requests/requests.server";
import { LetterNotSendableError } from "~/requests/sendable";
import { LetterFrozenError, LetterInputError, sendLetter, writeLetter } from "~/requests/store.server";
import type { RequestEvent } from "~/requests/tracking/lifecycle";
import {
  createSubject,
  getSubject,
  pageSubjectNames,
  type Subject,
  SubjectFieldsSchema,
  subjectExists,
  updateSubject,
} from "~/subjects/subjects.server";
import { notFound } from "~/workspaces/scope.server";
import type { ENDPOINTS as E } from "./endpoints.server";
import { ApiError, type Input, invalid } from "./run.server";
import type * as s from "./schemas.server";
import { parseApiSubject } from "./subjects-schemas.server";

type Json<S extends z.ZodType> = z.input<S>;
const iso = (d: Date) => d.toISOString();

// ── Subjects ───────────────────────────────────────────────────────────────────────────────────
const subjectOut = (x: Subject): Json<typeof s.SubjectOut> => ({
  ...x,
  createdAt: iso(x.createdAt),
  updatedAt: iso(x.updatedAt),
});

export function listSubjectsApi({
  scope,
  query,
}: Input<typeof E.listSubjects>): Json<typeof s.SubjectPageOut> {
  return { ...pageSubjectNames(scope, query), ...query };
}

export function createSubjectApi({ scope, body }: Input<typeof E.createSubject>) {
  const fields = SubjectFieldsSchema.safeParse(body);
  if (!fields.success) invalid(fields.error, "subject");
  return subjectOut(getSubject(scope, createSubject(scope, fields.data)));
}

export function getSubjectApi({ scope, params }: Input<typeof E.getSubject>) {
  return subjectOut(getSubject(scope, params.subjectId));
}

export function updateSubjectApi({ scope, params, body }: Input<typeof E.updateSubject>) {
  const current = getSubject(scope, params.subjectId);
  const { id: _i, createdAt: _c, updatedAt: _u, ...fields } = current;
  const merged = parseApiSubject({ ...fields, ...body });
  if (!merged.success) invalid(merged.error, "subject");
  updateSubject(scope, params.subjectId, merged.data);
  return subjectOut(getSubject(scope, params.subjectId));
}

// ── Cases ──────────────────────────────────────────────────────────────────────────────────────
const caseOut = (c: ReturnType<typeof getCase>): Json<typeof s.CaseOut> => ({
  id: c.id,
  subjectId: c.subjectId,
  title: c.title,
  status: c.status as "open" | "closed",
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

export function listCasesApi({ scope, query }: Input<typeof E.listCases>): Json<typeof s.CasePageOut> {
  const { items, total } = listCases(scope, query);
  return {
    items: items.map((c) => ({ ...c, status: c.status as "open" | "closed", updatedAt: iso(c.updatedAt) })),
    total,
    ...query,
  };
}

export function createCaseApi({ scope, body }: Input<typeof E.createCase>) {
  // Another workspace's (or, for a caseworker, an unassigned) subject is unknown here: 404 as everywhere.
  if (!subjectExists(scope, body.subjectId)) notFound("This person");
  return caseOut(getCase(scope, createCase(scope, body)));
}

export function getCaseApi({ scope, params }: Input<typeof E.getCase>) {
  return caseOut(getCase(scope, params.caseId));
}

export function updateCaseApi({ scope, params, body }: Input<typeof E.updateCase>) {
  getCase(scope, params.caseId);
  setCaseStatus(scope, params.caseId, body.status);
  return caseOut(getCase(scope, params.caseId));
}

// ── Exposures ──────────────────────────────────────────────────────────────────────────────────
const exposureOut = ({ platform: _p, ...x }: Exposure): Json<typeof s.ExposureOut> => ({
  ...x,
  updatedAt: iso(x.updatedAt),
});

export function listExposuresApi({ scope, params }: Input<typeof E.listExposures>) {
  getCase(scope, params.caseId);
  return { items: listExposures(scope, params.caseId).map(exposureOut) };
}

export function createExposureApi({ scope, params, body }: Input<typeof E.createExposure>) {
  getCase(scope, params.caseId); // 404 unless the case is in scope, as the web form's action
  // The web form's schema does the normalising (URL, date default): one rule for both.
  const fields = ExposureFieldsSchema.safeParse({
    ...body,
    callsForHarm: body.callsForHarm ? "true" : "",
    severityOverride: body.severityOverride ?? "",
  });
  if (!fields.success) invalid(fields.error, "exposure");
  try {
    const id = createExposure(scope, params.caseId, fields.data);
    return exposureOut(getExposure(scope, params.caseId, id));
  } catch (e) {
    if (e instanceof DuplicateExposureError) throw new ApiError(409, e.message);
    throw e;
  }
}

export function getExposureApi({ scope, params }: Input<typeof E.getExposure>) {
  return exposureOut(getExposure(scope, params.caseId, params.exposureId));
}

export function updateExposureApi({ scope, params, body }: Input<typeof E.updateExposure>) {
  const x = getExposure(scope, params.caseId, params.exposureId);
  const url = normaliseUrl(x.url);
  if (!url.ok)
    throw new ApiError(409, "This exposure's stored address no longer parses; edit it on the web.");
  updateExposure(scope, params.caseId, params.exposureId, {
    url: url.value,
    exposed: x.exposed,
    callsForHarm: x.callsForHarm,
    foundOn: x.foundOn,
    severityOverride: x.severityOverridden ? x.severity : null,
    status: body.status,
    notes: x.notes,
  });
  return exposureOut(getExposure(scope, params.caseId, params.exposureId));
}

// ── Requests ───────────────────────────────────────────────────────────────────────────────────
type Summary = ReturnType<typeof requestSummary>;
const summaryOut = (r: Summary): Json<typeof s.RequestSummaryOut> => ({
  ...r,
  createdAt: iso(r.createdAt),
  sentAt: r.sentAt ? iso(r.sentAt) : null,
});

function requestOut(scope: Input<typeof E.getRequest>["scope"], id: string): Json<typeof s.RequestOut> {
  const tracked = getRequest(scope, id);
  const r = requestSummary(scope, id);
  return {
    ...summaryOut(r),
    refusalReason: tracked.refusalReason,
    timeline: timeline(scope, r.caseId, id).map((t) => ({
      at: iso(t.at),
      kind: t.kind,
      text: t.text,
      ...(t.note === undefined ? {} : { note: t.note }),
    })),
  };
}

export function listRequestsApi({
  scope,
  query,
}: Input<typeof E.listRequests>): Json<typeof s.RequestPageOut> {
  const { items, total } = listRequests(scope, query);
  return { items: items.map(summaryOut), total, limit: query.limit, offset: query.offset };
}

export function getRequestApi({ scope, params }: Input<typeof E.getRequest>) {
  return requestOut(scope, params.requestId);
}

/**
 * A draft from the case, as the web's "write a letter" page makes it: the exposures at one recipient, the
 * letter kinds that apply there, the recipient's channel, and the details filled in from the subject.
 */
export function createRequestApi({ scope, body }: Input<typeof E.createRequest>) {
  const kase = getCase(scope, body.caseId);
  const subject = getSubject(scope, kase.subjectId);
  const residence = subject.country || null;
  const exposures = listExposures(scope, kase.id);
  const groups = recipientGroups(scope.workspaceId, exposures, { residence, region: subject.region || null });
  const group = body.exposureIds
    ? groups.find((g) => g.exposures.some((x) => body.exposureIds!.includes(x.id)))
    : groups.find((g) => g.recipientId === body.recipientId);
  if (!group)
    throw new ApiError(400, "No exposure of this case is at that recipient.", [
      { path: body.exposureIds ? "exposureIds" : "recipientId", message: "Not in this case." },
    ]);
  const option = group.options.find(
    (o) => o.kind === body.kind && (!body.regime || o.regime === body.regime),
  );
  if (!option)
    throw new ApiError(
      400,
      `This kind of letter does not apply to ${group.name}. It can take: ${
        group.options.map((o) => o.value).join(", ") || "none"
      }.`,
      [{ path: "kind", message: "Not available for this recipient." }],
    );
  // The channel asked for, else the recipient's first one this kind of letter can use; the directory's address
  // for it unless one is given.
  const channel =
    body.channel ?? option.destinations.find((d) => option.channels.includes(d.channel))?.channel ?? "pdf";
  const known = option.destinations.find((d) => d.channel === channel)?.value.slice(channel.length + 1);
  const destination = `${channel}|${body.address ?? known ?? ""}`;
  const details = LetterDetailsSchema.safeParse({
    ...detailsFromSubject(subject),
    authorityName: defaultAuthority(option.regime, residence, subject.region || null),
    exposureIds: body.exposureIds ?? group.exposures.map((x) => x.id),
    option: option.value,
    lang: body.lang ?? defaultLang(residence),
    destination,
    ...(body.requesterName === undefined ? {} : { requesterName: body.requesterName }),
    ...(body.requesterEmail === undefined ? {} : { requesterEmail: body.requesterEmail }),
    // No address or phone unless asked for (docs/legal.md §2): detailsFromSubject fills neither.
    ...(body.contactAddress === undefined ? {} : { contactAddress: body.contactAddress }),
    ...(body.requesterAddress === undefined ? {} : { requesterAddress: body.requesterAddress }),
    ...(body.requesterPhone === undefined ? {} : { requesterPhone: body.requesterPhone }),
    ...(body.authorityName === undefined ? {} : { authorityName: body.authorityName }),
    ...(body.particularSituation === undefined ? {} : { particularSituation: body.particularSituation }),
    // A US state letter names the law of the person's state unless the request names one.
    stateLaw: body.stateLaw ?? (residence === "US" ? (stateLawOf(subject.region)?.code ?? "") : ""),
  });
  if (!details.success) invalid(details.error, "letter details");
  try {
    return requestOut(scope, writeLetter(scope, kase.id, details.data));
  } catch (e) {
    if (e instanceof LetterInputError)
      throw new ApiError(400, e.message, e.field ? [{ path: e.field, message: e.message }] : undefined);
    throw e;
  }
}

export function updateRequestApi({ scope, params, body }: Input<typeof E.updateRequest>) {
  const r = getRequest(scope, params.requestId);
  try {
    if (body.event === "send") sendLetter(scope, r.caseId, r.id);
    else moveRequest(scope, r.id, toEvent(body));
  } catch (e) {
    if (e instanceof LetterInputError || e instanceof LetterNotSendableError)
      throw new ApiError(400, e.message);
    if (e instanceof LetterFrozenError) throw new ApiError(409, e.message);
    throw e;
  }
  return requestOut(scope, r.id);
}

function toEvent(body: Exclude<z.output<typeof s.ApiRequestEventSchema>, { event: "send" }>): RequestEvent {
  switch (body.event) {
    case "announce_extension":
      return { type: "announce_extension", newDueOn: body.newDueOn };
    case "reply":
      return body.outcome === "refused"
        ? { type: "reply", outcome: "refused", reason: body.reason ?? "other" }
        : { type: "reply", outcome: body.outcome };
    default:
      return { type: body.event };
  }
}

// ── Deadlines ──────────────────────────────────────────────────────────────────────────────────
export function listDeadlinesApi({
  scope,
  query,
}: Input<typeof E.listDeadlines>): Json<typeof s.DeadlineListOut> {
  return upcomingDeadlines(scope, query.days);
}
