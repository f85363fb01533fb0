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

/** Closes this process's connection (a graceful stop); the next getDb() would open it again. */
export function closeDb() {
  closeDbForTests();
}

export function closeDbForTests() {
  globalThis.__retractDb?.$client.close();
  globalThis.__retractDb = undefined;
}

/** Queries built once per database connection (see `prepared`). */
const preparedByDb = new WeakMap<DB, Map<string, unknown>>();

/**
 * A drizzle query built once and run many times: `build` returns `….prepare()` with `sql.placeholder(…)` for
 * the values that change, and the caller runs it with those values (`.all({ … })`). Drizzle otherwise builds
 * a query's SQL text on every run (~0.15 ms each), most of what a page's small queries cost
 * (decision 050). `name` must name one query shape: the first `build` for a name is the one kept.
 */
export function prepared<Q>(name: string, build: (db: DB) => Q): Q {
  const db = getDb();
  let byName = preparedByDb.get(db);
  if (!byName) {
    byName = new Map();
    preparedByDb.set(db, byName);
  }
  let query = byName.get(name) as Q | undefined;
  if (query === undefined) {
    query = build(db);
    byName.set(name, query);
  }
  return query;
}

export type { DB };
