// The one database client of the running app. A globalThis singleton survives development rebuilds.

import { type Checkpointer, SAFETY_NET_PAGES, startCheckpointer } from "#db/checkpointer";
import { type DB, databasePath, migrateDatabase, openDatabase } from "#db/connection";
import { getEnv } from "~/env.server";

declare global {
  // eslint-disable-next-line no-var
  var __retractDb: DB | undefined;
  // eslint-disable-next-line no-var
  var __retractCheckpointer: Checkpointer | undefined;
}

export function getDb(): DB {
  if (!globalThis.__retractDb) {
    const env = getEnv();
    const db = openDatabase(databasePath(env.dataDir));
    // Outside production (tests, development) the schema is brought up to date on first use;
    // in production the start script migrates before the server starts.
    if (env.NODE_ENV !== "production") migrateDatabase(db);
    if (env.RETRACT_WAL_CHECKPOINTER === "worker") {
      // Checkpoints run in a worker thread (db/checkpointer.ts); this connection checkpoints only past the
      // safety net, and the WAL file is cut back to 64 MB after each reset.
      db.$client.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
      db.$client.pragma("journal_size_limit = 67108864");
      globalThis.__retractCheckpointer = startCheckpointer(databasePath(env.dataDir));
    }
    globalThis.__retractDb = db;
  }
  return globalThis.__retractDb;
}

/** The running checkpoint worker, if any (tests and the bench read its counters). */
export function getCheckpointer(): Checkpointer | undefined {
  return globalThis.__retractCheckpointer;
}

/** Closes this process's connection (a graceful stop); the next getDb() would open it again. */
export function closeDb() {
  closeDbForTests();
}

export function closeDbForTests() {
  void globalThis.__retractCheckpointer?.stop();
  globalThis.__retractCheckpointer = undefined;
  globalThis.__retractDb?.$client.close();
  globalThis.__retractDb = undefined;
}

/** Queries built once per database connection (see `prepared`). */
const preparedByDb = new WeakMap<DB, Map<string, unknown>>();

/**
 * A drizzle query built once and run many times: `build` returns `….prepare()` with `sql.placeholder(…)` for
 * the values that change, and the caller runs it with those values (`.all({ … })`). Drizzle otherwise builds
 * a query's SQL text on every run (~0.15 ms each), most of what a page's small queries cost (issue 7,
 * decision 050). `name` must name one query shape: the first `build` for a name is the one kept.
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
