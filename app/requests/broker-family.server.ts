// Broker families: an opt-out or erasure request sent to a parent data broker covers its front sites (the
// directory's parentId, from data-brokers/joins/fronts.yml). The case's places at those fronts move with the
// letter: to `requested` when it is sent, to `said_removed` when the parent says it is done (then the scheduled
// re-checks look at them). Kept apart from the letter's own places (decision 111): those are the letter's
// exposures; these are found through the family.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { exposures, letterExposures, letters, recipients } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import type { ExposureStatus } from "~/exposures/categories";
import { setExposureStatus } from "~/exposures/status.server";
import type { Tx } from "~/jobs/queue.server";
import { kindInfo } from "~/requests/kinds";
import { notFound, type Scope } from "~/workspaces/scope.server";

type Db = Tx | ReturnType<typeof getDb>;

/** The rights whose request asks the parent to delete the person's data everywhere it holds it. */
const DELETION_RIGHTS: ReadonlySet<string> = new Set([
  "erasure",
  "ccpa-deletion",
  "us-state-deletion",
  "kr-pipa-deletion",
]);

/** Whether a letter of this kind, sent to a parent broker, covers the parent's front sites. */
export function coversFamily(kind: string): boolean {
  const info = kindInfo(kind);
  return info.right !== null && DELETION_RIGHTS.has(info.right);
}

type FamilyLetter = {
  id: string;
  workspaceId: string;
  caseId: string;
  recipientId: string | null;
  kind: string;
};

/**
 * The front sites of the letter's recipient, when the letter is one that covers them (else none). Two indexed
 * reads (the send path runs this for every letter sent, bulk runs included): the parent's kind, its fronts.
 */
function frontsOf(letter: FamilyLetter, db: Db = getDb()) {
  if (!letter.recipientId || !coversFamily(letter.kind)) return [];
  const visible = or(isNull(recipients.workspaceId), eq(recipients.workspaceId, letter.workspaceId));
  const parent = db
    .select({ kind: recipients.kind })
    .from(recipients)
    .where(and(eq(recipients.id, letter.recipientId), visible))
    .get();
  if (parent?.kind !== "data_broker") return [];
  return db
    .select({ id: recipients.id, name: recipients.name })
    .from(recipients)
    .where(and(eq(recipients.parentId, letter.recipientId), visible, isNull(recipients.retiredAt)))
    .orderBy(sql`${recipients.name} COLLATE NOCASE`)
    .all();
}

/**
 * The extra places a letter covers through its recipient's family: the case's places at the parent's front
 * sites, other than the letter's own, in one of `states` (every state when omitted). Ids only.
 */
export function familyPlaces(db: Db, letter: FamilyLetter, states?: readonly ExposureStatus[]): string[] {
  const fronts = frontsOf(letter, db).map((f) => f.id);
  if (!fronts.length) return [];
  const own = new Set(
    db
      .select({ id: letterExposures.exposureId })
      .from(letterExposures)
      .where(eq(letterExposures.letterId, letter.id))
      .all()
      .map((r) => r.id),
  );
  return db
    .select({ id: exposures.id })
    .from(exposures)
    .where(
      and(
        eq(exposures.workspaceId, letter.workspaceId),
        eq(exposures.caseId, letter.caseId),
        inArray(exposures.recipientId, fronts),
        states ? inArray(exposures.status, [...states]) : undefined,
      ),
    )
    .all()
    .map((r) => r.id)
    .filter((id) => !own.has(id));
}

function letterRow(db: Db, workspaceId: string, letterId: string): FamilyLetter | null {
  return (
    db
      .select({
        id: letters.id,
        workspaceId: letters.workspaceId,
        caseId: letters.caseId,
        recipientId: letters.recipientId,
        kind: letters.kind,
      })
      .from(letters)
      .where(and(eq(letters.id, letterId), eq(letters.workspaceId, workspaceId)))
      .get() ?? null
  );
}

/** When a letter is sent: the family's places still up (or back up) move to `requested`. Returns the ids moved. */
export function markFamilyRequested(
  tx: Tx,
  letter: { id: string; workspaceId: string },
  actorUserId: string | null,
  now = new Date(),
): string[] {
  const row = letterRow(tx, letter.workspaceId, letter.id);
  if (!row) return [];
  const from: ExposureStatus[] = ["active", "reappeared"];
  const moved = setExposureStatus(
    tx,
    { workspaceId: row.workspaceId, exposureIds: familyPlaces(tx, row, from), from },
    "requested",
    { source: "broker_family", actorUserId, now, letterId: row.id },
  );
  for (const id of moved)
    audit({
      action: "exposure.requested",
      actorUserId,
      workspaceId: row.workspaceId,
      targetType: "exposure",
      targetId: id,
      detail: { letterId: row.id, family: true },
    });
  return moved;
}

/**
 * When the parent says it is done: the family's requested places move to `said_removed` (not `removed`: only a
 * re-check or the person can say they are gone). Returns the ids moved.
 */
export function markFamilySaidRemoved(
  tx: Tx,
  letter: { id: string; workspaceId: string },
  actorUserId: string | null,
  now = new Date(),
): string[] {
  const row = letterRow(tx, letter.workspaceId, letter.id);
  if (!row) return [];
  const from: ExposureStatus[] = ["requested"];
  return setExposureStatus(
    tx,
    { workspaceId: row.workspaceId, exposureIds: familyPlaces(tx, row, from), from },
    "said_removed",
    { source: "broker_family", actorUserId, now, letterId: row.id },
  );
}

/**
 * For the request page: the front sites this letter covers, and how many of the case's places are at each.
 * Empty when the letter is not to a parent broker or is not a deletion request.
 */
export function coveredFronts(
  scope: Scope,
  letterId: string,
): { id: string; name: string; places: number }[] {
  const letter = letterRow(getDb(), scope.workspaceId, letterId);
  if (!letter) notFound("This request");
  const fronts = frontsOf(letter);
  if (!fronts.length) return [];
  const counts = new Map<string, number>();
  for (const r of getDb()
    .select({ recipientId: exposures.recipientId })
    .from(exposures)
    .where(
      and(
        eq(exposures.workspaceId, letter.workspaceId),
        eq(exposures.caseId, letter.caseId),
        inArray(
          exposures.recipientId,
          fronts.map((f) => f.id),
        ),
      ),
    )
    .all())
    counts.set(r.recipientId!, (counts.get(r.recipientId!) ?? 0) + 1);
  return fronts.map((f) => ({ id: f.id, name: f.name, places: counts.get(f.id) ?? 0 }));
}
