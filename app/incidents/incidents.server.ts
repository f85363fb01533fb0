// Employer incidents: one leak naming many people. Each person on the roster becomes a subject with their own
// case for the incident (made by the same code as a single subject and case, so encryption, identifier
// indexes and audit are identical); each leaked URL is stored once per incident and linked to a person by an
// exposure in that person's case (exposures.incident_url_id), so letters and tracking work as for any case.
import { and, asc, count, desc, eq, inArray, isNotNull } from "drizzle-orm";
import {
  cases,
  exposures,
  incidentPeople,
  incidents,
  incidentUrls,
  letterExposures,
  subjectIdentifiers,
} from "#db/schema";
import { audit } from "~/audit/audit.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import type { ExposedKind } from "~/exposures/categories";
import { deleteExposure, rowFor, urlIndex } from "~/exposures/exposures.server";
import { recipientMatcher, recipientNames } from "~/exposures/recipient.server";
import { recordExposuresFound } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { inEnglish } from "~/i18n/english.server";
import type { MessageKey, Translator } from "~/i18n/translate";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { createSubject, listSubjectNames, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { can, inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { emailKey } from "./roster.server";
import type { RosterRow } from "./schemas.server";

/** Seals the encrypted fields of an incident, a roster row (by its case id) and an incident URL. */
export const sealIncident = {
  title: sealFor("incidents", "title_enc"),
  description: sealFor("incidents", "description_enc"),
  unit: sealFor("incident_people", "unit_enc"),
  url: sealFor("incident_urls", "url_enc"),
  host: sealFor("incident_urls", "host_enc"),
};

/** Keyed HMAC of a unit (trimmed, lower-cased): filtering by unit without decrypting, and opaque in URLs. */
export const unitIndex = (unit: string) => blindIndex("incident-unit", unit.trim().toLowerCase());
const emailIndex = (email: string) => blindIndex("subject-email", emailKey(email));

/**
 * Too much at once, or nothing to act on: the page shows the message with a 400. It carries a message key and
 * its values, which the page says in its language (`translated`); its own message is the English words.
 */
export class IncidentInputError extends UserError {
  constructor(
    readonly key: MessageKey,
    readonly values: Record<string, number | string> = {},
  ) {
    super(inEnglish(key, values));
  }

  /** The same error in the reader's words, for formFailure. */
  translated({ t }: Translator) {
    return new UserError(t(this.key, this.values), { field: this.field, status: this.status });
  }
}

/** At most this many exposures (URL × person links) in one import, so one request stays a few seconds. */
export const MAX_LINKS_PER_IMPORT = 100_000;

export function createIncident(scope: Scope, input: { title: string; description: string }) {
  requirePermission(scope, "case:write");
  const id = newId();
  getDb()
    .insert(incidents)
    .values({
      id,
      workspaceId: scope.workspaceId,
      titleEnc: sealIncident.title(id, input.title),
      descriptionEnc: sealIncident.description(id, input.description),
      createdBy: scope.userId,
      updatedAt: new Date(),
    })
    .run();
  audit({
    action: "incident.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident",
    targetId: id,
  });
  return id;
}

/** The workspace's incidents, newest activity first, with the people and URLs the member can see. */
export function listIncidents(scope: Scope) {
  const db = getDb();
  const rows = db
    .select({
      id: incidents.id,
      titleEnc: incidents.titleEnc,
      status: incidents.status,
      createdAt: incidents.createdAt,
    })
    .from(incidents)
    .where(eq(incidents.workspaceId, scope.workspaceId))
    .orderBy(desc(incidents.updatedAt))
    .all();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const people = new Map(
    db
      .select({ id: incidentPeople.incidentId, n: count() })
      .from(incidentPeople)
      .where(inScope(incidentPeople, scope, inArray(incidentPeople.incidentId, ids)))
      .groupBy(incidentPeople.incidentId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const urls = new Map(
    db
      .select({ id: incidentUrls.incidentId, n: count() })
      .from(incidentUrls)
      .where(and(eq(incidentUrls.workspaceId, scope.workspaceId), inArray(incidentUrls.incidentId, ids)))
      .groupBy(incidentUrls.incidentId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.titleEnc.open(r.id),
    status: r.status,
    createdAt: r.createdAt,
    people: people.get(r.id) ?? 0,
    urls: urls.get(r.id) ?? 0,
  }));
}

/** One incident of the scope's workspace (404 for any other); every member of the workspace may see it. */
export function getIncident(scope: Scope, id: string) {
  const row = getDb()
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.workspaceId, scope.workspaceId)))
    .get();
  if (!row) notFound("This incident");
  audit({
    action: "incident.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident",
    targetId: id,
  });
  return {
    id: row.id,
    title: row.titleEnc.open(row.id),
    description: row.descriptionEnc.open(row.id),
    status: row.status,
    createdAt: row.createdAt,
  };
}

