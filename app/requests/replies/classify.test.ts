import { simpleParser } from "mailparser";
import MimeNode from "nodemailer/lib/mime-node/index.js";
import { describe, expect, it } from "vitest";
import { LANGS } from "~/requests/compose/variables";
import { transition } from "~/requests/tracking/lifecycle";
import {
  classifyReply,
  eventFor,
  LOOKS_LIKE,
  ownWords,
  REPLY_CLASSES,
  REPLY_PATTERNS,
  type ReplyClass,
} from "./classify";

// Realistic replies, as recipients write them: class and (for refusals) the reason the words show.
const REPLIES: { lang: string; text: string; cls: ReplyClass; reason?: string }[] = [
  // English
  {
    lang: "en",
    text: "Hello,\n\nThank you for contacting us. Please send a copy of your passport so that we can process your request.\n\nKind regards,\nPrivacy Team",
    cls: "id_requested",
    reason: "id_document_demanded",
  },
  {
    lang: "en",
    text: "Thank you for your email. We have received your request (ticket #48213) and will respond within 30 days.",
    cls: "acknowledgement",
  },
  {
    lang: "en",
    text: "We have completed your request. The listing has been removed and your information has been suppressed.",
    cls: "done",
  },
  {
    lang: "en",
    text: "We removed some of the listings you sent. Part of the records have been deleted; others are held for legal reasons.",
    cls: "partly_done",
  },
  {
    lang: "en",
    text: "After review, we must decline your request. The article concerns a matter of public interest and is protected by freedom of expression.",
    cls: "refusal",
    reason: "freedom_of_expression",
  },
  {
    lang: "en",
    text: "We searched our systems and could not find any records associated with the details you provided.",
    cls: "refusal",
    reason: "no_match",
  },
  {
    lang: "en",
    text: "Unfortunately we are unable to comply with your request.",
    cls: "refusal",
    reason: "other",
  },
  {
    lang: "en",
    text: "Requests sent by email cannot be processed. Please use our online form at https://broker.example/optout.",
    cls: "wrong_channel",
    reason: "wrong_channel",
  },
  {
    lang: "en",
    text: "We act only as a hosting provider and we do not control the content. Please contact the site owner.",
    cls: "not_controller",
    reason: "not_our_data",
  },
  {
    lang: "en",
    text: "Before we can proceed we need more information. Please provide the exact URLs of the pages concerned.",
    cls: "more_info",
  },
  { lang: "en", text: "Please see attached.", cls: "unknown" },
  // German
  {
    lang: "de",
    text: "Sehr geehrte Damen und Herren,\nbitte senden Sie uns eine Kopie Ihres Personalausweises zu.",
    cls: "id_requested",
    reason: "id_document_demanded",
  },
  {
    lang: "de",
    text: "Vielen Dank für Ihre Nachricht. Wir haben Ihre Anfrage erhalten und melden uns in Kürze.",
    cls: "acknowledgement",
  },
  { lang: "de", text: "Ihre personenbezogenen Daten wurden gelöscht.", cls: "done" },
  {
    lang: "de",
    text: "Leider können wir Ihrem Antrag nicht nachkommen, da der Beitrag von der Pressefreiheit gedeckt ist.",
    cls: "refusal",
    reason: "freedom_of_expression",
  },
  {
    lang: "de",
    text: "Bitte nutzen Sie unser Kontaktformular, E-Mails werden nicht bearbeitet.",
    cls: "wrong_channel",
    reason: "wrong_channel",
  },
  {
    lang: "de",
    text: "Wir sind nicht der Verantwortliche. Bitte wenden Sie sich an den Betreiber der Seite.",
    cls: "not_controller",
    reason: "not_our_data",
  },
  // French
  {
    lang: "fr",
    text: "Bonjour, afin de traiter votre demande, merci de nous fournir une copie de votre pièce d'identité.",
    cls: "id_requested",
    reason: "id_document_demanded",
  },
  { lang: "fr", text: "Nous accusons réception de votre demande.", cls: "acknowledgement" },
  { lang: "fr", text: "Nous avons supprimé l'annonce vous concernant.", cls: "done" },
  {
    lang: "fr",
    text: "Nous ne pouvons pas donner suite à votre demande : l'article relève de la liberté d'expression.",
    cls: "refusal",
    reason: "freedom_of_expression",
  },
  {
    lang: "fr",
    text: "Merci d'utiliser le formulaire disponible sur notre site.",
    cls: "wrong_channel",
    reason: "wrong_channel",
  },
  // Dutch
  {
    lang: "nl",
    text: "Om uw verzoek te behandelen hebben wij een kopie van uw paspoort nodig.",
    cls: "id_requested",
    reason: "id_document_demanded",
  },
  { lang: "nl", text: "Wij hebben uw bericht ontvangen.", cls: "acknowledgement" },
  { lang: "nl", text: "Het artikel is verwijderd.", cls: "done" },
  {
    lang: "nl",
    text: "Wij wijzen uw verzoek af.",
    cls: "refusal",
    reason: "other",
  },
  {
    lang: "nl",
    text: "Wij zijn niet de verwerkingsverantwoordelijke voor deze website.",
    cls: "not_controller",
    reason: "not_our_data",
  },
  // Korean
  {
    lang: "ko",
    text: "안녕하세요. 본인 확인을 위해 신분증 사본을 제출해 주시기 바랍니다.",
    cls: "id_requested",
    reason: "id_document_demanded",
  },
  { lang: "ko", text: "문의하신 내용이 접수되었습니다.", cls: "acknowledgement" },
  { lang: "ko", text: "요청하신 게시물은 삭제 처리되었습니다.", cls: "done" },
  { lang: "ko", text: "요청하신 게시물 중 일부만 삭제되었습니다.", cls: "partly_done" },
  { lang: "ko", text: "해당 게시물은 삭제할 수 없습니다.", cls: "refusal", reason: "other" },
];

