// Replies delivered into a real dovecot on 127.0.0.1 land on the right request.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letters } from "#db/schema";
import { getDb } from "~/db.server";
import {
  assignReply,
  inbox,
  pollMailbox,
  recordReply,
  repliesFor,
  saveImapSettings,
} from "~/requests/replies/replies.server";
import { moveRequest, timeline } from "~/requests/requests.server";
import { decrypt } from "~/security/crypto.server";
import { type Dovecot, startDovecot } from "./dovecot";
import { newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 20_000);
afterAll(async () => {
  await dovecot?.stop();
});

function mail({
  messageId,
  subject,
  inReplyTo,
  references,
  body = "Thank you, we received your request.",
}: {
  messageId: string;
  subject: string;
  inReplyTo?: string;
  references?: string;
  body?: string;
}) {
  return [
    "From: Privacy Team <privacy@host.example>",
    "To: replies@example.test",
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`] : []),
    ...(references ? [`References: ${references}`] : []),
    "Date: Mon, 23 Nov 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

const status = (id: string) =>
  getDb().select({ s: letters.status }).from(letters).where(eq(letters.id, id)).get()?.s;

describe("replies over IMAP", () => {
  it("threads by In-Reply-To, References and the reference in the subject; the rest waits in the inbox", async () => {
    const a = await newAccount();
    const byHeader = sentLetter(a.scope);
    const byReferences = sentLetter(a.scope);
    const bySubject = sentLetter(a.scope);
    saveImapSettings(a.scope, {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      mailbox: "INBOX",
    });

    dovecot.deliver(
      mail({ messageId: "<r1@host.example>", subject: "Re: your email", inReplyTo: byHeader.messageId }),
    );
    dovecot.deliver(
      mail({
        messageId: "<r2@host.example>",
        subject: "Ticket 4411",
        references: `<other@x> ${byReferences.messageId}`,
      }),
    );
    dovecot.deliver(
      mail({
        messageId: "<r3@host.example>",
        subject: `AW: Löschung [${bySubject.reference.toLowerCase()}]`,
      }),
    );
    dovecot.deliver(mail({ messageId: "<r4@host.example>", subject: "Newsletter", body: "Buy now" }));

    const first = await pollMailbox(a.workspaceId);
    expect(first).toEqual({ fetched: 4, matched: 3, unmatched: 1 });

    expect(repliesFor(a.scope, byHeader.letterId).map((r) => r.matchedBy)).toEqual(["message_id"]);
    expect(repliesFor(a.scope, byReferences.letterId).map((r) => r.matchedBy)).toEqual(["message_id"]);
    const viaSubject = repliesFor(a.scope, bySubject.letterId);
    expect(viaSubject.map((r) => r.matchedBy)).toEqual(["reference"]);
    expect(viaSubject[0]!.text).toContain("we received your request");
    expect(viaSubject[0]!.from).toContain("privacy@host.example");
    // A reply is at least an acknowledgement: the user then picks what it said.
    expect(status(byHeader.letterId)).toBe("acknowledged");

    // Nothing is fetched twice; new mail is picked up on the next poll.
    expect(await pollMailbox(a.workspaceId)).toEqual({ fetched: 0, matched: 0, unmatched: 0 });
    dovecot.deliver(
      mail({
        messageId: "<r5@host.example>",
        subject: "Re: erasure",
        inReplyTo: byHeader.messageId,
        body: "Removed.",
      }),
    );
    expect(await pollMailbox(a.workspaceId)).toEqual({ fetched: 1, matched: 1, unmatched: 0 });

    // The unmatched one is in the inbox until assigned.
    const waiting = inbox(a.scope);
    expect(waiting.map((m) => m.subject)).toEqual(["Newsletter"]);
    assignReply(a.scope, waiting[0]!.id, bySubject.letterId);
    expect(inbox(a.scope)).toEqual([]);
    expect(repliesFor(a.scope, bySubject.letterId)).toHaveLength(2);

    // The raw message is stored encrypted, byte for byte.
    const raw = getDb()
      .$client.prepare(
        "SELECT id, raw_enc FROM inbound_messages WHERE letter_id = ? AND source = 'imap' LIMIT 1",
      )
      .get(byHeader.letterId) as { id: string; raw_enc: string };
    expect(raw.raw_enc.startsWith("v1.")).toBe(true);
    expect(decrypt(raw.raw_enc, `inbound_message:${raw.id}:raw`)).toContain("Message-ID: <r");

    // The outcome, then the timeline.
    moveRequest(a.scope, byHeader.letterId, { type: "reply", outcome: "removed" });
    expect(status(byHeader.letterId)).toBe("removed");
    const kinds = timeline(a.scope, byHeader.caseId, byHeader.letterId).map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(["created", "sent", "mail", "acknowledge", "reply"]));
  });

  it("another workspace's mailbox never matches this workspace's letters", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const letter = sentLetter(a.scope);
    saveImapSettings(b.scope, {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      mailbox: "INBOX",
    });
    dovecot.deliver(
      mail({
        messageId: "<cross@host.example>",
        subject: `Re: ${letter.reference}`,
        inReplyTo: letter.messageId,
      }),
    );
    const r = await pollMailbox(b.workspaceId);
    expect(r.matched).toBe(0);
    expect(r.unmatched).toBeGreaterThan(0);
    expect(status(letter.letterId)).toBe("sent");
  });

  it("a wrong password is reported, not thrown", async () => {
    const a = await newAccount();
    saveImapSettings(a.scope, {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: "wrong",
      mailbox: "INBOX",
    });
    const r = await pollMailbox(a.workspaceId);
    expect(r.error).toMatch(/refused the user name or password/);
  });

  it("replies go with their letter when the case is deleted", async () => {
    const a = await newAccount();
    const letter = sentLetter(a.scope);
    recordReply(a.scope, letter.letterId, { text: "We refuse.", receivedOn: "2026-11-21", event: null });
    const count = () =>
      (
        getDb()
          .$client.prepare("SELECT count(*) AS n FROM inbound_messages WHERE workspace_id = ?")
          .get(a.workspaceId) as { n: number }
      ).n;
    expect(count()).toBe(1);
    getDb().$client.prepare("DELETE FROM cases WHERE id = ?").run(letter.caseId);
    expect(count()).toBe(0);
  });
});
