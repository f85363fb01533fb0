import { describe, expect, it } from "vitest";
import { inEnglish } from "~/i18n/english.server";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { MISSING_KEYS, missingCode, REASONS, reasonMessage, reasonText } from "./bulk-reasons";

describe("bulk reason codes", () => {
  it.each([
    ["no_mandate", REASONS.no_mandate],
    ["already_requested", REASONS.already_requested],
    ["cancelled", REASONS.cancelled],
    [
      "missing:particularSituation",
      "A required detail is missing: the statement of the particular situation.",
    ],
    ["missing:requester.email", "A required detail is missing: the person's name or email address."],
    ["missing:somethingNew", "A required detail is missing: somethingNew."],
    ["invalid:requesterEmail", REASONS.invalid_details],
    ["checklist:gdpr-erasure.art21", REASONS.checklist_failed],
    ["no-such-code", REASONS.error],
  ])("%s reads as plain language", (code, text) => {
    expect(reasonText(code)).toBe(text);
  });

  it.each([
    ...Object.keys(REASONS),
    ...Object.keys(MISSING_KEYS).map((k) => `missing:${k}`),
    "missing:requester.email",
    "missing:authority",
    "missing:somethingNew",
    "invalid:x",
    "checklist:y",
    "no-such-code",
  ])("%s: the English catalogue says what reasonText says", (code) => {
    const m = reasonMessage(code);
    expect(inEnglish(m.key, m.values)).toBe(reasonText(code));
  });

  it("says a reason in the page's language", () => {
    const { t } = createTranslator("ko", messagesFor("ko"));
    const m = reasonMessage("missing:authority");
    expect(t(m.key, m.values)).toBe("필요한 정보가 빠졌습니다: 문제를 넘길 개인정보 보호 기관.");
  });

  it("names the first missing variable without list positions", () => {
    expect(missingCode(["exposures[1].url", "dueDate"])).toBe("missing:exposures.url");
    expect(missingCode([])).toBe("missing:unknown");
  });

  it("never carries more than a code: no spaces, so no personal value fits", () => {
    for (const code of Object.keys(REASONS)) expect(code).toMatch(/^[a-z_]+$/);
  });
});
