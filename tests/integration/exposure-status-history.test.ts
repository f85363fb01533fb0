// Every change of a place's state is kept: found, requested by a letter, set by the person, moved by a re-check.
// The dashboard's chart is built from these rows, so a change that skips them would show a false picture.

import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { exposureStatusChanges } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure, getExposure, updateExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { sentLetter } from "./factories";
import { newAccount } from "./helpers";

function history(exposureId: string) {
  return getDb()
    .select()
    .from(exposureStatusChanges)
    .where(eq(exposureStatusChanges.exposureId, exposureId))
    .orderBy(asc(exposureStatusChanges.at), asc(exposureStatusChanges.id))
    .all()
    .map((r) => [r.fromStatus, r.toStatus, r.source, r.changedOn]);
}

async function place() {
  const account = await newAccount();
  const subjectId = createSubject(account.scope, SubjectFieldsSchema.parse({ name: "Sam Example" }));
  const caseId = createCase(account.scope, { subjectId, title: "A leaked list" });
  const url = normaliseUrl("https://paste.example.net/list-1");
  if (!url.ok) throw new Error("fixture");
  const fields = {
    url: url.value,
    exposed: ["home_address" as const],
    callsForHarm: false,
    foundOn: "2026-11-20",
    severityOverride: null,
    status: "active" as const,
    notes: "",
  };
  const exposureId = createExposure(account.scope, caseId, fields);
  return { account, caseId, exposureId, fields };
}

describe("a place's state history", () => {
  it("records the day found, the letter that requested it and the person's own check", async () => {
    const { account, caseId, exposureId, fields } = await place();
    expect(history(exposureId)).toEqual([[null, "active", "found", "2026-11-20"]]);

    const letter = sentLetter(account.scope, caseId, { exposureIds: [exposureId] });
    const today = new Date().toISOString().slice(0, 10);
    expect(history(exposureId)[1]).toEqual(["active", "requested", "letter", today]);
    const requested = getDb()
      .select()
      .from(exposureStatusChanges)
      .where(eq(exposureStatusChanges.toStatus, "requested"))
      .all()
      .find((r) => r.exposureId === exposureId);
    expect(requested?.letterId).toBe(letter.id);

    updateExposure(account.scope, caseId, exposureId, { ...fields, status: "removed" });
    expect(history(exposureId)).toHaveLength(3);
    expect(history(exposureId)[2]).toEqual(["requested", "removed", "person", today]);
    expect(getExposure(account.scope, caseId, exposureId)?.status).toBe("removed");

    // Saving the form again without a new state adds nothing.
    updateExposure(account.scope, caseId, exposureId, { ...fields, notes: "checked", status: "removed" });
    expect(history(exposureId)).toHaveLength(3);
  });

  it("moves only places in an allowed state, of the workspace asked, and says which moved", async () => {
    const { account, exposureId } = await place();
    const other = await newAccount();
    const db = getDb();
    expect(
      setExposureStatus(db, { workspaceId: other.workspaceId, exposureIds: [exposureId] }, "removed", {
        source: "person",
        actorUserId: other.id,
      }),
    ).toEqual([]);
    expect(
      setExposureStatus(
        db,
        { workspaceId: account.workspaceId, exposureIds: [exposureId], from: ["requested"] },
        "said_removed",
        { source: "reply", actorUserId: account.id },
      ),
    ).toEqual([]);
    expect(
      setExposureStatus(db, { workspaceId: account.workspaceId, exposureIds: [exposureId] }, "said_removed", {
        source: "reply",
        actorUserId: account.id,
        changedOn: "2026-11-25",
      }),
    ).toEqual([exposureId]);
    expect(history(exposureId)).toEqual([
      [null, "active", "found", "2026-11-20"],
      ["active", "said_removed", "reply", "2026-11-25"],
    ]);
  });

  it("is backfilled by the migration for places recorded before it", () => {
    // Migrate a fresh database to the step before the history table, add two places, then apply the rest.
    const dir = mkdtempSync(join(tmpdir(), "retract-history-"));
    const folder = join(dir, "migrations");
    cpSync("db/migrations", folder, { recursive: true });
    const journalFile = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8"));
    const full = structuredClone(journal);
    const step = journal.entries.findIndex((e: { tag: string }) => e.tag === "0023_exposure-status-history");
    journal.entries = journal.entries.slice(0, step);
    writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = new Database(join(dir, "db.sqlite"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: folder });
    // Only the places matter here: foreign keys are off so the test need not build accounts by hand.
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(`
      INSERT INTO exposures (id, workspace_id, case_id, url_enc, url_hmac, host_enc, exposed, found_on, severity, status, notes_enc, created_at, updated_at)
        VALUES ('e1', 'w', 'c', 'u', 'h1', 'h', '[]', '2026-10-01', 'low', 'active', 'n', 1759276800000, 1759276800000),
               ('e2', 'w', 'c', 'u', 'h2', 'h', '[]', '2026-10-02', 'low', 'removed', 'n', 1759363200000, 1764547200000);
    `);
    writeFileSync(journalFile, JSON.stringify(full));
    migrate(db, { migrationsFolder: folder });
    const rows = sqlite
      .prepare(
        "SELECT exposure_id, from_status, to_status, changed_on, source FROM exposure_status_changes ORDER BY exposure_id, at",
      )
      .all();
    expect(rows).toEqual([
      {
        exposure_id: "e1",
        from_status: null,
        to_status: "active",
        changed_on: "2026-10-01",
        source: "import",
      },
      {
        exposure_id: "e2",
        from_status: null,
        to_status: "active",
        changed_on: "2026-10-02",
        source: "import",
      },
      {
        exposure_id: "e2",
        from_status: "active",
        to_status: "removed",
        changed_on: "2025-12-01",
        source: "import",
      },
    ]);
    sqlite.close();
  });
});
