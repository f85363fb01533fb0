// Reminder digests: overdue and due-soon requests are mailed (through a real SMTP server on 127.0.0.1) once a day.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letters } from "#db/schema";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { resetMailerForTests } from "~/mail/mailer.server";
import { moveRequest } from "~/requests/requests.server";
import { remindersFor, sendReminderDigests, unsentLetters } from "~/requests/tracking/reminders.server";
import { newAccount } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";
import { sentLetter } from "./tracking-fixtures";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(smtp.port);
  resetEnvForTests();
  resetMailerForTests();
});
afterAll(async () => {
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
  resetEnvForTests();
  resetMailerForTests();
  await smtp.close();
});

describe("reminders", () => {
  it("lists overdue and due-soon requests, and mails one digest per user and day", async () => {
    const a = await newAccount();
    const now = new Date("2026-12-10T08:00:00Z");
    const late = sentLetter(a.scope, { dueOn: "2026-12-07" });
    const soon = sentLetter(a.scope, { dueOn: "2026-12-13", caseId: late.caseId });
    sentLetter(a.scope, { dueOn: "2026-12-14", caseId: late.caseId }); // four days away: not yet
    const extended = sentLetter(a.scope, { dueOn: "2026-12-01", caseId: late.caseId });
    moveRequest(a.scope, extended.letterId, { type: "announce_extension", newDueOn: "2027-02-01" });
    const answered = sentLetter(a.scope, { dueOn: "2026-12-01", caseId: late.caseId });
    moveRequest(a.scope, answered.letterId, { type: "reply", outcome: "removed" });

    const list = remindersFor(a.scope, now);
    expect(list.map((r) => [r.reference, r.overdue, r.daysLate])).toEqual([
      [late.reference, true, 3],
      [soon.reference, false, 0],
    ]);

    const other = await newAccount();
    expect(remindersFor(other.scope, now)).toEqual([]);

    const before = smtp.received.length;
    await sendReminderDigests(now);
    const mine = smtp.received.slice(before).filter((m) => m.to && JSON.stringify(m.to).includes(a.email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe("Retract: 1 overdue request");
    expect(mine[0]!.text).toContain(late.reference);
    expect(mine[0]!.text).toContain(soon.reference);
    expect(mine[0]!.text).toContain(`/cases/${late.caseId}/requests/${late.letterId}`);
    expect(mine[0]!.text).not.toContain("Nováková");

    await sendReminderDigests(new Date("2026-12-10T15:00:00Z"));
    expect(smtp.received.slice(before).filter((m) => JSON.stringify(m.to).includes(a.email))).toHaveLength(1);
  });

  it("mails a letter written three days ago and never sent, with the day it was written", async () => {
    const a = await newAccount();
    const draft = sentLetter(a.scope, { status: "draft", dueOn: null });
    getDb()
      .update(letters)
      .set({ createdAt: new Date("2027-03-01T08:00:00Z") })
      .where(eq(letters.id, draft.letterId))
      .run();
    const now = new Date("2027-03-04T09:00:00Z");
    expect(remindersFor(a.scope, now)).toEqual([]);
    expect(unsentLetters(a.scope, now).map((u) => u.reference)).toEqual([draft.reference]);
    expect(unsentLetters(a.scope, new Date("2027-03-03T09:00:00Z"))).toEqual([]);

    const before = smtp.received.length;
    await sendReminderDigests(now);
    const mine = smtp.received.slice(before).filter((m) => JSON.stringify(m.to).includes(a.email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe("Retract: 1 letter not sent yet");
    expect(mine[0]!.text).toContain(
      `${draft.reference} to Unknown site: You wrote this letter on 1 March 2027 and have not sent it yet.`,
    );
    expect(mine[0]!.text).toContain(`/cases/${draft.caseId}/requests/${draft.letterId}`);
  });
});
