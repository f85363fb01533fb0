// The one database client of the running app. A globalThis singleton survives development rebuilds.

import { type DB, databasePath, migrateDatabase, openDatabase } from "#db/connection";
import { getEnv } from "~/env.server";

declare global {
  // eslint-disable-next-line no-var
  var __retractDb: DB | undefined;
}

export function getDb(): DB {
  if (!globalThis.__retractDb) {
    const env = getEnv();
    const db = openDatabase(databasePath(env.dataDir));
    // Outside production (tests, development) the schema is brought up to date on first use;
    // in production the start script migrates before the server starts.
    if (env.NODE_ENV !== "production") migrateDatabase(db);
    globalThis.__retractDb = db;
  }
  return globalThis.__retractDb;
}

export function closeDbForTests() {
  globalThis.__retractDb?.$client.close();
  globalThis.__retractDb = undefined;
}

export type { DB };
