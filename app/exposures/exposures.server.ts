// Exposures: the places a subject's details appear. URL, host and notes are encrypted; the URL also gets a
// keyed HMAC so duplicates within a case are found without storing it in plain text.
import { and, desc, eq, inArray } from "drizzle-orm";
import { evidence, exposures } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { touchCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { deleteEncryptedFiles } from "~/evidence/storage.server";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { computeSeverity, type ExposedKind, type ExposureStatus, type Severity } from "./categories";
import { type ExposureRecipient, recipientForUrl, recipientMatcher } from "./recipient.server";
import type { ExposureFields } from "./schemas.server";
import { recordExposuresFound, setExposureStatus } from "./status.server";
import { type NormalisedUrl, normaliseUrl } from "./url";

export type { ExposureFields } from "./schemas.server";
export { ExposureFieldsSchema } from "./schemas.server";

export const urlIndex = (url: string) => blindIndex("exposure-url", url);
/** Seals an exposure's encrypted fields for its row id (the context lives in ENCRYPTED_COLUMNS). */
export const sealExposure = {
  url: sealFor("exposures", "url_enc"),
  host: sealFor("exposures", "host_enc"),
  notes: sealFor("exposures", "notes_enc"),
};

/** The web address is already recorded in this case: shown under the address field (400; the API says 409). */
export class DuplicateExposureError extends UserError {
  constructor(message: string) {
    super(message, { field: "url" });
  }
}

type NewExposure = Omit<ExposureFields, "url"> & { url: NormalisedUrl };

/** The stored row of a new exposure (encrypted fields, URL index, severity); also used by incident URLs. */
export function rowFor(
  scope: Scope,
  caseId: string,
  id: string,
  f: NewExposure,
  now: Date,
  recipient: ExposureRecipient,
) {
  return {
    id,
    workspaceId: scope.workspaceId,
    caseId,
    urlEnc: sealExposure.url(id, f.url.url),
    urlHmac: urlIndex(f.url.url),
    hostEnc: sealExposure.host(id, f.url.host),
    // The directory's public id of the recipient, or null for a workspace's own recipient or an unknown site.
    platform: recipient.platform,
    recipientId: recipient.recipientId,
    exposed: f.exposed,
    callsForHarm: f.callsForHarm,
    foundOn: f.foundOn,
    severity: computeSeverity(f.exposed, f.callsForHarm),
    severityOverride: f.severityOverride,
    status: f.status,
    notesEnc: sealExposure.notes(id, f.notes),
    createdBy: scope.userId,
    updatedAt: now,
  };
}

export function createExposure(scope: Scope, caseId: string, f: NewExposure) {
  requirePermission(scope, "case:write");
  const db = getDb();
  const id = newId();
  if (
    db
      .select({ id: exposures.id })
      .from(exposures)
      .where(
        inScope(
          exposures,
          scope,
          and(eq(exposures.caseId, caseId), eq(exposures.urlHmac, urlIndex(f.url.url))),
        ),
      )
      .get()
  ) {
    throw new DuplicateExposureError("This web address is already recorded in this case.");
  }
  const row = rowFor(scope, caseId, id, f, new Date(), recipientForUrl(scope.workspaceId, f.url));
  db.transaction((tx) => {
    tx.insert(exposures).values(row).run();
    recordExposuresFound(tx, [row], { actorUserId: scope.userId, now: row.updatedAt });
  });
  touchCase(scope, caseId);
  audit({
    action: "exposure.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "exposure",
    targetId: id,
  });
  return id;
}

export type BulkLineResult =
  | { line: number; status: "saved"; url: string }
  | { line: number; status: "duplicate"; url: string }
  | { line: number; status: "invalid"; input: string; error: string };

/** Saves every valid, new URL in one transaction and reports each line's fate by its number. */
export function createExposuresBulk(
  scope: Scope,
  caseId: string,
  entries: { line: number; input: string; fields: Omit<ExposureFields, "url"> }[],
): BulkLineResult[] {
  requirePermission(scope, "case:write");
  const db = getDb();
  const existing = new Set(
    db
      .select({ h: exposures.urlHmac })
      .from(exposures)
      .where(inScope(exposures, scope, eq(exposures.caseId, caseId)))
      .all()
      .map((r) => r.h),
  );
  const results: BulkLineResult[] = [];
  const rows: ReturnType<typeof rowFor>[] = [];
  const now = new Date();
  const recipientOf = recipientMatcher(scope.workspaceId);
  for (const e of entries) {
    const n = normaliseUrl(e.input);
    if (!n.ok) {
      results.push({ line: e.line, status: "invalid", input: e.input.slice(0, 200), error: n.error });
      continue;
    }
    const h = urlIndex(n.value.url);
    if (existing.has(h)) {
      results.push({ line: e.line, status: "duplicate", url: n.value.url });
      continue;
    }
    existing.add(h);
    rows.push(rowFor(scope, caseId, newId(), { ...e.fields, url: n.value }, now, recipientOf(n.value)));
    results.push({ line: e.line, status: "saved", url: n.value.url });
  }
  if (rows.length) {
    db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += 500)
        tx.insert(exposures)
          .values(rows.slice(i, i + 500))
          .run();
      recordExposuresFound(tx, rows, { actorUserId: scope.userId, now });
    });
    touchCase(scope, caseId);
  }
  audit({
    action: "exposure.bulk_create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "case",
    targetId: caseId,
    detail: {
      saved: rows.length,
      duplicates: results.filter((r) => r.status === "duplicate").length,
      invalid: results.filter((r) => r.status === "invalid").length,
    },
  });
  return results;
}

