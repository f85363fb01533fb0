// Seeds the database with shared reference data. Each data set is loaded again only when its files change
// (a SHA-256 fingerprint is kept in seed_state), so an ordinary start does no seeding work at all.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { SEED_DIRECTORY, seedDirectory } from "~/recipients/import.server";
import type { DB } from "./connection";
import { seedState } from "./schema";

export type SeedReport = { name: string; detail: string }[];

type Seeder = {
  name: string;
  version: number;
  inputs: () => string[];
  run: (db: DB) => Promise<string> | string;
};

// Each capability that ships reference data registers its seeder here. Bump `version` when the code that
// loads a data set changes in a way that should reload it.
const seeders: Seeder[] = [
  {
    name: "directory",
    version: 1,
    inputs: () => readdirSync(SEED_DIRECTORY).map((f) => join(SEED_DIRECTORY, f)),
    run: seedDirectory,
  },
];

function fingerprint(s: Seeder) {
  const h = createHash("sha256").update(`v${s.version}`);
  for (const file of s.inputs().sort()) h.update(file).update(readFileSync(file));
  return h.digest("hex");
}

export async function seedDatabase(db: DB, { force = false } = {}): Promise<SeedReport> {
  const report: SeedReport = [];
  for (const s of seeders) {
    const fp = fingerprint(s);
    const done = db.select().from(seedState).where(eq(seedState.name, s.name)).get();
    if (!force && done?.fingerprint === fp) {
      report.push({ name: s.name, detail: "unchanged" });
      continue;
    }
    const detail = await s.run(db);
    db.insert(seedState)
      .values({ name: s.name, fingerprint: fp, appliedAt: new Date() })
      .onConflictDoUpdate({ target: seedState.name, set: { fingerprint: fp, appliedAt: new Date() } })
      .run();
    report.push({ name: s.name, detail });
  }
  return report;
}
