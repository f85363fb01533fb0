// When the recipient's answer says it is done ("removed", "no longer there", or "partly removed" for the places
// it names), the request's places become "they say it is removed", never "removed": that word is kept for a
// check. A re-check of each is scheduled a few days later (decision 106).
import { and, eq, inArray } from "drizzle-orm";
import { exposures, letterExposures } from "#db/schema";
import { getDb } from "~/db.server";
import type { ExposureStatus } from "~/exposures/categories";
import { setExposureStatus } from "~/exposures/status.server";
import type { Tx } from "~/jobs/queue.server";
import { scheduleRechecks } from "~/rechecks/soon.server";
import { type ReplyOutcome, SAID_DONE_OUTCOMES } from "./lifecycle";

/** The places a "done" answer moves: still up, requested, back up or unreachable (not checked gone ones). */
const STILL_OPEN: readonly ExposureStatus[] = ["active", "requested", "reappeared", "unreachable"];

/**
 * Moves the letter's places to "said_removed" and schedules their re-checks, in the caller's transaction. For
 * "partly removed", only the places named (when some are); otherwise all of the letter's places. Returns the
 * ids moved.
 */
export function markSaidDone(
  tx: Tx,
  o: {
    workspaceId: string;
    letterId: string;
    outcome: ReplyOutcome;
    named?: readonly string[];
    actorUserId: string | null;
    now: Date;
  },
): string[] {
  if (!SAID_DONE_OUTCOMES.includes(o.outcome)) return [];
  const places = tx
    .select({ id: letterExposures.exposureId })
    .from(letterExposures)
    .innerJoin(exposures, eq(exposures.id, letterExposures.exposureId))
    .where(and(eq(letterExposures.letterId, o.letterId), eq(exposures.workspaceId, o.workspaceId)))
    .all()
    .map((r) => r.id);
  const named = o.outcome === "partly_removed" && o.named?.length ? new Set(o.named) : null;
  const ids = named ? places.filter((id) => named.has(id)) : places;
  const moved = setExposureStatus(
    tx,
    { workspaceId: o.workspaceId, exposureIds: ids, from: STILL_OPEN },
    "said_removed",
    { source: "reply", actorUserId: o.actorUserId, now: o.now, letterId: o.letterId },
  );
  scheduleRechecks(tx, { workspaceId: o.workspaceId, exposureIds: moved, now: o.now });
  return moved;
}

/**
 * Of these letters of the workspace, those whose places have all been checked gone (every place "removed"):
 * a request the recipient said was done reads "Removed (checked)" only then. One query for a page of letters.
 */
export function requestsCheckedGone(workspaceId: string, letterIds: readonly string[]): Set<string> {
  const open = new Set<string>();
  const any = new Set<string>();
  for (let i = 0; i < letterIds.length; i += 500)
    for (const r of getDb()
      .select({ letterId: letterExposures.letterId, status: exposures.status })
      .from(letterExposures)
      .innerJoin(exposures, eq(exposures.id, letterExposures.exposureId))
      .where(
        and(
          eq(letterExposures.workspaceId, workspaceId),
          inArray(letterExposures.letterId, letterIds.slice(i, i + 500)),
        ),
      )
      .all()) {
      any.add(r.letterId);
      if (r.status !== "removed") open.add(r.letterId);
    }
  return new Set([...any].filter((id) => !open.has(id)));
}
