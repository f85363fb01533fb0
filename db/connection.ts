// Opens Retract's SQLite database with the pragmas it relies on, and applies migrations when asked.
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Resolved from the working directory (the project root for npm scripts), because this module is also
// bundled into build/ by the Remix compiler, where its own location says nothing about db/.
export const MIGRATIONS_FOLDER = resolve(process.env.RETRACT_MIGRATIONS_DIR ?? "db/migrations");

export function databasePath(dataDir: string) {
  return join(dataDir, "retract.sqlite");
}

export function openDatabase(file: string): DB {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(withStatementCache(sqlite), { schema }) as DB;
  db.$client = sqlite; // code that prepares its own statements keeps them itself
  return db;
}

/**
 * The client drizzle sees: prepare() hands back the statement already prepared for the same SQL text (the 500
 * most recently used). drizzle prepares every query each time it runs, and SQLite parsing and planning it
 * again was ~0.7 ms of a dashboard view (issue 7). drizzle turns raw rows on when it wants them and assumes
 * them off otherwise, so a statement handed out again has them off.
 */
export function withStatementCache(sqlite: Database.Database, limit = 500): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let stmt = statements.get(source);
    if (stmt) {
      statements.delete(source); // most recently used last
      if (stmt.reader) stmt.raw(false);
    } else {
      stmt = sqlite.prepare(source);
      if (statements.size >= limit) statements.delete(statements.keys().next().value as string);
    }
    statements.set(source, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === "prepare") return prepare;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function migrateDatabase(db: DB, migrationsFolder = MIGRATIONS_FOLDER) {
  migrate(db, { migrationsFolder });
}
