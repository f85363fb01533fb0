// Letters end to end below the browser: written from a case's exposures at one recipient, refused while a
// required detail is empty, frozen once sent, and delivered through the outbox to a real SMTP server on
// 127.0.0.1 — with its faults: 451 then accepted, server down, 550, and a worker killed mid-queue.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { letters, outbox } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { addEvidence } from "~/evidence/evidence.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { MAX_ATTEMPTS, processOutboxOnce } from "~/requests/send/outbox.server";
import { saveSmtpSettings, smtpSettingsFor } from "~/requests/send/smtp-settings.server";
import {
  getLetter,
  LetterFrozenError,
  listLetters,
  saveDraft,
  sendLetter,
  writeLetter,
} from "~/requests/store.server";
import * as caseRoute from "~/routes/cases.$caseId._index";
import * as newLetterRoute from "~/routes/cases.$caseId.letters.new";
import * as letterRoute from "~/routes/cases.$caseId.requests.$letterId";
import { sealFor } from "~/security/encrypted-type.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";
import { deadPort, startSmtpServer } from "./smtp-test-server";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let caseId: string;
let exposureIds: string[];
let evidenceId: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

function exposure(input: string) {
  const n = normaliseUrl(input);
  if (!n.ok) throw new Error(input);
  return createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address", "phone"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

function details(extra: Record<string, unknown> = {}) {
  return LetterDetailsSchema.parse({
    exposureIds,
    option: "gdpr-erasure/gdpr",
    lang: "en",
    destination: "email|abuse@telegram.org",
    requesterName: "Robin Example",
    requesterEmail: "robin@example.test",
    particularSituation: "Strangers have come to my door since the address was posted.",
    authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    attachmentIds: [evidenceId],
    ...extra,
  });
}

function useSmtp(port: number) {
  saveSmtpSettings(owner.scope, {
    host: "127.0.0.1",
    port,
    secure: false,
    user: "robin",
    password: "app-password-1",
    from: "Robin Example <robin@example.test>",
    replyTo: "replies@example.test",
  });
}

function queued(extra: Record<string, unknown> = {}) {
  const id = writeLetter(owner.scope, caseId, details(extra));
  sendLetter(owner.scope, caseId, id);
  return id;
}

const row = (letterId: string) => getDb().select().from(outbox).where(eq(outbox.letterId, letterId)).get()!;
const sentTo = (ref: string) => smtp.received.filter((m) => m.subject?.includes(ref));

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE", emails: "robin@example.test" }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Telegram posts" });
  exposureIds = [exposure("https://t.me/leakchannel/101"), exposure("https://t.me/leakchannel/102")];
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
  evidenceId = await addEvidence(owner.scope, exposureIds[0]!, {
    filename: "screenshot-101.png",
    bytes: png,
  });
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(() => {
  smtp.refuse(() => null);
  useSmtp(smtp.port);
  // Leave no earlier test's row due.
  getDb().update(outbox).set({ state: "sent" }).where(eq(outbox.state, "pending")).run();
});

