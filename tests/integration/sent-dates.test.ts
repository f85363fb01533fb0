// Dates the user sets: a letter posted, submitted in a web form or sent from the user's own mail records
// the day sent and the day received, and its deadline counts from the day received; a follow-up moves its request
// only when it is sent (posted, or accepted by a real SMTP server on 127.0.0.1 through the outbox); a letter
// written and never sent is a reminder after three days.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { letters, outbox, requestEvents } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { writeNextLetter } from "~/requests/compose/next-letter.server";
import { getRequest, moveRequest, timeline, unsentNextLetters } from "~/requests/requests.server";
import { processOutboxOnce } from "~/requests/send/outbox.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import {
  correctReceivedOn,
  getLetter,
  LetterInputError,
  sendLetter,
  writeLetter,
} from "~/requests/store.server";
import { remindersFor, unsentLetters } from "~/requests/tracking/reminders.server";
import * as requestRoute from "~/routes/cases.$caseId.requests.$letterId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, newAccount, post, status } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let caseId: string;
let exposureId: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

function details(extra: Record<string, unknown> = {}) {
  return LetterDetailsSchema.parse({
    exposureIds: [exposureId],
    option: "gdpr-erasure/gdpr",
    lang: "en",
    destination: "pdf|",
    requesterName: "Robin Example",
    requesterEmail: "robin@example.test",
    particularSituation: "Strangers have come to my door since the address was posted.",
    authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    ...extra,
  });
}

const rowOf = (id: string) => getDb().select().from(letters).where(eq(letters.id, id)).get()!;

async function postLetter(id: string, fields: Record<string, string>) {
  const l = getLetter(owner.scope, caseId, id);
  return (await call(
    requestRoute.action,
    post(`/cases/${caseId}/requests/${id}`, { subject: l.subject, body: l.body, ...fields }, owner.cookie),
    { caseId, letterId: id },
  )) as Response;
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE", emails: "robin@example.test" }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Posts" });
  const n = normaliseUrl("https://t.me/leakchannel/77");
  if (!n.ok) throw new Error("url");
  exposureId = createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-10-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(() => {
  // Leave no earlier test's outbox row due.
  getDb().update(outbox).set({ state: "sent" }).where(eq(outbox.state, "pending")).run();
});

describe("a letter the user posts", () => {
  it("records the date posted and the date received, and the deadline counts from received", () => {
    const id = writeLetter(owner.scope, caseId, details(), new Date("2026-10-15T09:00:00Z"));
    sendLetter(owner.scope, caseId, id, new Date("2026-10-21T09:00:00Z"), {
      sentOn: "2026-10-16",
      receivedOn: "2026-10-20",
    });
    const sent = getLetter(owner.scope, caseId, id);
    expect(sent).toMatchObject({ status: "sent", sentOn: "2026-10-16", receivedOn: "2026-10-20" });
    // GDPR: one month from receipt (Tue 20 Oct → Fri 20 Nov 2026), not from posting (which gives 16 Nov).
    expect(sent.dueOn).toBe("2026-11-20");
    expect(rowOf(id).receivedOn).toBe("2026-10-20");
    expect(sent.extendedDueOn).toBe("2027-01-20");
    expect(timeline(owner.scope, caseId, id).map((t) => t.text)).toContain(
      `${sent.reference} posted on 16 October 2026, received on 20 October 2026`,
    );
  });

  it("defaults both dates to today when none are given", () => {
    const id = writeLetter(owner.scope, caseId, details(), new Date("2026-10-15T09:00:00Z"));
    sendLetter(owner.scope, caseId, id, new Date("2026-10-15T18:00:00Z"));
    expect(getLetter(owner.scope, caseId, id)).toMatchObject({
      sentOn: "2026-10-15",
      receivedOn: "2026-10-15",
      dueOn: "2026-11-16", // Sun 15 Nov → Mon 16 Nov
    });
  });

  it("refuses (400, field named) a received date before the posting date, or a date in the future", async () => {
    const id = writeLetter(owner.scope, caseId, details());
    const before = await postLetter(id, { intent: "send", sentOn: "2026-10-16", receivedOn: "2026-10-12" });
    expect(status(before)).toBe(400);
    const b = (await before.json()) as { fieldErrors: Record<string, string[]> };
    expect(b.fieldErrors.receivedOn?.join(" ")).toMatch(/cannot have received it before it was sent/);

    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const future = await postLetter(id, { intent: "send", sentOn: "2026-10-16", receivedOn: inTenDays });
    expect(status(future)).toBe(400);
    const f = (await future.json()) as { fieldErrors: Record<string, string[]> };
    expect(f.fieldErrors.receivedOn?.join(" ")).toMatch(/cannot be in the future/);

    const bad = await postLetter(id, { intent: "send", sentOn: "16/10/2026", receivedOn: "2026-10-20" });
    expect(status(bad)).toBe(400);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.sentOn).toEqual([
      "Enter the date it was sent as YYYY-MM-DD.",
    ]);
    expect(getLetter(owner.scope, caseId, id).status).toBe("draft");

    // The domain refuses the same for any caller (the API, a script).
    expect(() =>
      sendLetter(owner.scope, caseId, id, new Date(), { sentOn: "2026-10-16", receivedOn: "2026-10-15" }),
    ).toThrow(LetterInputError);
    expect(getLetter(owner.scope, caseId, id).status).toBe("draft");
  });

  it("takes the dates from the letter page's form (no JavaScript: a plain post)", async () => {
    const id = writeLetter(owner.scope, caseId, details());
    const res = await postLetter(id, { intent: "send", sentOn: "2026-09-01", receivedOn: "2026-09-03" });
    expect(status(res)).toBe(302);
    const sent = getLetter(owner.scope, caseId, id);
    expect(sent).toMatchObject({ status: "sent", sentOn: "2026-09-01", receivedOn: "2026-09-03" });
    expect(sent.dueOn).toBe("2026-10-05"); // Sat 3 Oct 2026 (German Unity Day too) → Mon 5 Oct
  });
});