function requireIncident(scope: Scope, id: string) {
  const row = getDb()
    .select({ id: incidents.id, titleEnc: incidents.titleEnc })
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.workspaceId, scope.workspaceId)))
    .get();
  if (!row) notFound("This incident");
  return { id: row.id, title: row.titleEnc.open(row.id) };
}

function touchIncident(id: string) {
  getDb().update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, id)).run();
}

/**
 * Work emails (as keyed HMACs) of everyone on the incident's roster. Deliberately the whole roster, not only
 * the member's assigned people: a caseworker re-importing a list must not create a second case for someone
 * assigned to a colleague.
 */
function rosterEmailIndexes(workspaceId: string, incidentId: string) {
  return new Set(
    getDb()
      .select({ h: subjectIdentifiers.valueHmac })
      .from(subjectIdentifiers)
      .innerJoin(incidentPeople, eq(incidentPeople.subjectId, subjectIdentifiers.subjectId))
      .where(
        and(
          eq(subjectIdentifiers.workspaceId, workspaceId),
          eq(subjectIdentifiers.kind, "email"),
          eq(incidentPeople.incidentId, incidentId),
        ),
      )
      .all()
      .map((r) => r.h),
  );
}

/** Whether a (lower-cased) work email is already on the roster: for the preview's duplicate check. */
export function rosterEmailCheck(scope: Scope, incidentId: string) {
  requireIncident(scope, incidentId);
  const indexes = rosterEmailIndexes(scope.workspaceId, incidentId);
  return (email: string) => indexes.has(emailIndex(email));
}

export type RosterImportResult = {
  created: { subjectId: string; caseId: string }[];
  /** Rows (by their index in the input) not imported, and why. */
  skipped: { index: number; reason: "already_on_roster" | "duplicate_in_input" }[];
};

/**
 * Creates, for each row, a subject, a case for this incident and the roster row, all in one transaction:
 * either the whole list is saved or nothing is. A work email already on the roster (or twice in the rows) is
 * reported, not duplicated.
 */
export function importRoster(scope: Scope, incidentId: string, rows: RosterRow[]): RosterImportResult {
  requirePermission(scope, "case:write");
  const incident = requireIncident(scope, incidentId);
  const db = getDb();
  const result: RosterImportResult = { created: [], skipped: [] };
  db.transaction((tx) => {
    const onRoster = rosterEmailIndexes(scope.workspaceId, incidentId);
    const inInput = new Set<string>();
    const started = Date.now();
    const people: (typeof incidentPeople.$inferInsert)[] = [];
    rows.forEach((row, index) => {
      const h = emailIndex(row.email);
      if (onRoster.has(h)) {
        result.skipped.push({ index, reason: inInput.has(h) ? "duplicate_in_input" : "already_on_roster" });
        return;
      }
      onRoster.add(h);
      inInput.add(h);
      const subjectId = createSubject(
        scope,
        SubjectFieldsSchema.parse({ name: row.name, emails: row.email, country: row.country }),
      );
      const caseId = createCase(scope, { subjectId, title: incident.title });
      people.push({
        incidentId,
        subjectId,
        caseId,
        workspaceId: scope.workspaceId,
        unitEnc: sealIncident.unit(caseId, row.unit),
        unitHmac: row.unit ? unitIndex(row.unit) : null,
        // One millisecond apart, so the roster (and the matrix) keep the file's order without decrypting names.
        addedAt: new Date(started + people.length),
      });
      result.created.push({ subjectId, caseId });
    });
    for (let i = 0; i < people.length; i += 500)
      tx.insert(incidentPeople)
        .values(people.slice(i, i + 500))
        .run();
  });
  touchIncident(incidentId);
  audit({
    action: "incident.roster_import",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident",
    targetId: incidentId,
    detail: { created: result.created.length, skipped: result.skipped.length },
  });
  return result;
}

