// The scheduled backup: when RETRACT_BACKUP_DIR is set, the running server writes a full archive there every
// RETRACT_BACKUP_HOURS (24) and keeps the newest RETRACT_BACKUP_KEEP (7). A recurring job of the runner (app/jobs)
// checks hourly whether one is due, so a restart never causes a burst of backups nor a long gap.
import { resolve } from "node:path";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { JobHandler } from "~/jobs/runner.server";
import { backupDue, runScheduledBackup } from "./backup.server";

const CHECK_MS = 60 * 60 * 1000;
const FIRST_CHECK_MS = 60 * 1000;

export async function backupIfDue(now = new Date()) {
  const env = getEnv();
  if (!env.RETRACT_BACKUP_DIR) return null;
  const dir = resolve(env.RETRACT_BACKUP_DIR);
  if (!backupDue(dir, env.RETRACT_BACKUP_HOURS, now)) return null;
  return runScheduledBackup({
    db: getDb().$client,
    dataDir: env.dataDir,
    dir,
    keep: env.RETRACT_BACKUP_KEEP,
    now,
  });
}

/** A recurring job of the runner: hourly while RETRACT_BACKUP_DIR is set, the first a minute after start. */
export const backupJob: JobHandler = {
  queue: "backup",
  everyMs: () => (getEnv().RETRACT_BACKUP_DIR ? CHECK_MS : null),
  firstDelayMs: FIRST_CHECK_MS,
  async run() {
    try {
      const r = await backupIfDue();
      if (r) console.log(`Scheduled backup written (${r.files} files, ${r.bytes} bytes).`);
    } catch (e) {
      console.error(`The scheduled backup failed: ${(e as Error).message}`);
    }
  },
};
