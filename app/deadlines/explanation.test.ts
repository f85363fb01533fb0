// The rule in words in other languages: the same dates, numbers and skipped days as the English, written by
// the catalogues (German and Korean checked here; the catalogue test checks every language's placeholders).
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { explainDeadline } from "./engine";
import { explain } from "./explanation";

const de = createTranslator("de", messagesFor("de"));
const ko = createTranslator("ko", messagesFor("ko"));
const en = createTranslator("en", messagesFor("en"));

describe("a GDPR deadline in Germany over Christmas", () => {
  const { deadline, explanation } = explainDeadline({
    rule: "gdpr-month",
    received: "2026-11-25",
    country: "DE",
  });

  it("English from the sentences is the engine's ruleText, word for word", () => {
    expect(explain(en, explanation)).toBe(deadline.ruleText);
    expect(deadline.due).toBe("2026-12-28");
  });

  it("in German: one month, the days passed over with the library's German holiday name, the extension", () => {
    const text = explain(de, explanation);
    expect(text).toContain("DSGVO: ein Monat ab Eingang. Eingegangen am Mittwoch, 25. November 2026;");
    expect(text).toContain("einen Monat später ist Freitag, 25. Dezember 2026.");
    expect(text).toContain(
      "25. Dezember (1. Weihnachtstag, gesetzlicher Feiertag, Deutschland), 26. Dezember (Samstag), 27. Dezember (Sonntag) sind keine Werktage",
    );
    expect(text).toContain("auf den nächsten Werktag: Montag, 28. Dezember 2026.");
    expect(text).toContain("auf drei Monate ab Eingang verlängern, also bis Donnerstag, 25. Februar 2027");
    expect(text).toContain("innerhalb des ersten Monats mit Begründung");
    expect(text).not.toMatch(/Christmas|public holiday|December/);
  });

  it("in Korean: the same dates, Korean weekday and country names", () => {
    const text = explain(ko, explanation);
    expect(text).toContain("GDPR: 받은 날부터 1개월입니다. 2026년 11월 25일 수요일에 받았으므로");
    expect(text).toContain("1개월 뒤 같은 날짜는 2026년 12월 25일 금요일입니다.");
    expect(text).toContain(
      "다음 3일은 근무일이 아닙니다: 12월 25일(기독탄신일, 독일의 공휴일), 12월 26일(토요일), 12월 27일(일요일).",
    );
    expect(text).toContain("다음 근무일인 2026년 12월 28일 월요일로 미뤄집니다.");
    expect(text).toContain("3개월인 2027년 2월 25일 목요일까지 연장할 수 있지만");
  });

  it("a short month: the month's last day, in German and Korean", () => {
    const short = explainDeadline({ rule: "gdpr-month", received: "2026-01-31", country: "NL" });
    expect(short.deadline.due).toBe("2026-03-02");
    expect(explain(de, short.explanation)).toContain(
      "Februar 2026 hat keinen 31. Tag, daher endet die Frist am letzten Tag dieses Monats, Samstag, 28. Februar 2026.",
    );
    expect(explain(ko, short.explanation)).toContain(
      "2026년 2월에는 31일이 없으므로 기간은 그 달의 마지막 날인 2026년 2월 28일 토요일에 끝납니다.",
    );
  });
});

describe("a PIPA deadline on the 2026 local election day", () => {
  const { deadline, explanation } = explainDeadline({ rule: "kr-pipa-10", received: "2026-05-24" });

  it("English is unchanged", () => {
    expect(deadline.due).toBe("2026-06-04");
    expect(explain(en, explanation)).toBe(deadline.ruleText);
  });

  it("in Korean: 10 days, the day of receipt not counted, the election day by its Korean name, no extension", () => {
    const text = explain(ko, explanation);
    expect(text).toContain("받은 날부터 10일이며, 받은 날은 세지 않습니다.");
    expect(text).toContain(
      "2026년 5월 24일 일요일에 받았으므로 10일째 되는 날은 2026년 6월 3일 수요일입니다.",
    );
    expect(text).toContain("다음 1일은 근무일이 아닙니다: 6월 3일(제9회 전국동시지방선거일, 한국 공휴일).");
    expect(text).toContain("다음 날인 2026년 6월 4일 목요일로 미뤄집니다.");
    expect(text).toContain("임시공휴일");
    expect(text).toContain("연장은 없습니다.");
  });

  it("in German: the same numbers; the election day keeps its English name (the library has no German one)", () => {
    const text = explain(de, explanation);
    expect(text).toContain("10 Tage nach Eingang, der Tag des Eingangs wird nicht mitgezählt.");
    expect(text).toContain(
      "Eingegangen am Sonntag, 24. Mai 2026, daher ist der zehnte Tag Mittwoch, 3. Juni 2026.",
    );
    expect(text).toContain(
      "3. Juni (Election day (9th local elections), koreanischer gesetzlicher Feiertag) ist kein Werktag",
    );
    expect(text).toContain("Donnerstag, 4. Juni 2026.");
    expect(text).toContain("Eine Verlängerung gibt es nicht");
  });

  it("a substitute holiday: the library's Korean name, then 대체공휴일 from the catalogue", () => {
    const sub = explainDeadline({ rule: "kr-pipa-10", received: "2026-02-20" });
    expect(sub.deadline.due).toBe("2026-03-03");
    expect(explain(ko, sub.explanation)).toContain("3월 2일(3·1절 (대체공휴일), 한국 공휴일)");
    // No German name in the library: English, with the library's own "(substitute day)".
    expect(explain(de, sub.explanation)).toContain(
      "2. März (Independence Movement Day (substitute day), koreanischer",
    );
  });
});

describe("counts as plurals", () => {
  it("follow-up days: 1 Tag, 7 Tage, 7일", () => {
    const one = explainDeadline({ rule: "dmca", received: "2026-03-01", followUpDays: 1 });
    expect(explain(de, one.explanation)).toContain("fragen Sie 1 Tag nach dem Absenden nach");
    const seven = explainDeadline({ rule: "dsa-notice", received: "2026-03-01" });
    expect(explain(de, seven.explanation)).toContain("fragen Sie 7 Tage nach dem Absenden nach");
    expect(explain(ko, seven.explanation)).toContain(
      "보낸 날부터 7일 뒤에 다시 확인하세요(2026년 3월 1일 일요일에 보냄): 2026년 3월 8일 일요일.",
    );
  });
});
