// The database handle the directory's server modules take: drizzle over better-sqlite3 with the driver client
// (drizzle() returns exactly this; the app's DB in db/connection.ts is the same type).
import type Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type * as schema from "#db/schema";

export type DirectoryDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
