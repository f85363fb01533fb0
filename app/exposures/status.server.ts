// The one write path for a place's state. Every change of exposures.status goes through here, and each
// change is kept as a row in exposure_status_changes: the dashboard counts places found, requested, said
// done, checked gone and back up over time from those rows. Statuses, dates and ids only (nothing personal).
import { and, eq, inArray } from "drizzle-orm";
import { exposureStatusChanges, exposures } from "#db/schema";
import type { Tx } from "~/jobs/queue.server";
import { newId } from "~/utils/ids.server";
import type { ExposureStatus } from "./categories";

/** What moved a place's state. */
export const EXPOSURE_STATUS_SOURCES = [
  // The place was recorded (from_status is null).
  "found",
  // The person (or their helper) said so on the place's page.
  "person",
  // A letter about it was sent.
  "letter",
  // The recipient's answer was recorded.
  "reply",
  // A re-check of the web address.
  "recheck",
  // An opt-out at a broker's parent company covers this site.
  "broker_family",
  // Rows written by the migration that started the history.
  "import",
] as const;
export type ExposureStatusSource = (typeof EXPOSURE_STATUS_SOURCES)[number];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Context = {
  source: ExposureStatusSource;
  actorUserId: string | null;
  now?: Date;
  /** The day it happened, when the person gives one (YYYY-MM-DD); else the day of `now`. */
  changedOn?: string;
  letterId?: string | null;
  checkId?: string | null;
  /** The evidence file the person gave with "I checked: it is gone". */
  evidenceId?: string | null;
};

/** Records newly saved places (their "found" row), in the caller's transaction. */
export function recordExposuresFound(
  tx: Tx,
  rows: { id: string; workspaceId: string; caseId: string; foundOn: string; status: ExposureStatus }[],
  ctx: Omit<Context, "source" | "changedOn">,
) {
  const now = ctx.now ?? new Date();
  const values = rows.flatMap((r) => {
    const found = {
      id: newId(),
      workspaceId: r.workspaceId,
      caseId: r.caseId,
      exposureId: r.id,
      fromStatus: null,
      toStatus: "active",
      changedOn: r.foundOn,
      at: now,
      source: "found",
      actorUserId: ctx.actorUserId,
    };
    // A place saved as already gone (or already requested) gets its second row at once.
    if (r.status === "active") return [found];
    return [
      found,
      {
        ...found,
        id: newId(),
        fromStatus: "active",
        toStatus: r.status,
        changedOn: isoDay(now),
        source: "person",
      },
    ];
  });
  for (let i = 0; i < values.length; i += 500)
    tx.insert(exposureStatusChanges)
      .values(values.slice(i, i + 500))
      .run();
}

/**
 * Moves places of one workspace to `to`, only those whose state is one of `from` (all states when omitted) and
 * differs from `to`. Returns the ids that changed. Runs in the caller's transaction.
 */
export function setExposureStatus(
  tx: Tx,
  target: { workspaceId: string; exposureIds: readonly string[]; from?: readonly ExposureStatus[] },
  to: ExposureStatus,
  ctx: Context,
): string[] {
  if (!target.exposureIds.length) return [];
  const now = ctx.now ?? new Date();
  const changed: { id: string; caseId: string; status: ExposureStatus }[] = [];
  for (let i = 0; i < target.exposureIds.length; i += 5000) {
    const ids = target.exposureIds.slice(i, i + 5000);
    changed.push(
      ...tx
        .select({ id: exposures.id, caseId: exposures.caseId, status: exposures.status })
        .from(exposures)
        .where(
          and(
            eq(exposures.workspaceId, target.workspaceId),
            inArray(exposures.id, ids),
            target.from ? inArray(exposures.status, [...target.from]) : undefined,
          ),
        )
        .all()
        .filter((r) => r.status !== to),
    );
  }
  if (!changed.length) return [];
  const ids = changed.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 5000)
    tx.update(exposures)
      .set({ status: to, updatedAt: now })
      .where(
        and(eq(exposures.workspaceId, target.workspaceId), inArray(exposures.id, ids.slice(i, i + 5000))),
      )
      .run();
  const rows = changed.map((r) => ({
    id: newId(),
    workspaceId: target.workspaceId,
    caseId: r.caseId,
    exposureId: r.id,
    fromStatus: r.status,
    toStatus: to,
    changedOn: ctx.changedOn ?? isoDay(now),
    at: now,
    source: ctx.source,
    letterId: ctx.letterId ?? null,
    checkId: ctx.checkId ?? null,
    evidenceId: ctx.evidenceId ?? null,
    actorUserId: ctx.actorUserId,
  }));
  for (let i = 0; i < rows.length; i += 500)
    tx.insert(exposureStatusChanges)
      .values(rows.slice(i, i + 500))
      .run();
  return ids;
}
