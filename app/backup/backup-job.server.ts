// The scheduled backup: when RETRACT_BACKUP_DIR is set, the running server writes a full archive there every
// RETRACT_BACKUP_HOURS (24) and keeps the newest RETRACT_BACKUP_KEEP (7). It checks hourly whether one is due,
// so a restart never causes a burst of backups nor a long gap.
import { resolve } from "node:path";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
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

export const backupJob = {
  name: "backup",
  start() {
    if (!getEnv().RETRACT_BACKUP_DIR) return () => {};
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      backupIfDue()
        .then((r) => {
          if (r) console.log(`Scheduled backup written (${r.files} files, ${r.bytes} bytes).`);
        })
        .catch((e) => console.error(`The scheduled backup failed: ${(e as Error).message}`))
        .finally(() => {
          running = false;
        });
    };
    const first = setTimeout(tick, FIRST_CHECK_MS);
    const every = setInterval(tick, CHECK_MS);
    first.unref();
    every.unref();
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  },
};