export type Exposure = {
  id: string;
  caseId: string;
  url: string;
  host: string;
  platform: string | null;
  recipientId: string | null;
  exposed: ExposedKind[];
  callsForHarm: boolean;
  foundOn: string;
  severity: Severity;
  computedSeverity: Severity;
  severityOverridden: boolean;
  status: ExposureStatus;
  notes: string;
  updatedAt: Date;
};

type Row = typeof exposures.$inferSelect;
function decryptRow(r: Row): Exposure {
  return {
    id: r.id,
    caseId: r.caseId,
    url: r.urlEnc.open(r.id),
    host: r.hostEnc.open(r.id),
    platform: r.platform,
    recipientId: r.recipientId,
    exposed: r.exposed as ExposedKind[],
    callsForHarm: r.callsForHarm,
    foundOn: r.foundOn,
    severity: r.severityOverride ?? r.severity,
    computedSeverity: r.severity,
    severityOverridden: r.severityOverride !== null,
    status: r.status,
    notes: r.notesEnc.open(r.id),
    updatedAt: r.updatedAt,
  };
}

export function listExposures(scope: Scope, caseId: string) {
  const rows = getDb()
    .select()
    .from(exposures)
    .where(inScope(exposures, scope, eq(exposures.caseId, caseId)))
    .orderBy(desc(exposures.createdAt))
    .all();
  return rows.map(decryptRow);
}

/** Some of a case's exposures by id (the pages a letter names), decrypted; the caller logs the read. */
export function listExposuresByIds(scope: Scope, caseId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return getDb()
    .select()
    .from(exposures)
    .where(inScope(exposures, scope, eq(exposures.caseId, caseId), inArray(exposures.id, ids)))
    .orderBy(desc(exposures.createdAt))
    .all()
    .map(decryptRow);
}

export type ExposureSummary = Omit<Exposure, "notes" | "computedSeverity" | "severityOverridden">;

/** The case page's list: no notes (the page doesn't show them, so they stay encrypted). */
export function listExposureSummaries(scope: Scope, caseId: string): ExposureSummary[] {
  return getDb()
    .select({
      id: exposures.id,
      caseId: exposures.caseId,
      urlEnc: exposures.urlEnc,
      hostEnc: exposures.hostEnc,
      platform: exposures.platform,
      recipientId: exposures.recipientId,
      exposed: exposures.exposed,
      callsForHarm: exposures.callsForHarm,
      foundOn: exposures.foundOn,
      severity: exposures.severity,
      severityOverride: exposures.severityOverride,
      status: exposures.status,
      updatedAt: exposures.updatedAt,
    })
    .from(exposures)
    .where(inScope(exposures, scope, eq(exposures.caseId, caseId)))
    .orderBy(desc(exposures.createdAt))
    .all()
    .map((r) => ({
      id: r.id,
      caseId: r.caseId,
      url: r.urlEnc.open(r.id),
      host: r.hostEnc.open(r.id),
      platform: r.platform,
      recipientId: r.recipientId,
      exposed: r.exposed as ExposedKind[],
      callsForHarm: r.callsForHarm,
      foundOn: r.foundOn,
      severity: r.severityOverride ?? r.severity,
      status: r.status,
      updatedAt: r.updatedAt,
    }));
}

export function getExposure(scope: Scope, caseId: string, id: string) {
  const row = getDb()
    .select()
    .from(exposures)
    .where(inScope(exposures, scope, and(eq(exposures.id, id), eq(exposures.caseId, caseId))))
    .get();
  if (!row) notFound("This exposure");
  audit({
    action: "exposure.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "exposure",
    targetId: id,
  });
  return decryptRow(row);
}

export function updateExposure(scope: Scope, caseId: string, id: string, f: ExposureFields) {
  requirePermission(scope, "case:write");
  const db = getDb();
  const h = urlIndex(f.url.url);
  const clash = db
    .select({ id: exposures.id })
    .from(exposures)
    .where(inScope(exposures, scope, and(eq(exposures.caseId, caseId), eq(exposures.urlHmac, h))))
    .get();
  if (clash && clash.id !== id)
    throw new DuplicateExposureError("Another exposure in this case has this web address.");
  const {
    id: _id,
    workspaceId: _w,
    caseId: _c,
    createdBy: _b,
    status,
    ...values
  } = rowFor(scope, caseId, id, f, new Date(), recipientForUrl(scope.workspaceId, f.url));
  db.transaction((tx) => {
    const res = tx
      .update(exposures)
      .set(values)
      .where(inScope(exposures, scope, and(eq(exposures.id, id), eq(exposures.caseId, caseId))))
      .run();
    if (res.changes !== 1) notFound("This exposure");
    // A state chosen on the form is the person's word: "removed" there means they checked it is gone.
    setExposureStatus(tx, { workspaceId: scope.workspaceId, exposureIds: [id] }, status, {
      source: "person",
      actorUserId: scope.userId,
      now: values.updatedAt,
    });
  });
  touchCase(scope, caseId);
  audit({
    action: "exposure.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "exposure",
    targetId: id,
  });
}

export function deleteExposure(scope: Scope, caseId: string, id: string) {
  requirePermission(scope, "case:write");
  const files = getDb()
    .select({ k: evidence.storageKey })
    .from(evidence)
    .where(inScope(evidence, scope, eq(evidence.exposureId, id)))
    .all()
    .map((r) => r.k);
  const res = getDb()
    .delete(exposures)
    .where(inScope(exposures, scope, and(eq(exposures.id, id), eq(exposures.caseId, caseId))))
    .run();
  if (res.changes !== 1) notFound("This exposure");
  // The rows went with the exposure (ON DELETE CASCADE); the encrypted files go now.
  deleteEncryptedFiles(files);
  audit({
    action: "exposure.delete",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "exposure",
    targetId: id,
  });
}
