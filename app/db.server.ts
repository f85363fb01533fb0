// The one database client of the running app. A globalThis singleton survives development rebuilds.

import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
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

/**
 * Inserts many rows of one table through one drizzle prepared INSERT (`sql.placeholder` per column), built
 * once per call and run once per row, in the caller's transaction. A multi-row `.values([...])` makes drizzle
 * build the SQL of every value on every call: for a bulk batch of 25-column letters that building was most of
 * the write's CPU (decision 099). Rows without a value for a column (undefined) get its default, as in
 * `.values()`; rows of different shapes (which columns are given, which are null) get their own statement. Returns the rows inserted.
 */
export function insertEach<T extends SQLiteTable>(
  tx: Pick<DB, "insert">,
  table: T,
  rows: T["$inferInsert"][],
  { onConflictDoNothing = false } = {},
): number {
  const byShape = new Map<string, { run: (values: Record<string, unknown>) => { changes: number } }>();
  let changes = 0;
  for (const row of rows) {
    const given = Object.entries(row as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // A null goes into the statement as NULL: drizzle maps a placeholder's value with the column's encoder,
    // which expects a value (a timestamp column would call null.getTime()).
    const shape = given.map(([k, v]) => (v === null ? `${k}=null` : k)).join(",");
    let query = byShape.get(shape);
    if (!query) {
      const values = Object.fromEntries(
        given.map(([k, v]) => [k, v === null ? sql`null` : sql.placeholder(k)]),
      ) as T["$inferInsert"];
      const insert = tx.insert(table).values(values);
      query = (onConflictDoNothing ? insert.onConflictDoNothing() : insert).prepare();
      byShape.set(shape, query);
    }
    changes += query.run(row as Record<string, unknown>).changes;
  }
  return changes;
}
