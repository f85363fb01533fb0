// A bulk run stores a batch's letters (through the store's insertLetter) without a savepoint each; when one
// letter's rows cannot be stored the whole batch is rolled back and redone letter by letter. Here a trigger refuses one letter's
// exposure link (after its letter row is in): that item fails with nothing of it left behind, and every other
// item gets exactly its one letter, outbox row and audit rows. A letter is also stored only if what it was
// composed from still holds under the write lock (decisions 046, 076).
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, bulkJobs, letterExposures, letters, outbox } from "#db/schema";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db.server";
import {
  type Batch,
  BulkRun,
  jobItems,
  type LetterOp,
  runBulkJob,
  startBulkLetters,
  storeBulkBatch,
} from "~/incidents/bulk.server";
import { emailRecipients, seedIncident } from "~/incidents/bulk-fixtures.server";
import type { BulkOptions } from "~/incidents/bulk-forms";
import { importDirectory } from "~/recipients/import.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { getLetter, insertLetter } from "~/requests/store.server";
import { createOrganisation } from "~/workspaces/workspaces.server";

let scope: { userId: string; workspaceId: string; role: "owner" };
const OPTIONS: BulkOptions = {
  letter: "suggested",
  lang: "auto",
  channel: "email",
  sender: "representative",
  particularSituation: "Our staff list was posted with a call to visit them at home.",
  illegalityExplanation: "The post publishes private home addresses to invite harassment.",
  delistingReason: "",
  authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
};

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
    const jobId = startBulkLetters(scope, seeded.incidentId, OPTIONS);
    const items = jobItems(jobId);
    // The fifth item's exposure cannot be linked: its letter row is written first, then this refuses.
    const victim = items[4]!;
    const refused = victim.exposureIds[0]!;
    const sqlite = getDb().$client;
    sqlite.exec(
      `CREATE TRIGGER refuse_one BEFORE INSERT ON letter_exposures WHEN NEW.exposure_id = '${refused}'
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

describe("bulk letters: a batch stores only what still holds under the write lock", () => {
  /** A job of three people × two recipients, claimed, with its composer. */
  async function claimedRun() {
    const seeded = await seedIncident(scope, {
      people: 3,
      recipientIds: emailRecipients(2),
      mandates: "row",
    });
    const jobId = startBulkLetters(scope, seeded.incidentId, OPTIONS);
    getDb().$client.prepare("UPDATE bulk_jobs SET state = 'running' WHERE id = ?").run(jobId);
    const job = getDb().select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).get()!;
    const run = new BulkRun({ ...job, createdBy: scope.userId, role: "owner" });
    return { jobId, run, writer: { write: (b: Batch) => storeBulkBatch(run, b) } };
  }
  const letterOps = (b: Batch) => b.ops.filter((o): o is LetterOp => Boolean(o.letter));
  const letterIds = (jobId: string) =>
    jobItems(jobId)
      .map((i) => i.letterId)
      .filter(Boolean);
  const touchExposure = (id: string) =>
    getDb().$client.prepare("UPDATE exposures SET updated_at = updated_at + 1000 WHERE id = ?").run(id);

  it("sends back a letter whose page changed after it was composed, and stores it composed afresh", async () => {
    const { jobId, run, writer } = await claimedRun();
    const batch = run.composeBatch(60_000)!;
    const [edited, taken, clash, ...rest] = letterOps(batch);
    expect(edited && taken && clash).toBeTruthy();
    // Meanwhile someone edits one letter's page, and writes another cell's letter by hand, which happens to
    // get the reference a third letter was written with.
    touchExposure(edited!.exposures[0]![0]);
    getDb().transaction((tx) =>
      insertLetter(tx, {
        ...taken!.letter,
        id: "by-hand",
        reference: clash!.letter.reference,
        status: "draft",
        exposureIds: [],
      }),
    );

    const stored = writer.write(batch);
    expect(stored).toMatchObject({ result: "more", stale: [edited!.seq, clash!.seq] });
    const items = new Map(jobItems(jobId).map((i) => [i.seq, i]));
    expect(items.get(edited!.seq)).toMatchObject({ state: "pending", letterId: null });
    expect(items.get(clash!.seq)).toMatchObject({ state: "pending", letterId: null });
    expect(items.get(taken!.seq)).toMatchObject({ state: "skipped", reason: "already_requested" });
    for (const op of rest) {
      expect(items.get(op.seq)).toMatchObject({ state: "queued", letterId: op.letter.id });
      // Encrypted by insertLetter, read back by the app's own decryption (each column's context).
      const raw = getDb().select().from(letters).where(eq(letters.id, op.letter.id)).get()!;
      expect(raw.bodyEnc.token).toMatch(/^v1\./);
      expect(raw.bodyEnc.token).not.toContain(op.letter.reference);
      const stored = getLetter(scope, op.letter.caseId, op.letter.id);
      expect(stored).toMatchObject({
        address: op.letter.address,
        subject: op.letter.subject,
        body: op.letter.body,
        variables: JSON.parse(JSON.stringify(op.letter.variables)),
        status: "queued",
        frozen: true,
      });
      expect(stored.templateBody).toBe(op.letter.body);
    }
    const none = getDb()
      .select()
      .from(letters)
      .where(inArray(letters.id, [edited!.letter.id, taken!.letter.id, clash!.letter.id]))
      .all();
    expect(none).toEqual([]);

    run.requeue([edited!.seq, clash!.seq]);
    const again = run.composeBatch(60_000)!;
    const [redone, renamed] = letterOps(again);
    expect(redone?.seq).toBe(edited!.seq);
    expect(redone!.exposures[0]![1]).toBe(edited!.exposures[0]![1] + 1000);
    expect(renamed?.seq).toBe(clash!.seq);
    expect(renamed!.letter.reference).not.toBe(clash!.letter.reference);
    expect(renamed!.letter.subject).toContain(renamed!.letter.reference);
    expect(writer.write(again)).toMatchObject({ result: "more", stale: [] });
    expect(jobItems(jobId).find((i) => i.seq === edited!.seq)).toMatchObject({
      state: "queued",
      letterId: redone!.letter.id,
    });
    expect(letterIds(jobId)).toHaveLength(rest.length + 2);
    expect(run.finish()).toBe("done");
  });

  it("gives up on an item whose page keeps changing, after three fresh tries", async () => {
    const { jobId, run, writer } = await claimedRun();
    let batch = run.composeBatch(60_000)!;
    const [moving] = letterOps(batch);
    for (let attempt = 0; attempt < 4; attempt++) {
      touchExposure(moving!.exposures[0]![0]);
      const stored = writer.write(batch);
      expect(stored).toMatchObject({ result: "more", stale: [moving!.seq] });
      run.requeue([moving!.seq]);
      batch = run.composeBatch(60_000)!;
    }
    expect(batch.ops).toEqual([expect.objectContaining({ seq: moving!.seq, state: "failed" })]);
    writer.write(batch);
    expect(jobItems(jobId).find((i) => i.seq === moving!.seq)).toMatchObject({
      state: "failed",
      reason: "changed_during_run",
      letterId: null,
    });
    expect(getDb().select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).get()).toMatchObject({
      failed: 1,
    });
  });

  it("stores nothing once the job is cancelled", async () => {
    const { jobId, run, writer } = await claimedRun();
    const batch = run.composeBatch(60_000)!;
    getDb().$client.prepare("UPDATE bulk_jobs SET state = 'cancelled' WHERE id = ?").run(jobId);
    expect(writer.write(batch)).toEqual({ result: "cancelled" });
    expect(letterIds(jobId)).toEqual([]);
  });
});
