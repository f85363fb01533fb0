// Mailbox polls on the job runner: the recurring job queues one poll per configured mailbox, keyed by its
// workspace, so a mailbox is never polled twice at once however often the schedule fires; each poll runs once and
// records its outcome on the mailbox (here a server that is down, on 127.0.0.1).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { jobs, workspaceImap } from "#db/schema";
import { getDb } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { JobRunner } from "~/jobs/runner.server";
import { mailboxJob, mailboxPollJob, saveImapSettings } from "~/requests/replies/replies.server";
import { newAccount } from "./helpers";
import { allowPlainLoopbackMail, deadPort } from "./smtp-test-server";

let port: number;
const polls = () => getDb().select().from(jobs).where(eq(jobs.queue, mailboxPollJob.queue)).all();

beforeAll(async () => {
  allowPlainLoopbackMail();
  port = await deadPort();
});

describe("mailbox polls as jobs", () => {
  it("one poll per mailbox, however often the schedule fires; each runs once", async () => {
    const accounts = [await newAccount("Mailbox A"), await newAccount("Mailbox B")];
    for (const a of accounts)
      saveImapSettings(a.scope, {
        host: "127.0.0.1",
        port,
        secure: false,
        user: "replies",
        password: "app-password-1",
        mailbox: "INBOX",
      });
    const db = getDb();
    const schedule = new JobRunner({ handlers: [mailboxJob], log: () => undefined });
    // The schedule fires twice before any poll has run.
    for (let i = 0; i < 2; i++) {
      db.delete(jobs).where(eq(jobs.queue, mailboxJob.queue)).run();
      expect(enqueue(db, { queue: mailboxJob.queue, key: mailboxJob.queue })).toBe(true);
      expect(await schedule.drain()).toBe(1);
    }
    const queued = polls();
    expect(queued.map((j) => j.key).sort()).toEqual(accounts.map((a) => a.workspaceId).sort());
    expect(queued.every((j) => JSON.parse(j.payload).workspaceId === j.key)).toBe(true);
    // The schedule's next run is queued, once.
    const next = db.select().from(jobs).where(eq(jobs.queue, mailboxJob.queue)).all();
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());

    const poller = new JobRunner({ handlers: [mailboxPollJob], log: () => undefined });
    expect(await poller.drain()).toBe(2);
    expect(polls()).toEqual([]);
    for (const a of accounts) {
      const row = db.select().from(workspaceImap).where(eq(workspaceImap.workspaceId, a.workspaceId)).get()!;
      expect(row.lastPolledAt).not.toBeNull();
      expect(row.lastError).toBeTruthy();
    }
  });
});
