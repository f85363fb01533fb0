import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "./connection";
import { seedDatabase } from "./seed";

describe("seeding", () => {
  it("loads the directory once and skips it while its files are unchanged", async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "retract-seed-")), "db.sqlite"));
    migrateDatabase(db);
    const first = await seedDatabase(db);
    expect(first[0]!.detail).toMatch(/3069 companies/);
    const second = await seedDatabase(db);
    expect(second).toEqual([{ name: "directory", detail: "unchanged" }]);
    const forced = await seedDatabase(db, { force: true });
    expect(forced[0]!.detail).toMatch(/3069 companies/);
    db.$client.close();
  });
});
