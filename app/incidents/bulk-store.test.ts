// The bulk worker writes a chunk's letters without a savepoint each; when one letter's rows cannot be stored the
// whole chunk is rolled back and redone letter by letter. Here a temporary trigger refuses one letter's
// exposure link (after its letter row is in): that item fails with nothing of it left behind, and every other
// item gets exactly its one letter, outbox row and audit rows.
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, letterExposures, letters, outbox } from "#db/schema";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { jobItems, runBulkJob, startBulkLetters } from "~/incidents/bulk.server";
import { emailRecipients, seedIncident } from "~/incidents/bulk-fixtures.server";
import { saveSmtpSettings } from "~/outbox/smtp-settings.server";
import { importDirectory } from "~/recipients/import.server";
import { createOrganisation } from "~/workspaces/workspaces.server";

let scope: { userId: string; workspaceId: string; role: "owner" };

beforeAll(async () => {
  importDirectory(getDb());
  const user = await createUser({
    email: "bulk-store@example.test",
    name: "Security Team",
    password: "correct horse battery staple",
  });
  scope = { userId: user.id, workspaceId: createOrganisation(user.id, "Employer").id, role: "owner" };
  saveSmtpSettings(scope, {
    host: "127.0.0.1",
    port: 9,
    secure: false,
    user: "",
    password: "",
    from: "Security <security@employer.example>",
    replyTo: "",
  });
});

describe("bulk letters: a letter that cannot be stored", () => {
  it("fails that item alone, leaves none of its rows, and writes every other letter once", async () => {
    const seeded = await seedIncident(scope, {
      people: 6,
      recipientIds: emailRecipients(4),
      mandates: "row",
    });
    const jobId = startBulkLetters(scope, seeded.incidentId, {
      letter: "suggested",
      lang: "auto",
      channel: "email",
      sender: "representative",
      particularSituation: "Our staff list was posted with a call to visit them at home.",
      illegalityExplanation: "The post publishes private home addresses to invite harassment.",
      delistingReason: "",
      authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    });
    const items = jobItems(jobId);
    // The fifth item's exposure cannot be linked: its letter row is written first, then this refuses.
    const victim = items[4]!;
    const refused = victim.exposureIds[0]!;
    const sqlite = getDb().$client;
    sqlite.exec(
      `CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON letter_exposures WHEN NEW.exposure_id = '${refused}'
       BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    try {
      // A budget no chunk reaches: the whole job is one chunk, so the refusal rolls back every letter of it.
      expect(await runBulkJob(jobId, { budgetMs: 60_000 })).toBe("done");
    } finally {
      sqlite.exec("DROP TRIGGER refuse_one");
    }

    const after = jobItems(jobId);
    const failed = after.find((i) => i.seq === victim.seq)!;
    expect(failed).toMatchObject({ state: "failed", reason: "error", letterId: null });
    expect(after.filter((i) => i.state === "pending")).toEqual([]);
    const written = after.filter((i) => i.state === "queued");
    expect(written.length).toBeGreaterThan(0);

    const caseIds = seeded.people.map((p) => p.caseId);
    const rows = getDb()
      .select({ id: letters.id, caseId: letters.caseId, recipientId: letters.recipientId })
      .from(letters)
      .where(inArray(letters.caseId, caseIds))
      .all();
    // Exactly the items' letters: none for the refused cell, one per written item.
    expect(rows.map((r) => r.id).sort()).toEqual(written.map((i) => i.letterId!).sort());
    expect(rows.some((r) => r.caseId === victim.caseId && r.recipientId === victim.recipientId)).toBe(false);
    const ids = rows.map((r) => r.id);
    const links = getDb().select().from(letterExposures).where(inArray(letterExposures.letterId, ids)).all();
    expect(new Set(links.map((l) => l.letterId)).size).toBe(ids.length);
    expect(links.some((l) => l.exposureId === refused)).toBe(false);
    const boxes = getDb().select().from(outbox).where(inArray(outbox.letterId, ids)).all();
    expect(boxes.map((b) => b.letterId).sort()).toEqual([...ids].sort());
    // One letter.create and one letter.queue per written letter: the rolled-back attempt logged nothing.
    const logged = getDb()
      .select({ action: auditEvents.action, targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ["letter.create", "letter.queue"]))
      .all()
      .filter((a) => ids.includes(a.targetId ?? ""));
    expect(logged.filter((a) => a.action === "letter.create").length).toBe(ids.length);
    expect(logged.filter((a) => a.action === "letter.queue").length).toBe(ids.length);
    expect(new Set(logged.map((a) => `${a.action}|${a.targetId}`)).size).toBe(logged.length);
    // The people's reads were rolled back with the first attempt and logged again by the second.
    const reads = getDb()
      .select({ targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ["subject.read"]))
      .all()
      .map((a) => a.targetId);
    for (const p of seeded.people) expect(reads).toContain(p.subjectId);
  });
});
