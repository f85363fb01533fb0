// Seeds the database with shared reference data. Idempotent: safe on every start.
import { seedDirectory } from "~/recipients/import.server";
import type { DB } from "./connection";

export type SeedReport = { name: string; detail: string }[];

type Seeder = { name: string; run: (db: DB) => Promise<string> | string };

// Each capability that ships reference data registers its seeder here.
const seeders: Seeder[] = [{ name: "directory", run: seedDirectory }];

export async function seedDatabase(db: DB): Promise<SeedReport> {
  const report: SeedReport = [];
  for (const s of seeders) report.push({ name: s.name, detail: await s.run(db) });
  return report;
}