export type RosterPerson = {
  subjectId: string;
  caseId: string;
  name: string;
  unit: string;
  unitKey: string | null;
};

/**
 * The people on the roster the member can see (caseworkers: those assigned to them), in roster order, with
 * names and units decrypted; each name read is logged like any list of subjects.
 */
export function listRoster(scope: Scope, incidentId: string): RosterPerson[] {
  requireIncident(scope, incidentId);
  const rows = getDb()
    .select({
      subjectId: incidentPeople.subjectId,
      caseId: incidentPeople.caseId,
      unitEnc: incidentPeople.unitEnc,
      unitHmac: incidentPeople.unitHmac,
    })
    .from(incidentPeople)
    .where(inScope(incidentPeople, scope, eq(incidentPeople.incidentId, incidentId)))
    .orderBy(asc(incidentPeople.addedAt), asc(incidentPeople.caseId))
    .all();
  const names = new Map(
    listSubjectNames(
      scope,
      rows.map((r) => r.subjectId),
    ).map((s) => [s.id, s.name]),
  );
  return rows.map((r) => ({
    subjectId: r.subjectId,
    caseId: r.caseId,
    name: names.get(r.subjectId) ?? "",
    unit: r.unitEnc.open(r.caseId),
    unitKey: r.unitHmac,
  }));
}

