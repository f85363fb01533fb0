import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { correctRecipient, getRecipient } from "./directory.server";
import { addWorkspace, createTestDb, ownerOf } from "./fixtures/test-db";
import { importDirectory, runDirectoryImportCommand, SEED_DIRECTORY } from "./import.server";
import { SNAPSHOT_FILES } from "./sources.server";

const db = createTestDb();
let first: ReturnType<typeof importDirectory>;

beforeAll(() => {
  first = importDirectory(db, SEED_DIRECTORY);
  addWorkspace(db, "ws-a");
});

const count = (where: ReturnType<typeof sql>) =>
  db.select({ n: sql<number>`count(*)` }).from(schema.recipients).where(where).get()!.n;

describe("importDirectory", () => {
  it("imports every record of every source", () => {
    expect(first).toEqual({ companies: 3069, authorities: 57, brokers: 60, curated: 46, retired: 0 });
    expect(count(sql`source = 'datenanfragen' AND kind = 'company'`)).toBe(3069);
    expect(count(sql`source = 'datenanfragen' AND kind = 'regulator'`)).toBe(57);
    expect(count(sql`source = 'data-brokers'`)).toBe(60);
  });

  it("counts equal the upstream files it was vendored from", () => {
    const upstream = JSON.parse(readFileSync("db/seed-data/directory/datenanfragen-companies.json", "utf8"));
    expect(upstream).toHaveLength(3069);
  });

  it("keeps source ids, sources, quality and the front → parent join", () => {
    const truthFinder = getRecipient(null, "data-brokers:truthFinder", db);
    expect(truthFinder?.sourceId).toBe("data-brokers:truthFinder");
    expect(truthFinder?.parent?.id).toBe("data-brokers:peopleConnect");
    expect(truthFinder?.sources[0]?.url).toContain("github.com/brianreumere/data-brokers/blob/9a33533e");
    const google = getRecipient(null, "datenanfragen:google", db);
    expect(google?.quality).toBe("verified");
    expect(google?.sources.length).toBeGreaterThan(0);
    expect(getRecipient(null, "datenanfragen:sa.atdsb", db)?.quality).toBeNull();
    expect(getRecipient(null, "data-brokers:peopleConnect", db)?.children.map((c) => c.id)).toContain(
      "data-brokers:truthFinder",
    );
  });

  it("re-imports in place without touching workspace corrections", () => {
    correctRecipient(
      ownerOf("ws-a"),
      {
        recipientId: "curated:telegram",
        fields: {
          channels: [{ kind: "email", purpose: "abuse", address: "abuse@telegram.org" }],
          domains: ["tg.dev"],
        },
        note: "Only the abuse address works for us",
      },
      db,
    );
    const again = importDirectory(db, SEED_DIRECTORY);
    expect(again.retired).toBe(0);
    expect(count(sql`1 = 1`)).toBe(3069 + 57 + 60 + 46);
    const telegram = getRecipient({ workspaceId: "ws-a" }, "curated:telegram", db);
    expect(telegram?.correction?.note).toBe("Only the abuse address works for us");
    expect(telegram?.effective.domains).toContain("tg.dev");
    expect(telegram?.channels.length).toBeGreaterThan(1);
  });

  it("updates by source id from an upstream checkout and retires what a source dropped", () => {
    const dir = mkdtempSync(join(tmpdir(), "directory-snapshot-"));
    const brokers = JSON.parse(readFileSync(join(SEED_DIRECTORY, SNAPSHOT_FILES.brokers), "utf8")) as {
      sourceId: string;
      name: string;
    }[];
    const spokeo = brokers.find((b) => b.sourceId === "data-brokers:spokeo")!;
    spokeo.name = "Spokeo (renamed upstream)";
    writeFileSync(
      join(dir, SNAPSHOT_FILES.brokers),
      JSON.stringify(brokers.filter((b) => b.sourceId !== "data-brokers:radaris")),
    );
    const line = runDirectoryImportCommand(db, ["--from", dir]);
    expect(line).toContain("59 data brokers");
    expect(line).toContain("companies not in snapshot (kept)");
    expect(getRecipient(null, "data-brokers:spokeo", db)?.name).toBe("Spokeo (renamed upstream)");
    expect(getRecipient(null, "data-brokers:radaris", db)?.retired).toBe(true);
    expect(
      db.select().from(schema.recipients).where(eq(schema.recipients.kind, "company")).all(),
    ).toHaveLength(3069);
    // The vendored snapshot brings it back.
    importDirectory(db, SEED_DIRECTORY);
    expect(getRecipient(null, "data-brokers:radaris", db)?.retired).toBe(false);
  });

  it("converts an upstream layout (datenanfragen/, data-brokers/) directly", () => {
    const dir = mkdtempSync(join(tmpdir(), "directory-upstream-"));
    mkdirSync(join(dir, "datenanfragen"));
    mkdirSync(join(dir, "data-brokers", "data"), { recursive: true });
    mkdirSync(join(dir, "data-brokers", "joins"));
    const company = {
      slug: "example-gmbh",
      "relevant-countries": ["de"],
      categories: ["commerce"],
      name: "Example GmbH",
      address: "Musterstr. 1\n10115 Berlin\nDeutschland",
      email: "datenschutz@example.de",
      web: "https://www.example.de/",
      sources: ["https://www.example.de/datenschutz"],
      quality: "tested",
    };
    writeFileSync(join(dir, "datenanfragen", "companies.json"), JSON.stringify([company]));
    writeFileSync(
      join(dir, "data-brokers", "data", "parentBroker.yaml"),
      "parentBroker:\n  names:\n    - Parent Broker\n  url: https://www.parent-broker-test.com/\n  removalUrl: https://www.parent-broker-test.com/optout\n  status:\n    working: true\n    asOf: 2024-01-02\n",
    );
    writeFileSync(
      join(dir, "data-brokers", "data", "frontSite.yaml"),
      "frontSite:\n  names:\n    - frontsite-test.com\n  url: https://frontsite-test.com/\n",
    );
    writeFileSync(join(dir, "data-brokers", "joins", "fronts.yml"), "parentBroker:\n  - frontSite\n");
    const fresh = createTestDb();
    expect(importDirectory(fresh, dir)).toEqual({
      companies: 1,
      authorities: null,
      brokers: 2,
      curated: null,
      retired: 0,
    });
    const front = getRecipient(null, "data-brokers:frontSite", fresh);
    expect(front?.parent?.id).toBe("data-brokers:parentBroker");
    expect(front?.quality).toBe("scraped");
    const parent = getRecipient(null, "data-brokers:parentBroker", fresh);
    expect(parent).toMatchObject({
      quality: "tested",
      verifiedOn: "2024-01-02",
      domains: ["parent-broker-test.com"],
    });
    expect(getRecipient(null, "datenanfragen:example-gmbh", fresh)).toMatchObject({
      kind: "company",
      countries: ["DE"],
      domains: ["example.de"],
      quality: "tested",
    });
  });
});
