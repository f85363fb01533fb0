// Start-up steps shared by the server and the CLI: settings, data folder, keys, migrations, seed data.

import { type DB, databasePath, migrateDatabase, openDatabase } from "#db/connection";
import { seedDatabase } from "#db/seed";
import { type Env, EnvError, parseEnv } from "~/env.server";
import { ensureSecrets } from "~/security/secrets.server";
import { tightenDataDir } from "./data-permissions";

export function loadEnvOrExit(): Env {
  try {
    return parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

export function prepareDataDir(env: Env, log: (line: string) => void = console.error) {
  const { created, path } = ensureSecrets(env.dataDir);
  tightenDataDir(env.dataDir, log);
  if (created) {
    log(
      [
        "",
        "  ┌──────────────────────────────────────────────────────────────────────────┐",
        "  │  New encryption keys were created:                                         │",
        `  │  ${path.padEnd(72)}│`,
        "  │  Everything in Retract is encrypted with them. Back this file up somewhere │",
        "  │  safe and separate from the database: without it the data cannot be read. │",
        "  └──────────────────────────────────────────────────────────────────────────┘",
        "",
      ].join("\n"),
    );
  }
}

export async function migrateAndSeed(env: Env, { seed = true } = {}): Promise<DB> {
  const db = openDatabase(databasePath(env.dataDir));
  migrateDatabase(db);
  tightenDataDir(env.dataDir); // the database file a first start just created
  if (seed) await seedDatabase(db);
  // Planner statistics, as SQLite advises for each start of a long-lived program: without them it picks the
  // workspace index over the case index (a case's 600 letters counted by reading the workspace's 100,000).
  // Quick when nothing changed much; analysis_limit keeps the first run on a large database short.
  db.$client.pragma("analysis_limit = 400");
  db.$client.pragma("optimize = 0x10002");
  return db;
}
