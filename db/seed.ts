// Seeds the database with shared reference data. Idempotent: safe on every start.
import type { DB } from "./connection";

export type SeedReport = { name: string; detail: string }[];

type Seeder = { name: string; run: (db: DB) => Promise<string> | string };

// Each later capability (the recipient directory first) registers its seeder here.
const seeders: Seeder[] = [];

export async function seedDatabase(db: DB): Promise<SeedReport> {
  const report: SeedReport = [];
  for (const s of seeders) report.push({ name: s.name, detail: await s.run(db) });
  return report;
}
