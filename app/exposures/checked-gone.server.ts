// "Is it really gone?": the person's own confirmation ("I checked: it is gone", with a date and optionally a
// file), and each place's story from its state history: how and when it was checked gone, when the recipient
// said it was removed, when a re-check found it still up after that, and the next re-check scheduled.
import { and, asc, eq, inArray } from "drizzle-orm";
import { exposureStatusChanges, exposures } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { addEvidence } from "~/evidence/evidence.server";
import { scheduledRechecks } from "~/rechecks/soon.server";
import { UserError } from "~/utils/forms.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import type { ExposureStatus } from "./categories";
import { setExposureStatus } from "./status.server";

/**
 * The person checked the page themselves and it is gone: the place becomes "removed (checked)" on the day they
 * give, with the evidence file they add (stored like any other evidence). Already checked gone: a clear 409.
 */
export async function confirmGone(
  scope: Scope,
  caseId: string,
  exposureId: string,
  o: { checkedOn: string; file?: { filename: string; bytes: Buffer } | null; now?: Date },
) {
  requirePermission(scope, "case:write");
  const row = getDb()
    .select({ status: exposures.status })
    .from(exposures)
    .where(inScope(exposures, scope, and(eq(exposures.id, exposureId), eq(exposures.caseId, caseId))))
    .get();
  if (!row) notFound("This exposure");
  if (row.status === "removed") throw new UserError({ key: "errors.exposure.alreadyGone" }, { status: 409 });
  // The file first (it is written outside the database); then the state, which names it.
  const evidenceId = o.file ? await addEvidence(scope, exposureId, o.file) : null;
  const now = o.now ?? new Date();
  const moved = getDb().transaction((tx) =>
    setExposureStatus(tx, { workspaceId: scope.workspaceId, exposureIds: [exposureId] }, "removed", {
      source: "person",
      actorUserId: scope.userId,
      now,
      changedOn: o.checkedOn,
      evidenceId,
    }),
  );
  if (!moved.length) throw new UserError({ key: "errors.exposure.changed" }, { status: 409 });
  audit({
    action: "exposure.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "exposure",
    targetId: exposureId,
    detail: { status: "removed", source: "person", withEvidence: evidenceId !== null },
  });
}

export type PlaceStory = {
  status: ExposureStatus;
  /** Checked gone: the day, and whether a re-check or the person said so (set only while it is "removed"). */
  gone: { on: string; by: "recheck" | "person"; evidenceId: string | null } | null;
  /** The recipient's word: the day their answer said it was removed, and the letter it answered. */
  saidRemoved: { on: string; letterId: string | null } | null;
  /** A re-check found it still up after they said it was removed (the latest such day). */
  stillUpOn: string | null;
  /** The day of the re-check scheduled next, if one is. */
  nextCheckOn: string | null;
};

/** The stories of these places of the workspace (unknown ids are left out). Statuses and dates only. */
export function placeStories(scope: Scope, exposureIds: readonly string[]): Map<string, PlaceStory> {
  const out = new Map<string, PlaceStory>();
  if (!exposureIds.length) return out;
  const db = getDb();
  const ids = [...exposureIds];
  const current = db
    .select({ id: exposures.id, status: exposures.status })
    .from(exposures)
    .where(inScope(exposures, scope, inArray(exposures.id, ids)))
    .all();
  const next = scheduledRechecks(scope.workspaceId, ids);
  for (const e of current)
    out.set(e.id, {
      status: e.status,
      gone: null,
      saidRemoved: null,
      stillUpOn: null,
      nextCheckOn: next.get(e.id) ?? null,
    });
  const rows = db
    .select()
    .from(exposureStatusChanges)
    .where(inScope(exposureStatusChanges, scope, inArray(exposureStatusChanges.exposureId, ids)))
    .orderBy(asc(exposureStatusChanges.at), asc(exposureStatusChanges.id))
    .all();
  for (const r of rows) {
    const s = out.get(r.exposureId);
    if (!s) continue;
    if (r.toStatus === "removed")
      s.gone = {
        on: r.changedOn,
        by: r.source === "recheck" ? "recheck" : "person",
        evidenceId: r.evidenceId,
      };
    if (r.toStatus === "said_removed") {
      s.saidRemoved = { on: r.changedOn, letterId: r.letterId };
      s.stillUpOn = null;
    }
    if (r.fromStatus === "said_removed" && r.source === "recheck" && r.toStatus !== "removed")
      s.stillUpOn = r.changedOn;
  }
  for (const s of out.values()) if (s.status !== "removed") s.gone = null;
  return out;
}