describe("the day received, learnt later", () => {
  it("is corrected on the request page and the deadline counted again; refused once answered", async () => {
    const id = writeLetter(owner.scope, caseId, details());
    sendLetter(owner.scope, caseId, id, new Date("2026-10-16T09:00:00Z"), {
      sentOn: "2026-10-16",
      receivedOn: "2026-10-16",
    });
    expect(getLetter(owner.scope, caseId, id).dueOn).toBe("2026-11-16");
    const correct = (receivedOn: string) =>
      call(
        requestRoute.action,
        post(`/cases/${caseId}/requests/${id}`, { intent: "received", receivedOn }, owner.cookie),
        { caseId, letterId: id },
      ) as Promise<Response>;

    const early = await correct("2026-10-12");
    expect(status(early)).toBe(400);
    expect(
      ((await early.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.receivedOn,
    ).toEqual(["They cannot have received it before it was sent: check both dates."]);

    expect(status(await correct("2026-10-20"))).toBe(302);
    expect(getLetter(owner.scope, caseId, id)).toMatchObject({
      sentOn: "2026-10-16",
      receivedOn: "2026-10-20",
      dueOn: "2026-11-20",
    });

    moveRequest(owner.scope, id, { type: "acknowledge" });
    expect(status(await correct("2026-10-21"))).toBe(400);
    expect(getLetter(owner.scope, caseId, id).receivedOn).toBe("2026-10-20");
  });

  it("is not offered for an email Retract sent (received the day the mail server accepted it)", () => {
    const id = writeLetter(owner.scope, caseId, details({ destination: "email|abuse@telegram.org" }));
    saveSmtpSettings(owner.scope, {
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "robin",
      password: "app-password-1",
      from: "Robin Example <robin@example.test>",
      replyTo: "",
    });
    sendLetter(owner.scope, caseId, id);
    getDb().update(letters).set({ status: "sent", sentOn: "2026-10-16" }).where(eq(letters.id, id)).run();
    expect(() => correctReceivedOn(owner.scope, caseId, id, "2026-10-18")).toThrow(LetterInputError);
  });
});

describe("a letter sent outside Retract", () => {
  it("records an email sent from the user's own mail without queueing it, with its dates", async () => {
    const id = writeLetter(owner.scope, caseId, details({ destination: "email|abuse@telegram.org" }));
    const res = await postLetter(id, { intent: "record", sentOn: "2026-09-01", receivedOn: "2026-09-01" });
    expect(status(res)).toBe(302);
    expect(getLetter(owner.scope, caseId, id)).toMatchObject({
      status: "sent",
      channel: "email",
      sentOn: "2026-09-01",
      receivedOn: "2026-09-01",
      dueOn: "2026-10-01",
    });
    expect(getDb().select().from(outbox).where(eq(outbox.letterId, id)).get()).toBeUndefined();
  });

  it("counts a follow-up rule (DSA notice) from the day sent, not received", () => {
    const id = writeLetter(
      owner.scope,
      caseId,
      details({
        option: "dsa-notice/dsa",
        destination: "pdf|",
        illegalityExplanation: "The post publishes my home address to invite people to come to my door.",
      }),
    );
    sendLetter(owner.scope, caseId, id, new Date("2026-10-21T09:00:00Z"), {
      sentOn: "2026-10-16",
      receivedOn: "2026-10-20",
    });
    // The sender's own follow-up date: 7 days after sending.
    expect(getLetter(owner.scope, caseId, id)).toMatchObject({
      receivedOn: "2026-10-20",
      dueOn: "2026-10-23",
    });
  });
});

describe("a follow-up moves its request only when it is sent", () => {
  function overdueRequest(channel: "pdf|" | "email|abuse@telegram.org") {
    const id = writeLetter(owner.scope, caseId, details({ destination: channel }), new Date("2026-09-01"));
    sendLetter(owner.scope, caseId, id, new Date("2026-09-01T10:00:00Z"), {
      sentOn: "2026-09-01",
      receivedOn: "2026-09-02",
    });
    return id;
  }
  const now = new Date("2026-10-20T09:00:00Z");
  const listed = (id: string) => remindersFor(owner.scope, now).some((r) => r.letterId === id);

  it("posted: the request stays overdue (and reminded) while the draft waits, then is followed up", () => {
    const first = overdueRequest("pdf|");
    expect(listed(first)).toBe(true);
    const draft = writeNextLetter(owner.scope, first, "follow-up", now);
    expect(getRequest(owner.scope, first).status).toBe("sent");
    expect(listed(first)).toBe(true);
    expect(unsentNextLetters(owner.scope, first).map((l) => l.id)).toEqual([draft]);

    sendLetter(owner.scope, caseId, draft, new Date("2026-10-22T09:00:00Z"), {
      sentOn: "2026-10-21",
      receivedOn: "2026-10-22",
    });
    expect(getRequest(owner.scope, first).status).toBe("follow_up_sent");
    expect(listed(first)).toBe(false);
    expect(unsentNextLetters(owner.scope, first)).toEqual([]);
    const event = getDb().select().from(requestEvents).where(eq(requestEvents.letterId, first)).all();
    expect(event.map((e) => [e.kind, e.relatedLetterId])).toEqual([["follow_up", draft]]);
  });

  it("by email: queued is not sent; the request moves when the mail server accepts the follow-up", async () => {
    saveSmtpSettings(owner.scope, {
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "robin",
      password: "app-password-1",
      from: "Robin Example <robin@example.test>",
      replyTo: "",
    });
    const first = overdueRequest("email|abuse@telegram.org");
    const draft = writeNextLetter(owner.scope, first, "follow-up", now);
    expect(getLetter(owner.scope, caseId, draft).channel).toBe("email");
    sendLetter(owner.scope, caseId, draft);
    expect(getLetter(owner.scope, caseId, draft).status).toBe("queued");
    expect(getRequest(owner.scope, first).status).toBe("sent");
    expect(listed(first)).toBe(true);

    const outcomes = await processOutboxOnce({ now: new Date(Date.now() + 60_000) });
    expect(outcomes).toContainEqual({ letterId: draft, result: "sent" });
    const reference = getLetter(owner.scope, caseId, draft).reference;
    expect(smtp.received.some((m) => m.subject?.includes(reference))).toBe(true);
    expect(getRequest(owner.scope, first).status).toBe("follow_up_sent");
    expect(listed(first)).toBe(false);
  });
});

describe("a letter written and never sent", () => {
  it("is a reminder from three days after it was written, until it is sent", async () => {
    const a = await newAccount("Unsent");
    const subjectId = createSubject(
      a.scope,
      SubjectFieldsSchema.parse({ name: "Sam Example", country: "DE", emails: "sam@example.test" }),
    );
    const c = createCase(a.scope, { subjectId, title: "Unsent" });
    const n = normaliseUrl("https://t.me/leakchannel/88");
    if (!n.ok) throw new Error("url");
    const e = createExposure(a.scope, c, {
      url: n.value,
      exposed: ["phone"],
      callsForHarm: false,
      foundOn: "2026-10-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const write = (at: string) => {
      const id = writeLetter(
        a.scope,
        c,
        details({ exposureIds: [e], requesterName: "Sam Example", requesterEmail: "sam@example.test" }),
        new Date(at),
      );
      // The database stamps created_at with the real clock: move it to the day the story needs.
      getDb()
        .update(letters)
        .set({ createdAt: new Date(at) })
        .where(eq(letters.id, id))
        .run();
      return id;
    };
    const old = write("2026-10-10T08:00:00Z");
    write("2026-10-12T08:00:00Z"); // two days before "now": not yet
    const now = new Date("2026-10-14T09:00:00Z");
    const list = unsentLetters(a.scope, now);
    expect(list.map((u) => [u.letterId, u.writtenOn])).toEqual([[old, "2026-10-10"]]);
    expect(list[0]!.recipientName).not.toBe("Unknown site");
    expect(unsentLetters(owner.scope, now).some((u) => u.letterId === old)).toBe(false);

    sendLetter(a.scope, c, old, new Date("2026-10-14T10:00:00Z"));
    expect(unsentLetters(a.scope, now)).toEqual([]);
  });
});
