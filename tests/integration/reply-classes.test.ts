// Replies arrive through a real dovecot on 127.0.0.1, are classified, and wait for the person: an ID demand is
// no longer filed as "acknowledged"; a delivery failure report (built as a real multipart/report) sends the
// letter back to "not sent". Broker families: an opt-out to PeopleConnect covers TruthFinder (fronts.yml).
import { and, eq } from "drizzle-orm";
import MimeNode from "nodemailer/lib/mime-node/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposureStatusChanges, exposures, letters } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposuresBulk, listExposures } from "~/exposures/exposures.server";
import { importDirectory } from "~/recipients/import.server";
import { coveredFronts, familyPlaces } from "~/requests/broker-family.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { bouncedAt, confirmReply } from "~/requests/replies/confirm.server";
import { confirmedEvent, presetFor } from "~/requests/replies/forms.server";
import { pollMailbox, recordReply, repliesFor, saveImapSettings } from "~/requests/replies/replies.server";
import { moveRequest } from "~/requests/requests.server";
import { sendLetter, writeLetter } from "~/requests/store.server";
import { IllegalTransitionError } from "~/requests/tracking/lifecycle";
import { createSubject } from "~/subjects/subjects.server";
import { type Dovecot, startDovecot } from "./dovecot";
import { newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
  importDirectory(getDb());
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
});

const status = (id: string) =>
  getDb().select({ s: letters.status }).from(letters).where(eq(letters.id, id)).get()!.s;

function useMailbox(scope: Awaited<ReturnType<typeof newAccount>>["scope"]) {
  saveImapSettings(scope, {
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    user: dovecot.user,
    password: dovecot.password,
    mailbox: "INBOX",
  });
}

