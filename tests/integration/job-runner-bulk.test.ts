// A bulk run through the job runner: starting it queues its job in the same transaction as the bulk job (one per
// bulk job, by key); the runner runs it, every emailed letter it writes gets exactly one send job, and the
// runner's sends deliver each letter once to a real SMTP server on 127.0.0.1.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, letters, outbox } from "#db/schema";
import { getDb } from "~/db.server";
import { BULK_QUEUE, bulkLettersJob, getBulkJob, startBulkLetters } from "~/incidents/bulk.server";
import { emailRecipients, seedIncident } from "~/incidents/bulk-fixtures.server";
import type { BulkOptions } from "~/incidents/bulk-forms";
import { JobRunner } from "~/jobs/runner.server";
import { importDirectory } from "~/recipients/import.server";
import { sendLetterJob } from "~/requests/send/outbox.server";
import { SEND_QUEUE } from "~/requests/send/queue.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { newAccount } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";

let owner: Awaited<ReturnType<typeof newAccount>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const OPTIONS: BulkOptions = {
  letter: "suggested",
  lang: "auto",
  channel: "email",
  sender: "self",
  particularSituation: "Our staff list was posted with a call to visit them at home.",
  illegalityExplanation: "The post publishes private home addresses to invite harassment.",
  delistingReason: "",
  authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
};

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Security Team");
  smtp = await startSmtpServer();
  saveSmtpSettings(owner.scope, {
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    user: "security",
    password: "app-password-1",
    from: "Security Team <security@employer.example>",
    replyTo: "",
  });
});

afterAll(async () => {
  await smtp.close();
});

describe("a bulk run on the job runner", () => {
  it("is queued with the bulk job, runs once, and its letters are each sent once", async () => {
    const seeded = await seedIncident(owner.scope, {
      people: 6,
      recipientIds: emailRecipients(2),
      mandates: "none",
      tag: "Runner",
    });
    const bulkId = startBulkLetters(owner.scope, seeded.incidentId, OPTIONS);
    const queued = getDb()
      .select()
      .from(jobs)
      .where(and(eq(jobs.queue, BULK_QUEUE), eq(jobs.key, bulkId)))
      .all();
    expect(queued).toMatchObject([{ state: "pending", payload: JSON.stringify({ bulkJobId: bulkId }) }]);

    const runner = new JobRunner({ handlers: [bulkLettersJob, sendLetterJob], log: () => undefined });
    const ran = await runner.drain();
    expect(getBulkJob(owner.scope, seeded.incidentId, bulkId).state).toBe("done");
    const written = getDb()
      .select({ id: letters.id, reference: letters.reference, status: letters.status })
      .from(letters)
      .where(
        inArray(
          letters.caseId,
          seeded.people.map((p) => p.caseId),
        ),
      )
      .all();
    expect(written).toHaveLength(12);
    // The bulk job and one send per letter.
    expect(ran).toBe(1 + written.length);
    expect(runner.ran.get(SEND_QUEUE)).toBe(written.length);
    expect(written.every((l) => l.status === "sent")).toBe(true);
    const boxes = getDb()
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.letterId,
          written.map((l) => l.id),
        ),
      )
      .all();
    expect(boxes.every((b) => b.state === "sent" && b.attempts === 1)).toBe(true);
    for (const l of written)
      expect(smtp.received.filter((m) => m.headers.get("x-retract-reference") === l.reference)).toHaveLength(
        1,
      );
    // Nothing left to run: no job of the run nor of its letters.
    expect(await runner.drain()).toBe(0);
    expect(
      getDb()
        .select()
        .from(jobs)
        .where(inArray(jobs.queue, [BULK_QUEUE, SEND_QUEUE]))
        .all(),
    ).toEqual([]);
  });

  it("adopts work queued before the runner existed: a bulk job and letters without a job get one at start", async () => {
    const seeded = await seedIncident(owner.scope, {
      people: 3,
      recipientIds: emailRecipients(1),
      mandates: "none",
      tag: "Adopted",
    });
    const bulkId = startBulkLetters(owner.scope, seeded.incidentId, OPTIONS);
    // As a database from before the jobs table has it: the bulk job and nothing to run it.
    const db = getDb();
    db.delete(jobs).where(eq(jobs.key, bulkId)).run();
    const bulkOnly = new JobRunner({ handlers: [bulkLettersJob], log: () => undefined });
    expect(await bulkOnly.drain()).toBe(0);
    bulkOnly.prepare();
    // Keyed: preparing again (another process starting) adds nothing.
    bulkOnly.prepare();
    expect(db.select().from(jobs).where(eq(jobs.key, bulkId)).all()).toHaveLength(1);
    expect(await bulkOnly.drain()).toBe(1);
    expect(getBulkJob(owner.scope, seeded.incidentId, bulkId).state).toBe("done");

    // Its letters' send jobs lost too: the outbox rows are adopted, and each letter is sent once.
    const written = db
      .select({ id: letters.id, reference: letters.reference })
      .from(letters)
      .where(
        inArray(
          letters.caseId,
          seeded.people.map((p) => p.caseId),
        ),
      )
      .all();
    expect(written).toHaveLength(3);
    const ids = written.map((l) => l.id);
    db.delete(jobs).where(inArray(jobs.key, ids)).run();
    const sender = new JobRunner({ handlers: [sendLetterJob], log: () => undefined });
    sender.prepare();
    sender.prepare();
    expect(db.select().from(jobs).where(inArray(jobs.key, ids)).all()).toHaveLength(3);
    expect(await sender.drain()).toBe(3);
    for (const l of written)
      expect(smtp.received.filter((m) => m.headers.get("x-retract-reference") === l.reference)).toHaveLength(
        1,
      );
    expect(
      db
        .select()
        .from(outbox)
        .where(inArray(outbox.letterId, ids))
        .all()
        .map((r) => r.state),
    ).toEqual(["sent", "sent", "sent"]);
  });
});
