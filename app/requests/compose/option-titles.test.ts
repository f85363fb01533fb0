// The letter form names each kind of letter by its English built-in template's title, in the page's language:
// the English catalogue must say exactly what the template says, and every writable kind must have one.
import { describe, expect, it } from "vitest";
import { inEnglish } from "~/i18n/english.server";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { WRITABLE_KINDS } from "~/requests/kinds";
import { loadTemplates } from "~/requests/render/templates.server";
import { destinationInWords } from "./destinations";
import { LETTER_OPTION_TITLES, NOT_LEGAL_ADVICE_KEY } from "./forms";
import { passedOnNotice, passedOnNoticeKey } from "./sender-safety";

describe("the letter form's words", () => {
  it("titles each kind as its English template does", () => {
    const templates = [...loadTemplates().values()].map((t) => t.meta);
    for (const kind of WRITABLE_KINDS) {
      const en = templates.find((m) => m.id === kind && m.kind === kind && m.lang === "en");
      expect(en, kind).toBeDefined();
      expect(inEnglish(LETTER_OPTION_TITLES[kind]), kind).toBe(en!.title);
    }
  });

  it("keeps the English words for pages not translated yet", () => {
    expect(inEnglish(NOT_LEGAL_ADVICE_KEY)).toMatch(
      /^Retract fills in letters from published rules; this is not legal advice\./,
    );
    expect(passedOnNotice("dsa-notice")).toMatch(/^The site usually tells the person who posted the content/);
    expect(passedOnNoticeKey("gdpr-erasure")).toBeNull();
  });

  it("says where a letter goes in the page's language, the directory's own label kept", () => {
    const ko = createTranslator("ko", messagesFor("ko")).t;
    const fr = createTranslator("fr", messagesFor("fr")).t;
    const email = { via: "email", address: "privacy@example.org", label: null, purpose: "privacy" } as const;
    expect(destinationInWords(inEnglish, email)).toBe("Email to privacy@example.org — privacy requests");
    expect(destinationInWords(ko, email)).toBe("privacy@example.org(으)로 이메일 — 개인정보 요청");
    expect(destinationInWords(fr, { ...email, label: "DPO" })).toBe("E-mail à privacy@example.org — DPO");
    expect(destinationInWords(fr, { via: "pdf", address: null })).toBe(
      "Imprimer et envoyer par la poste (PDF)",
    );
  });
});