describe("classifyReply", () => {
  it.each(REPLIES)("$lang: $cls — $text", ({ text, cls, reason }) => {
    const c = classifyReply({ text });
    expect(c.cls).toBe(cls);
    if (reason) expect(c.reason).toBe(reason);
  });

  it("every pattern's own example comes out as its class (and reason)", () => {
    for (const p of REPLY_PATTERNS) {
      const c = classifyReply({ text: p.example });
      expect({ id: p.id, cls: c.cls, matched: c.matched.includes(p.id) }).toEqual({
        id: p.id,
        cls: p.cls,
        matched: true,
      });
      if (p.reason) expect({ id: p.id, reason: c.reason }).toEqual({ id: p.id, reason: p.reason });
    }
  });

  it("has patterns for every answering class in every language letters go out in", () => {
    const answering = REPLY_CLASSES.filter((c) => c !== "bounce" && c !== "unknown");
    for (const lang of LANGS)
      for (const cls of answering)
        expect(
          REPLY_PATTERNS.some((p) => p.lang === lang && p.cls === cls),
          `${lang} ${cls}`,
        ).toBe(true);
  });

  it("an ID demand is not filed as a receipt, even when the reply thanks and confirms receipt", () => {
    const c = classifyReply({
      text: "Thank you, we received your request. Please send a copy of your passport.",
    });
    expect(c.cls).toBe("id_requested");
    expect(eventFor(c.cls, c.reason)).toEqual({
      type: "reply",
      outcome: "refused",
      reason: "id_document_demanded",
    });
  });

  it("reads only the sender's own words, not our quoted letter", () => {
    const text = [
      "Thank you, we received your request.",
      "",
      "On 2 Dec 2026, Retract wrote:",
      "> I ask you to erase my personal data. The data has been removed elsewhere.",
      "> Do not ask for a copy of my passport.",
    ].join("\n");
    expect(ownWords(text)).toBe("Thank you, we received your request. ");
    expect(classifyReply({ text }).cls).toBe("acknowledgement");
  });

  it("a negation is not a removal", () => {
    expect(classifyReply({ text: "The content has not been removed." }).cls).toBe("unknown");
  });

  it("every class has a sentence to show and a lifecycle event the machine accepts", () => {
    for (const cls of REPLY_CLASSES) {
      expect(LOOKS_LIKE[cls]).toMatch(/\.$/);
      const event = eventFor(cls, null);
      if (event) expect(() => transition("sent", event)).not.toThrow();
      else expect(cls).toBe("unknown");
    }
  });
});

async function dsn(action: "failed" | "delayed") {
  const root = new MimeNode("multipart/report; report-type=delivery-status");
  root.setHeader({
    from: "Mail Delivery System <MAILER-DAEMON@mx.broker.example>",
    to: "me@retract.example",
    subject:
      action === "failed" ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)",
    "message-id": "<dsn-1@mx.broker.example>",
  });
  root.createChild("text/plain").setContent("This is the mail system at host mx.broker.example.");
  root
    .createChild("message/delivery-status")
    .setContent(
      `Reporting-MTA: dns; mx.broker.example\r\n\r\nFinal-Recipient: rfc822; privacy@broker.example\r\nAction: ${action}\r\nStatus: ${action === "failed" ? "5.1.1" : "4.4.1"}\r\n`,
    );
  root.createChild("text/rfc822-headers").setContent("Message-ID: <letter-1@retract.example>\r\n");
  const mail = await simpleParser(await root.build());
  const ct = mail.headers.get("content-type") as { value: string; params: Record<string, string> };
  return classifyReply({
    subject: mail.subject,
    from: mail.from?.value[0]?.address,
    text: mail.text,
    contentType: ct.value,
    reportType: ct.params["report-type"],
    deliveryStatus: mail.text,
  });
}

describe("bounces", () => {
  it("a delivery status notification that says failed is a bounce, from the protocol", async () => {
    expect(await dsn("failed")).toMatchObject({ cls: "bounce", definitive: true });
  });

  it("a report that delivery is only delayed is not a bounce", async () => {
    expect((await dsn("delayed")).cls).not.toBe("bounce");
  });

  it("a bounce by its sender and subject is a bounce the person confirms", () => {
    expect(
      classifyReply({
        from: "postmaster@mail.example",
        subject: "Delivery Status Notification (Failure)",
        text: "Your message wasn't delivered to privacy@broker.example because the address couldn't be found.",
      }),
    ).toMatchObject({ cls: "bounce", definitive: false });
    // The same words from a person are not a bounce.
    expect(
      classifyReply({ from: "support@broker.example", subject: "Undeliverable?", text: "Thanks." }).cls,
    ).not.toBe("bounce");
  });
});