/** The units on the roster (one decryption per distinct unit), for filters and "people in a unit". */
export function listUnits(scope: Scope, incidentId: string) {
  const rows = getDb()
    .select({ h: incidentPeople.unitHmac, caseId: incidentPeople.caseId, unitEnc: incidentPeople.unitEnc })
    .from(incidentPeople)
    .where(
      inScope(
        incidentPeople,
        scope,
        eq(incidentPeople.incidentId, incidentId),
        isNotNull(incidentPeople.unitHmac),
      ),
    )
    .all();
  const units = new Map<string, { key: string; label: string; people: number }>();
  for (const r of rows) {
    const unit = units.get(r.h!);
    if (unit) unit.people += 1;
    else units.set(r.h!, { key: r.h!, label: r.unitEnc.open(r.caseId), people: 1 });
  }
  return [...units.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The visible roster people, optionally only those of one unit or only the given subjects. */
function targetPeople(scope: Scope, incidentId: string, who: string[] | "all" | { unit: string }) {
  if (Array.isArray(who) && who.length === 0) return [];
  return getDb()
    .select({ subjectId: incidentPeople.subjectId, caseId: incidentPeople.caseId })
    .from(incidentPeople)
    .where(
      inScope(
        incidentPeople,
        scope,
        eq(incidentPeople.incidentId, incidentId),
        Array.isArray(who)
          ? inArray(incidentPeople.subjectId, who)
          : who === "all"
            ? undefined
            : eq(incidentPeople.unitHmac, who.unit),
      ),
    )
    .all();
}

export function subjectsInUnit(scope: Scope, incidentId: string, unitKey: string) {
  return targetPeople(scope, incidentId, { unit: unitKey }).map((p) => p.subjectId);
}

type UrlFields = { exposed: ExposedKind[]; callsForHarm: boolean; foundOn: string };

/**
 * Adds the exposures that link the given people to one incident URL: a new exposure in each person's case,
 * or, where the case already records the same page by hand, that exposure gets the link. Returns how many
 * people were newly linked. Runs inside the caller's transaction.
 */
function linkCases(
  scope: Scope,
  incidentId: string,
  url: {
    id: string;
    url: string;
    host: string;
    recipientId: string | null;
    platform: string | null;
  } & UrlFields,
  people: { caseId: string }[],
) {
  if (!people.length) return 0;
  const db = getDb();
  const h = urlIndex(url.url);
  const caseIds = people.map((p) => p.caseId);
  // The roster's cases that already record this page: one look-up per roster case on (case_id, url_hmac),
  // scoped through the roster row (a case on a visible roster row is in the workspace).
  const existing = new Map(
    db
      .select({ id: exposures.id, caseId: exposures.caseId, incidentUrlId: exposures.incidentUrlId })
      .from(incidentPeople)
      .innerJoin(exposures, and(eq(exposures.caseId, incidentPeople.caseId), eq(exposures.urlHmac, h)))
      .where(inScope(incidentPeople, scope, eq(incidentPeople.incidentId, incidentId)))
      .all()
      .map((e) => [e.caseId, e]),
  );
  const now = new Date();
  const normalised = normaliseUrl(url.url);
  if (!normalised.ok) return 0;
  const rows = [];
  const adopted: string[] = [];
  const touched: string[] = [];
  for (const caseId of caseIds) {
    const e = existing.get(caseId);
    if (e) {
      if (e.incidentUrlId === null) {
        adopted.push(e.id);
        touched.push(caseId);
      }
      continue;
    }
    rows.push({
      ...rowFor(
        scope,
        caseId,
        newId(),
        {
          url: normalised.value,
          exposed: url.exposed,
          callsForHarm: url.callsForHarm,
          foundOn: url.foundOn,
          severityOverride: null,
          status: "active",
          notes: "",
        },
        now,
        { recipientId: url.recipientId, platform: url.platform },
      ),
      incidentUrlId: url.id,
    });
    touched.push(caseId);
  }
  for (let i = 0; i < rows.length; i += 200)
    db.insert(exposures)
      .values(rows.slice(i, i + 200))
      .run();
  recordExposuresFound(db, rows, { actorUserId: scope.userId, now });
  for (let i = 0; i < adopted.length; i += 5000)
    db.update(exposures)
      .set({ incidentUrlId: url.id, updatedAt: now })
      .where(inScope(exposures, scope, inArray(exposures.id, adopted.slice(i, i + 5000))))
      .run();
  for (let i = 0; i < touched.length; i += 5000)
    db.update(cases)
      .set({ updatedAt: now })
      .where(inScope(cases, scope, inArray(cases.id, touched.slice(i, i + 5000))))
      .run();
  // The same audit trail as adding addresses to a case in bulk: one entry per case that changed.
  audit(
    touched.map((caseId) => ({
      action: "exposure.bulk_create" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "case",
      targetId: caseId,
      detail: { saved: 1, incidentUrl: url.id },
    })),
  );
  return touched.length;
}

export type UrlLineResult =
  | { line: number; status: "added" | "existing"; urlId: string; url: string; linked: number }
  | { line: number; status: "invalid"; input: string; error: string };

/**
 * Stores each pasted URL once on the incident (a URL already there is reused) and links it to the chosen
 * people: "all" = everyone on the roster the member can see, or a list of subject ids. Recipient and platform
 * come from the directory matcher, exactly as for a single exposure.
 */
export function importUrls(
  scope: Scope,
  incidentId: string,
  urls: string[],
  subjectIds: string[] | "all",
  fields: UrlFields = { exposed: [], callsForHarm: false, foundOn: new Date().toISOString().slice(0, 10) },
): UrlLineResult[] {
  requirePermission(scope, "case:write");
  requireIncident(scope, incidentId);
  const people = targetPeople(scope, incidentId, subjectIds);
  if (!people.length) throw new IncidentInputError("incidents.urls.errors.nobodyOnRoster");
  const lines = urls
    .map((input, i) => ({ line: i + 1, input: input.trim() }))
    .filter((l) => l.input && !l.input.startsWith("#"));
  if (lines.length * people.length > MAX_LINKS_PER_IMPORT) {
    throw new IncidentInputError("incidents.urls.errors.tooManyLinks", {
      links: lines.length * people.length,
      max: MAX_LINKS_PER_IMPORT,
    });
  }
  const db = getDb();
  const recipientOf = recipientMatcher(scope.workspaceId);
  const results: UrlLineResult[] = [];
  db.transaction(() => {
    const seen = new Set<string>();
    for (const l of lines) {
      const n = normaliseUrl(l.input);
      if (!n.ok) {
        results.push({ line: l.line, status: "invalid", input: l.input.slice(0, 200), error: n.error });
        continue;
      }
      const h = blindIndex("incident-url", n.value.url);
      if (seen.has(h)) continue;
      seen.add(h);
      const found = db
        .select()
        .from(incidentUrls)
        .where(and(eq(incidentUrls.incidentId, incidentId), eq(incidentUrls.urlHmac, h)))
        .get();
      let url: Parameters<typeof linkCases>[2];
      if (found) {
        url = {
          id: found.id,
          url: n.value.url,
          host: n.value.host,
          recipientId: found.recipientId,
          platform: found.platform,
          exposed: found.exposed as ExposedKind[],
          callsForHarm: found.callsForHarm,
          foundOn: found.foundOn,
        };
      } else {
        const id = newId();
        const recipient = recipientOf(n.value);
        db.insert(incidentUrls)
          .values({
            id,
            incidentId,
            workspaceId: scope.workspaceId,
            urlEnc: sealIncident.url(id, n.value.url),
            urlHmac: h,
            hostEnc: sealIncident.host(id, n.value.host),
            platform: recipient.platform,
            recipientId: recipient.recipientId,
            exposed: fields.exposed,
            callsForHarm: fields.callsForHarm,
            foundOn: fields.foundOn,
            createdBy: scope.userId,
          })
          .run();
        url = { id, url: n.value.url, host: n.value.host, ...recipient, ...fields };
      }
      const linked = linkCases(scope, incidentId, url, people);
      results.push({
        line: l.line,
        status: found ? "existing" : "added",
        urlId: url.id,
        url: n.value.url,
        linked,
      });
    }
  });
  touchIncident(incidentId);
  audit({
    action: "incident.urls_import",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident",
    targetId: incidentId,
    detail: {
      added: results.filter((r) => r.status === "added").length,
      existing: results.filter((r) => r.status === "existing").length,
      invalid: results.filter((r) => r.status === "invalid").length,
      people: people.length,
    },
  });
  return results;
}

export type IncidentUrl = {
  id: string;
  url: string;
  host: string;
  recipientId: string | null;
  recipientName: string | null;
  platform: string | null;
  exposed: ExposedKind[];
  callsForHarm: boolean;
  foundOn: string;
  people: number;
};

/**
 * The incident's URLs with how many people each is linked to (counted among the people the member can see;
 * a caseworker sees only the URLs that expose at least one of their people).
 */
export function listIncidentUrls(scope: Scope, incidentId: string): IncidentUrl[] {
  requireIncident(scope, incidentId);
  const db = getDb();
  const rows = db
    .select()
    .from(incidentUrls)
    .where(and(eq(incidentUrls.incidentId, incidentId), eq(incidentUrls.workspaceId, scope.workspaceId)))
    .orderBy(asc(incidentUrls.createdAt), asc(incidentUrls.id))
    .all();
  const counts = new Map(
    db
      .select({ id: exposures.incidentUrlId, n: count() })
      .from(exposures)
      .where(
        inScope(
          exposures,
          scope,
          inArray(
            exposures.incidentUrlId,
            db
              .select({ id: incidentUrls.id })
              .from(incidentUrls)
              .where(eq(incidentUrls.incidentId, incidentId)),
          ),
        ),
      )
      .groupBy(exposures.incidentUrlId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const names = recipientNames(
    scope.workspaceId,
    rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])),
  );
  return rows
    .filter((r) => can(scope, "case:read_all") || (counts.get(r.id) ?? 0) > 0)
    .map((r) => ({
      id: r.id,
      url: r.urlEnc.open(r.id),
      host: r.hostEnc.open(r.id),
      recipientId: r.recipientId,
      recipientName: r.recipientId ? (names.get(r.recipientId) ?? null) : null,
      platform: r.platform,
      exposed: r.exposed as ExposedKind[],
      callsForHarm: r.callsForHarm,
      foundOn: r.foundOn,
      people: counts.get(r.id) ?? 0,
    }));
}

/** One incident URL with the subject ids (visible to the member) it is linked to. */
export function getIncidentUrl(scope: Scope, incidentId: string, urlId: string) {
  const url = listIncidentUrls(scope, incidentId).find((u) => u.id === urlId);
  if (!url) notFound("This web address");
  const linked = getDb()
    .select({ subjectId: incidentPeople.subjectId })
    .from(exposures)
    .innerJoin(incidentPeople, eq(incidentPeople.caseId, exposures.caseId))
    .where(
      inScope(
        exposures,
        scope,
        eq(exposures.incidentUrlId, urlId),
        eq(incidentPeople.incidentId, incidentId),
      ),
    )
    .all()
    .map((r) => r.subjectId);
  return { ...url, linked };
}

export type LinkChange = { linked: number; unlinked: number; kept: number };

/**
 * Makes the URL link exactly the ticked people among those shown: links the newly ticked, unlinks the
 * unticked (deleting their exposure with its evidence, the same way as deleting it from the case), except
 * where a letter already names that page: those stay linked and are counted as kept.
 */
export function setUrlLinks(
  scope: Scope,
  incidentId: string,
  urlId: string,
  ticked: string[],
  shown: string[],
): LinkChange {
  requirePermission(scope, "case:write");
  const url = getIncidentUrl(scope, incidentId, urlId);
  const tickedSet = new Set(ticked);
  const toLink = ticked.filter((id) => !url.linked.includes(id));
  const toUnlink = shown.filter((id) => !tickedSet.has(id) && url.linked.includes(id));
  const db = getDb();
  const change: LinkChange = { linked: 0, unlinked: 0, kept: 0 };
  db.transaction(() => {
    change.linked = linkCases(scope, incidentId, url, targetPeople(scope, incidentId, toLink));
    if (!toUnlink.length) return;
    const rows = db
      .select({ id: exposures.id, caseId: exposures.caseId })
      .from(exposures)
      .where(
        inScope(
          exposures,
          scope,
          eq(exposures.incidentUrlId, urlId),
          inArray(
            exposures.caseId,
            targetPeople(scope, incidentId, toUnlink).map((p) => p.caseId),
          ),
        ),
      )
      .all();
    const inLetters = new Set(
      rows.length
        ? db
            .select({ id: letterExposures.exposureId })
            .from(letterExposures)
            .where(
              inArray(
                letterExposures.exposureId,
                rows.map((r) => r.id),
              ),
            )
            .all()
            .map((r) => r.id)
        : [],
    );
    for (const r of rows) {
      if (inLetters.has(r.id)) change.kept += 1;
      else {
        deleteExposure(scope, r.caseId, r.id);
        change.unlinked += 1;
      }
    }
  });
  touchIncident(incidentId);
  audit({
    action: change.unlinked ? "incident.url_unlink" : "incident.url_link",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident_url",
    targetId: urlId,
    detail: { ...change },
  });
  return change;
}

/** Counts for the overview: people and URLs the member can see. */
export function incidentCounts(scope: Scope, incidentId: string) {
  const db = getDb();
  const people =
    db
      .select({ n: count() })
      .from(incidentPeople)
      .where(inScope(incidentPeople, scope, eq(incidentPeople.incidentId, incidentId)))
      .get()?.n ?? 0;
  return { people, urls: listIncidentUrls(scope, incidentId).length };
}
