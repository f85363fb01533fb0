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
  return drizzle(sqlite, { schema }) as DB;
}

export function migrateDatabase(db: DB, migrationsFolder = MIGRATIONS_FOLDER) {
  migrate(db, { migrationsFolder });
}