function reply(messageId: string, inReplyTo: string, body: string) {
  return [
    "From: Privacy Team <privacy@broker.example>",
    `To: ${dovecot.user}`,
    "Subject: Re: your request",
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${inReplyTo}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

describe("replies are classified on arrival and confirmed by the person", () => {
  it("an ID demand waits as a suggestion (not 'acknowledged'); confirming it refuses with that reason", async () => {
    const a = await newAccount();
    useMailbox(a.scope);
    const letter = sentLetter(a.scope);
    dovecot.deliver(
      reply(
        `<id-${Date.now()}@broker.example>`,
        letter.messageId,
        "Thank you for your email. Please send a copy of your passport so that we can process your request.",
      ),
    );
    // The shared test mailbox holds other tests' mail too; it matches no letter of this workspace.
    expect((await pollMailbox(a.workspaceId)).matched).toBe(1);
    expect(status(letter.letterId)).toBe("sent");
    const [r] = repliesFor(a.scope, letter.letterId);
    expect(r!.suggestion).toEqual({ cls: "id_requested", reason: "id_document_demanded" });
    expect(r!.settled).toBe(false);

    // The page's pre-selected answer, confirmed in one click.
    const preset = presetFor(r!.suggestion!.cls, r!.suggestion!.reason);
    expect(preset).toEqual({ outcome: "refused", reason: "id_document_demanded" });
    confirmReply(
      a.scope,
      letter.letterId,
      r!.id,
      confirmedEvent({ messageId: r!.id, outcome: "refused", reason: "id_document_demanded" }),
    );
    expect(status(letter.letterId)).toBe("refused");
    expect(repliesFor(a.scope, letter.letterId)[0]!.settled).toBe(true);
    // Confirmed once: a second click is refused, and the request stays as it is.
    expect(() => confirmReply(a.scope, letter.letterId, r!.id, { type: "acknowledge" })).toThrow(
      IllegalTransitionError,
    );
    // Another workspace cannot confirm it.
    const b = await newAccount();
    expect(() => confirmReply(b.scope, letter.letterId, r!.id, { type: "acknowledge" })).toThrow();
  });

  it("an acknowledgement moves the request by itself; the person may change a suggestion", async () => {
    const a = await newAccount();
    useMailbox(a.scope);
    const acked = sentLetter(a.scope);
    const done = sentLetter(a.scope);
    dovecot.deliver(
      reply(`<ack-${Date.now()}@broker.example>`, acked.messageId, "Wir haben Ihre Anfrage erhalten."),
    );
    dovecot.deliver(
      reply(`<done-${Date.now()}@broker.example>`, done.messageId, "Vos données ont été supprimées."),
    );
    await pollMailbox(a.workspaceId);
    expect(status(acked.letterId)).toBe("acknowledged");
    expect(repliesFor(a.scope, acked.letterId)[0]).toMatchObject({
      suggestion: { cls: "acknowledgement" },
      settled: true,
    });
    expect(status(done.letterId)).toBe("sent");
    const r = repliesFor(a.scope, done.letterId)[0]!;
    expect(r.suggestion?.cls).toBe("done");
    // The person reads it and says only part is gone.
    confirmReply(a.scope, done.letterId, r.id, { type: "reply", outcome: "partly_removed" });
    expect(status(done.letterId)).toBe("partly_removed");
  });

  it("a pasted reply is classified too: receipt recorded, the ID demand waits for the person", async () => {
    const a = await newAccount();
    const letter = sentLetter(a.scope);
    recordReply(a.scope, letter.letterId, {
      text: "Stuur ons een kopie van uw identiteitsbewijs.",
      receivedOn: "2026-11-25",
      event: null,
    });
    expect(status(letter.letterId)).toBe("acknowledged");
    expect(repliesFor(a.scope, letter.letterId)[0]).toMatchObject({
      suggestion: { cls: "id_requested", reason: "id_document_demanded" },
      settled: false,
    });
  });

  it("a delivery failure report sends an email letter back to 'not sent' and never counts as an answer", async () => {
    const a = await newAccount();
    useMailbox(a.scope);
    const letter = sentLetter(a.scope);
    const root = new MimeNode("multipart/report; report-type=delivery-status");
    root.setHeader({
      from: "Mail Delivery System <MAILER-DAEMON@mx.broker.example>",
      to: dovecot.user,
      subject: "Undelivered Mail Returned to Sender",
      "message-id": `<dsn-${Date.now()}@mx.broker.example>`,
    });
    root
      .createChild("text/plain")
      .setContent("I'm sorry to have to inform you that your message could not be delivered.");
    root
      .createChild("message/delivery-status")
      .setContent(
        "Reporting-MTA: dns; mx.broker.example\r\n\r\nFinal-Recipient: rfc822; privacy@host.example\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n",
      );
    root
      .createChild("text/rfc822-headers")
      .setContent(`Message-ID: ${letter.messageId}\r\nSubject: Erasure request [${letter.reference}]\r\n`);
    dovecot.deliver((await root.build()).toString("utf8"));

    // The shared test mailbox holds other tests' mail too; it matches no letter of this workspace.
    expect((await pollMailbox(a.workspaceId)).matched).toBe(1);
    expect(status(letter.letterId)).toBe("failed");
    expect(bouncedAt(a.scope, letter.letterId)).toBeInstanceOf(Date);
    expect(repliesFor(a.scope, letter.letterId)[0]).toMatchObject({
      suggestion: { cls: "bounce" },
      settled: true,
    });
  });
});

function subjectCase(scope: Awaited<ReturnType<typeof newAccount>>["scope"]) {
  const subjectId = createSubject(scope, {
    name: "Jana Nováková",
    aliases: [],
    emails: ["jana@example.test"],
    phones: [],
    addresses: [],
    usernames: [],
    country: "US",
    notes: "",
  });
  return createCase(scope, { subjectId, title: "Broker listings" });
}

function place(scope: Awaited<ReturnType<typeof newAccount>>["scope"], caseId: string, url: string) {
  createExposuresBulk(scope, caseId, [
    {
      line: 1,
      input: url,
      fields: {
        exposed: ["home_address"],
        callsForHarm: false,
        foundOn: "2026-11-01",
        severityOverride: null,
        status: "active",
        notes: "",
      },
    },
  ]);
}

describe("broker families", () => {
  it("an opt-out to PeopleConnect covers the case's places at TruthFinder: requested, then said removed", async () => {
    const a = await newAccount();
    const caseId = subjectCase(a.scope);
    place(a.scope, caseId, "https://peopleconnect.us/profile/jana-novakova");
    place(a.scope, caseId, "https://www.truthfinder.com/people-search/jana-novakova");
    place(a.scope, caseId, "https://paste.example.com/unrelated");
    const all = listExposures(a.scope, caseId);
    const parent = all.find((e) => e.url.includes("peopleconnect"))!;
    const front = all.find((e) => e.url.includes("truthfinder"))!;
    const other = all.find((e) => e.url.includes("paste.example"))!;
    expect(parent.recipientId).toBe("data-brokers:peopleConnect");
    expect(front.recipientId).toBe("data-brokers:truthFinder");

    const letterId = writeLetter(
      a.scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [parent.id],
        option: "broker-optout/none",
        lang: "en",
        destination: "webform|https://suppression.peopleconnect.us/login",
        requesterName: "Jana Nováková",
        requesterEmail: "jana@example.test",
        particularSituation: "Strangers came to my door after my address was listed.",
        authorityName: "the regulator",
      }),
    );
    // The letter page lists the fronts it covers, with the case's places on them.
    const covers = coveredFronts(a.scope, letterId);
    expect(covers.find((f) => f.id === "data-brokers:truthFinder")).toMatchObject({ places: 1 });
    expect(covers.map((f) => f.id)).toEqual(
      expect.arrayContaining(["data-brokers:intelius", "data-brokers:instantCheckmate"]),
    );

    const today = new Date().toISOString().slice(0, 10);
    sendLetter(a.scope, caseId, letterId, new Date(), { sentOn: today, receivedOn: today });
    const statusOf = (id: string) =>
      getDb().select({ s: exposures.status }).from(exposures).where(eq(exposures.id, id)).get()!.s;
    expect(statusOf(parent.id)).toBe("requested");
    expect(statusOf(front.id)).toBe("requested");
    expect(statusOf(other.id)).toBe("active");
    const history = getDb()
      .select()
      .from(exposureStatusChanges)
      .where(
        and(eq(exposureStatusChanges.exposureId, front.id), eq(exposureStatusChanges.toStatus, "requested")),
      )
      .all();
    expect(history).toMatchObject([{ source: "broker_family", letterId, fromStatus: "active" }]);
    const letterRow = { id: letterId, workspaceId: a.workspaceId, caseId, kind: "broker-optout" };
    expect(familyPlaces(getDb(), { ...letterRow, recipientId: "data-brokers:peopleConnect" })).toEqual([
      front.id,
    ]);

    // The parent says it is done: the front's place is said removed (a re-check will say whether it is gone).
    moveRequest(a.scope, letterId, { type: "reply", outcome: "removed" });
    expect(statusOf(front.id)).toBe("said_removed");
    const said = getDb()
      .select()
      .from(exposureStatusChanges)
      .where(
        and(
          eq(exposureStatusChanges.exposureId, front.id),
          eq(exposureStatusChanges.toStatus, "said_removed"),
        ),
      )
      .all();
    expect(said).toMatchObject([{ source: "broker_family", letterId }]);
  });

  it("a letter that is not a deletion request, or not to a parent, covers no fronts", async () => {
    const a = await newAccount();
    const caseId = subjectCase(a.scope);
    place(a.scope, caseId, "https://www.truthfinder.com/people-search/jana");
    const front = listExposures(a.scope, caseId)[0]!;
    const base = { id: "x", workspaceId: a.workspaceId, caseId };
    expect(
      familyPlaces(getDb(), { ...base, recipientId: "data-brokers:peopleConnect", kind: "gdpr-access" }),
    ).toEqual([]);
    expect(
      familyPlaces(getDb(), { ...base, recipientId: "data-brokers:truthFinder", kind: "broker-optout" }),
    ).toEqual([]);
    expect(
      familyPlaces(getDb(), { ...base, recipientId: "data-brokers:peopleConnect", kind: "broker-optout" }),
    ).toEqual([front.id]);
  });
});
