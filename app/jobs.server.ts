// Background jobs of the running server (outbox, reminders, re-checks, backups), started once per process.
// Each capability registers its job here; tests and the CLI never start them.
import { backupJob } from "~/backup/backup-job.server";
import { bulkLettersJob } from "~/incidents/bulk.server";
import { outboxJob } from "~/requests/send/outbox.server";
import { trackingJobs } from "~/requests/tracking/jobs.server";

type Job = { name: string; start: () => () => void };

const jobs: Job[] = [outboxJob, backupJob, bulkLettersJob, ...trackingJobs];

let stopFns: (() => void)[] | undefined;

export function startBackgroundJobs() {
  if (stopFns || process.env.RETRACT_DISABLE_JOBS === "true") return;
  stopFns = jobs.map((j) => j.start());
}
