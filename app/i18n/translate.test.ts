// The translator fails loudly on a missing key, formats plurals and dates through Intl, and the page language
// follows Accept-Language when nothing else chose it.
import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms.server";
import { translateFailure } from "./errors";
import { acceptedLanguages, localeFromAcceptLanguage, messagesFor } from "./locale.server";
import { LanguageChoiceSchema } from "./schemas.server";
import { createTranslator, type MessageKey, MissingMessageError } from "./translate";

describe("createTranslator", () => {
  it("throws on a key the catalogue lacks instead of showing the key", () => {
    const { t } = createTranslator("ko", messagesFor("ko"));
    expect(() => t("missing.key" as MessageKey)).toThrow(MissingMessageError);
    expect(() => t("missing.key" as MessageKey)).toThrow(/missing\.key.*ko catalogue/);
  });

  it("in production falls back to English for a key a translation lacks, never to the key", () => {
    const { t } = createTranslator("ko", {}, { fallback: true });
    expect(t("quickExit.button")).toBe("Quick exit");
    expect(() => t("missing.key" as MessageKey)).toThrow(MissingMessageError);
  });

  it("speaks the chosen language", () => {
    expect(createTranslator("ko", messagesFor("ko")).t("quickExit.button")).toBe("빠른 나가기");
    expect(createTranslator("fr", messagesFor("fr")).t("shell.nav.directory")).toBe("À qui écrire");
  });

  it("formats ICU plurals and dates through Intl in the catalogue's language", () => {
    const catalogue = { n: "{count, plural, one {# lettre} other {# lettres}} au {when, date, long}" };
    const { t } = createTranslator("fr", catalogue);
    const when = new Date(Date.UTC(2026, 11, 3, 12));
    expect(t("n" as MessageKey, { count: 1, when })).toBe("1 lettre au 3 décembre 2026");
    expect(t("n" as MessageKey, { count: 3, when })).toBe("3 lettres au 3 décembre 2026");
    const ko = createTranslator("ko", { n: "{when, date, long}" });
    expect(ko.t("n" as MessageKey, { when })).toBe("2026년 12월 3일");
  });

  it("throws when a message's value is not given", () => {
    const { t } = createTranslator("en", { n: "Hello {name}" });
    expect(() => t("n" as MessageKey)).toThrow(/name/);
  });
});

describe("Accept-Language", () => {
  it("orders by quality and drops q=0 and *", () => {
    expect(acceptedLanguages("de;q=0.5, ko-KR, fr;q=0, *;q=0.1, nl;q=0.8")).toEqual(["ko-KR", "nl", "de"]);
    expect(acceptedLanguages(null)).toEqual([]);
  });

  it("picks the best page language, else English", () => {
    expect(localeFromAcceptLanguage("fr-BE,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(localeFromAcceptLanguage("ko-KR,ko;q=0.9")).toBe("ko");
    expect(localeFromAcceptLanguage("nl-BE")).toBe("nl");
    expect(localeFromAcceptLanguage("de-AT;q=0.7, ja;q=0.9")).toBe("de");
    expect(localeFromAcceptLanguage("ja, zh-CN")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage("not a tag!!")).toBe("en");
  });
});

describe("zod messages as codes", () => {
  it("a failed parse carries the key and is translated at the edge", () => {
    const form = new FormData();
    form.set("locale", "xx");
    const parsed = parseForm(form, LanguageChoiceSchema);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors.locale).toEqual(["errors.language.unknown"]);
    const ko = translateFailure(createTranslator("ko", messagesFor("ko")), parsed);
    expect(ko.fieldErrors.locale).toEqual(["목록에 있는 언어 중 하나를 골라 주세요."]);
    const de = translateFailure(createTranslator("de", messagesFor("de")), {
      fieldErrors: { locale: ["errors.language.unknown", "An English sentence not yet converted."] },
      formErrors: [],
    });
    expect(de.fieldErrors.locale).toEqual([
      "Wählen Sie eine der Sprachen aus der Liste.",
      "An English sentence not yet converted.",
    ]);
  });
});