describe("writing a letter", () => {
  it("fills the template from the case for both exposures at one recipient", () => {
    const id = writeLetter(owner.scope, caseId, details());
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.recipientId).toBe("curated:telegram");
    expect(letter.reference).toMatch(/^RX-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(letter.subject).toContain(letter.reference);
    expect(letter.body).toContain("https://t.me/leakchannel/101");
    expect(letter.body).toContain("https://t.me/leakchannel/102");
    expect(letter.body).toContain("Robin Example");
    expect(letter.body).toMatch(/Article 17/);
    expect(letter.variables.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(letter.body).toContain("one month from receipt");
    expect(letter.status).toBe("draft");
    // Stored encrypted: no URL or name in the row.
    const raw = JSON.stringify(getDb().select().from(letters).where(eq(letters.id, id)).get());
    expect(raw).not.toContain("leakchannel");
    expect(raw).not.toContain("Robin");
  });

  it("keeps one copy of an unedited body, and the template's text from the first edit on", () => {
    const id = writeLetter(owner.scope, caseId, details());
    const row = () => getDb().select().from(letters).where(eq(letters.id, id)).get()!;
    const written = getLetter(owner.scope, caseId, id);
    expect(row().templateBodyEnc.token).toBe(""); // UNEDITED: the body is the template's text
    expect(written.templateBody).toBe(written.body);

    const first = `${written.body}\nI am writing again because nothing has changed.\n`;
    saveDraft(owner.scope, caseId, id, {
      subject: written.subject,
      body: first,
      attachmentIds: [],
      paper: "A4",
    });
    expect(row().templateBodyEnc.token).toMatch(/^v1\./);
    const edited = getLetter(owner.scope, caseId, id);
    expect(edited.body).toBe(first);
    expect(edited.templateBody).toBe(written.body);

    saveDraft(owner.scope, caseId, id, {
      subject: written.subject,
      body: "Short.\n",
      attachmentIds: [],
      paper: "A4",
    });
    expect(getLetter(owner.scope, caseId, id)).toMatchObject({
      body: "Short.\n",
      templateBody: written.body,
    });
  });

  it("refuses exposures at two recipients in one letter", async () => {
    const other = exposure("https://www.reddit.com/r/x/comments/1");
    expect(() => writeLetter(owner.scope, caseId, details({ exposureIds: [...exposureIds, other] }))).toThrow(
      /one recipient/,
    );
  });

  it("refuses to send (400, naming what is empty) while a required detail is empty", async () => {
    const id = writeLetter(owner.scope, caseId, details({ particularSituation: "" }));
    const letter = getLetter(owner.scope, caseId, id);
    const res = (await call(
      letterRoute.action,
      post(
        `/cases/${caseId}/requests/${id}`,
        { intent: "send", subject: letter.subject, body: letter.body },
        owner.cookie,
      ),
      { caseId, letterId: id },
    )) as Response;
    expect(status(res)).toBe(400);
    const data = (await res.json()) as { formErrors: string[] };
    expect(data.formErrors.join(" ")).toMatch(/cannot be sent yet.*particularSituation/);
    expect(getLetter(owner.scope, caseId, id).status).toBe("draft");
  });

  it("refuses a leftover template marker the user typed into the text (400)", async () => {
    const id = writeLetter(owner.scope, caseId, details());
    const letter = getLetter(owner.scope, caseId, id);
    const res = await call(
      letterRoute.action,
      post(
        `/cases/${caseId}/requests/${id}`,
        { intent: "send", subject: letter.subject, body: `${letter.body}\n{{ requester.phone }}` },
        owner.cookie,
      ),
      { caseId, letterId: id },
    );
    expect(status(res)).toBe(400);
  });

  it("the new-letter form names the recipient's letters and writes a draft through the route", async () => {
    const res = (await call(
      newLetterRoute.action,
      post(
        `/cases/${caseId}/letters/new`,
        {
          exposureIds,
          option: "gdpr-erasure/gdpr",
          lang: "en",
          destination: "email|abuse@telegram.org",
          requesterName: "Robin Example",
          requesterEmail: "robin@example.test",
          particularSituation: "Strangers came to my door.",
          authorityName: "the Berlin DPA",
          paper: "A4",
        },
        owner.cookie,
      ),
      { caseId },
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(new RegExp(`/cases/${caseId}/requests/`));
  });
});

describe("a sent letter is immutable", () => {
  it("refuses edits in the domain module and in the database", () => {
    const id = queued();
    const letter = getLetter(owner.scope, caseId, id);
    expect(() =>
      saveDraft(owner.scope, caseId, id, { subject: "x", body: "y", attachmentIds: [], paper: "A4" }),
    ).toThrow(LetterFrozenError);
    expect(() =>
      getDb()
        .update(letters)
        .set({ bodyEnc: sealFor("letters", "body_enc")(id, "tampered") })
        .where(eq(letters.id, id))
        .run(),
    ).toThrow(/cannot be changed/);
    expect(() =>
      getDb().update(letters).set({ recipientId: "curated:x" }).where(eq(letters.id, id)).run(),
    ).toThrow(/cannot be changed/);
    expect(() => sendLetter(owner.scope, caseId, id)).toThrow(LetterFrozenError);
    // Status may still move (the tracking issue extends it).
    getDb().update(letters).set({ status: "queued" }).where(eq(letters.id, id)).run();
    expect(getLetter(owner.scope, caseId, id).body).toBe(letter.body);
  });
});

describe("the outbox over SMTP", () => {
  it("delivers once with Message-ID, Reply-To, the reference in the subject, the body and the attachment", async () => {
    const id = queued();
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.status).toBe("queued");
    const out = await processOutboxOnce();
    expect(out).toEqual([{ letterId: id, result: "sent" }]);
    const mails = sentTo(letter.reference);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.messageId).toBe(row(id).messageId);
    expect(mail.messageId).toMatch(/@example\.test>$/);
    expect(mail.replyTo?.text).toBe("replies@example.test");
    expect(mail.from?.text).toContain("robin@example.test");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("abuse@telegram.org");
    expect(mail.subject).toContain(letter.reference);
    expect(mail.text).toContain("https://t.me/leakchannel/101");
    expect(mail.text).toContain("https://t.me/leakchannel/102");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["screenshot-101.png"]);
    expect(mail.attachments[0]!.contentType).toBe("image/png");
    expect(smtp.logins.at(-1)).toEqual({ user: "robin", pass: "app-password-1" });
    const sent = getLetter(owner.scope, caseId, id);
    expect(sent.status).toBe("sent");
    expect(sent.messageId).toBe(mail.messageId);
    expect(sent.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Nothing more to do.
    expect(await processOutboxOnce({ now: later(600) })).toEqual([]);
    expect(sentTo(letter.reference)).toHaveLength(1);
  });

  it("451 then accepted: retried after the backoff, delivered exactly once with the same Message-ID", async () => {
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    const before = smtp.received.length;
    let first = true;
    smtp.refuse(() => {
      if (first) {
        first = false;
        return { code: 451, message: "4.3.0 Try again later" };
      }
      return null;
    });
    expect((await processOutboxOnce())[0]).toMatchObject({ letterId: id, result: "retry" });
    expect(row(id)).toMatchObject({ state: "pending", attempts: 1 });
    expect(row(id).lastError).toMatch(/^451/);
    expect(listLetters(owner.scope, caseId).find((l) => l.id === id)).toMatchObject({
      status: "queued",
      attempts: 1,
    });
    // Not due yet: nothing happens now.
    expect(await processOutboxOnce()).toEqual([]);
    expect((await processOutboxOnce({ now: later(5) }))[0]).toMatchObject({ result: "sent" });
    expect(smtp.received.length - before).toBe(1);
    expect(sentTo(ref)).toHaveLength(1);
    expect(sentTo(ref)[0]!.messageId).toBe(row(id).messageId);
    expect(await processOutboxOnce({ now: later(600) })).toEqual([]);
    expect(sentTo(ref)).toHaveLength(1);
  });

  it("server down: retried with backoff and the status shows it; delivered once the server is back", async () => {
    useSmtp(await deadPort());
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    expect((await processOutboxOnce())[0]).toMatchObject({ result: "retry" });
    expect((await processOutboxOnce({ now: later(2) }))[0]).toMatchObject({ result: "retry" });
    const r = row(id);
    expect(r.state).toBe("pending");
    expect(r.attempts).toBe(2);
    expect(r.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    // Backoff doubles: the third try is not due 1 minute later.
    expect(r.nextAttemptAt.getTime() - later(2).getTime()).toBeGreaterThan(100_000);
    const summary = listLetters(owner.scope, caseId).find((l) => l.id === id)!;
    expect(summary.status).toBe("queued");
    expect(summary.problem).toMatch(/ECONN/);
    useSmtp(smtp.port);
    expect((await processOutboxOnce({ now: later(30) }))[0]).toMatchObject({ result: "sent" });
    expect(sentTo(ref)).toHaveLength(1);
  });

  it("550: the letter fails permanently and the case page says so", async () => {
    smtp.refuse(() => ({ code: 550, message: "5.1.1 <abuse@telegram.org>: Recipient address rejected" }));
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    expect((await processOutboxOnce())[0]).toMatchObject({ result: "failed" });
    expect(row(id).state).toBe("failed");
    expect(row(id).lastError).toMatch(/^550/);
    // No addresses in the stored error.
    expect(row(id).lastError).not.toContain("telegram.org");
    const summary = listLetters(owner.scope, caseId).find((l) => l.id === id)!;
    expect(summary.status).toBe("failed");
    expect(summary.problem).toMatch(/550/);
    smtp.refuse(() => null);
    expect(await processOutboxOnce({ now: later(600) })).toEqual([]);
    expect(sentTo(ref)).toHaveLength(0);
    // The case page lists it as not delivered, with the server's answer.
    const page = (await call(caseRoute.loader, get(`/cases/${caseId}`, owner.cookie), { caseId })) as {
      letters: { id: string; status: string; problem: string | null }[];
    };
    expect(page.letters.find((l) => l.id === id)).toMatchObject({
      status: "failed",
      problem: expect.stringMatching(/^550/),
    });
  });

  it("killed mid-queue: the row left in `sending` is sent once by the restarted process, never twice", async () => {
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    // The process died after claiming the row, before the server answered.
    getDb()
      .update(outbox)
      .set({ state: "sending", claimedAt: new Date(), attempts: 1 })
      .where(eq(outbox.letterId, id))
      .run();
    // The same (live) process leaves a fresh claim alone: another pass might be sending it right now.
    expect(await processOutboxOnce()).toEqual([]);
    expect(sentTo(ref)).toHaveLength(0);
    // Restart: fresh module state (a new process); the claim predates it and is taken back.
    await new Promise((ok) => setTimeout(ok, 5));
    vi.resetModules();
    const restarted = await import("~/requests/send/outbox.server");
    const out = await restarted.processOutboxOnce();
    expect(out).toEqual([{ letterId: id, result: "sent" }]);
    expect(sentTo(ref)).toHaveLength(1);
    // A later pass, or yet another restart, sends nothing more.
    expect(await restarted.processOutboxOnce({ now: later(600) })).toEqual([]);
    vi.resetModules();
    const again = await import("~/requests/send/outbox.server");
    expect(await again.processOutboxOnce({ now: later(600) })).toEqual([]);
    expect(sentTo(ref)).toHaveLength(1);
    expect(row(id)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("a worker stuck in `sending` longer than the stale limit is retried by the same process", async () => {
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    getDb()
      .update(outbox)
      .set({ state: "sending", claimedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(outbox.letterId, id))
      .run();
    expect(await processOutboxOnce()).toEqual([{ letterId: id, result: "sent" }]);
    expect(sentTo(ref)).toHaveLength(1);
  });

  it("a message that kept killing the worker is failed once it has used every attempt", async () => {
    const id = queued();
    const ref = getLetter(owner.scope, caseId, id).reference;
    getDb()
      .update(outbox)
      .set({ state: "sending", attempts: MAX_ATTEMPTS, claimedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(outbox.letterId, id))
      .run();
    expect(await processOutboxOnce()).toEqual([]);
    expect(row(id).state).toBe("failed");
    expect(getLetter(owner.scope, caseId, id).status).toBe("failed");
    expect(sentTo(ref)).toHaveLength(0);
  });

  it("keeps the SMTP password encrypted at rest", () => {
    const raw = JSON.stringify(getDb().$client.prepare("select * from workspace_smtp").all());
    expect(raw).not.toContain("app-password-1");
    expect(raw).not.toContain("robin@example.test");
    expect(smtpSettingsFor(owner.workspaceId)?.password).toBe("app-password-1");
  });
});
