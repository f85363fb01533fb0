// One re-check of one place at a set time, through the job runner: scheduled when the recipient says a place is
// removed (decision 106), so the word "removed" is checked a few days later instead of believed. The daily
// pass (rechecks.server.ts) keeps checking every place as well; this one has a date the person can see.
import { and, eq, inArray } from "drizzle-orm";
import { exposures, jobs } from "#db/schema";
import { getDb } from "~/db.server";
import { enqueue, type Tx } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/runner.server";
import type { FetchOptions } from "./fetch.server";
import { runCheck } from "./rechecks.server";

export const RECHECK_SOON_QUEUE = "recheck-soon";
/** Days between "they say it is removed" and the re-check: time for caches and search results to catch up. */
export const RECHECK_AFTER_SAID_DONE_DAYS = 3;

/** Schedules one re-check of each place `days` days from `now`, in the caller's transaction (keyed per place). */
export function scheduleRechecks(
  tx: Tx,
  o: { workspaceId: string; exposureIds: readonly string[]; now: Date; days?: number },
) {
  const runAt = new Date(o.now.getTime() + (o.days ?? RECHECK_AFTER_SAID_DONE_DAYS) * 86_400_000);
  enqueue(
    tx,
    o.exposureIds.map((id) => ({
      queue: RECHECK_SOON_QUEUE,
      key: id,
      payload: { workspaceId: o.workspaceId, exposureId: id },
      runAt,
      maxAttempts: 3,
      now: o.now,
    })),
  );
}

/** The day of each place's scheduled re-check still to come (YYYY-MM-DD, UTC), by exposure id. */
export function scheduledRechecks(workspaceId: string, exposureIds: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!exposureIds.length) return out;
  for (const j of getDb()
    .select({ key: jobs.key, runAt: jobs.runAt, payload: jobs.payload })
    .from(jobs)
    .where(
      and(
        eq(jobs.queue, RECHECK_SOON_QUEUE),
        inArray(jobs.key, [...exposureIds]),
        inArray(jobs.state, ["pending", "running"]),
      ),
    )
    .all()) {
    // The key is the place; the payload names its workspace (keys are random ids, but check anyway).
    if (j.key && (JSON.parse(j.payload) as { workspaceId?: string }).workspaceId === workspaceId)
      out.set(j.key, j.runAt.toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The job's work: checks the place if the recipient's word still stands unchecked ("they say it is removed").
 * A place the person confirmed meanwhile, or one deleted, needs no check.
 */
export async function runSoonCheck(
  payload: { workspaceId: string; exposureId: string },
  o: { fetch?: FetchOptions; now?: Date } = {},
) {
  const row = getDb()
    .select({ status: exposures.status })
    .from(exposures)
    .where(and(eq(exposures.id, payload.exposureId), eq(exposures.workspaceId, payload.workspaceId)))
    .get();
  if (row?.status !== "said_removed") return null;
  return runCheck({
    workspaceId: payload.workspaceId,
    exposureId: payload.exposureId,
    actorUserId: null,
    trigger: "scheduled",
    fetch: o.fetch,
    now: o.now,
  });
}

export const recheckSoonJob: JobHandler = {
  queue: RECHECK_SOON_QUEUE,
  async run({ payload }) {
    const workspaceId = typeof payload.workspaceId === "string" ? payload.workspaceId : "";
    const exposureId = typeof payload.exposureId === "string" ? payload.exposureId : "";
    if (!workspaceId || !exposureId) return;
    await runSoonCheck({ workspaceId, exposureId });
  },
};
