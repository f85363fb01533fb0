// The background jobs of the running server, all on one runner over the jobs table (app/jobs/runner.server.ts):
// letter sends, bulk runs, mailbox polls, reminder digests, re-checks and backups. Each capability defines its
// handler; this list registers them. Tests and the CLI never start the runner (they call the work directly).
import { backupJob } from "~/backup/backup-job.server";
import { getEnv } from "~/env.server";
import { bulkLettersJob } from "~/incidents/bulk.server";
import { JobRunner } from "~/jobs/runner.server";
import { sendLetterJob } from "~/requests/send/outbox.server";
import { trackingJobs } from "~/requests/tracking/jobs.server";

export const jobHandlers = [sendLetterJob, bulkLettersJob, backupJob, ...trackingJobs];

/** A runner over every handler; `leaseMs` and `pollMs` are for tests that run one in a child process. */
export function createJobRunner(o: { leaseMs?: number; pollMs?: number } = {}) {
  return new JobRunner({
    handlers: jobHandlers,
    // Work this process queues wakes the runner at once; work queued by another process waits at most this long.
    pollMs: o.pollMs ?? getEnv().RETRACT_OUTBOX_INTERVAL_MS,
    leaseMs: o.leaseMs,
  });
}

export function startBackgroundJobs(o: { leaseMs?: number; pollMs?: number } = {}) {
  if (globalThis.__retractJobRunner || process.env.RETRACT_DISABLE_JOBS === "true") return;
  const runner = createJobRunner(o);
  globalThis.__retractJobRunner = runner;
  runner.start();
}

/**
 * Stops the runner: no new claims, running jobs get `timeoutMs` to finish (a bulk run hands itself back between
 * chunks), unfinished ones are handed back for the next process.
 */
export async function stopBackgroundJobs(timeoutMs = 10_000) {
  const runner = globalThis.__retractJobRunner as JobRunner | undefined;
  globalThis.__retractJobRunner = undefined;
  await runner?.stop(timeoutMs);
  return runner?.ran ?? new Map<string, number>();
}
