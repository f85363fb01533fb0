import { describe, expect, it } from "vitest";
import { formatDay } from "./dates";
import { messagesFor } from "./locale.server";
import { createTranslator } from "./translate";

describe("days and counts in the page's language", () => {
  it("writes a stored day in each language, the same day whatever the machine's time zone", () => {
    expect(formatDay("en", "2026-12-04")).toBe("4 December 2026");
    expect(formatDay("de", "2026-12-04")).toBe("4. Dezember 2026");
    expect(formatDay("fr", "2026-12-04", "long")).toBe("4 décembre 2026");
    expect(formatDay("nl", "2026-01-31", "short")).toBe("31 jan");
    expect(formatDay("ko", "2026-12-04")).toBe("2026년 12월 4일");
    // A timestamp keeps its calendar day; something that is not a day is shown as it came.
    expect(formatDay("en", "2026-12-31T23:30:00Z", "short")).toBe("31 Dec");
    expect(formatDay("en", "soon")).toBe("soon");
  });

  it("counts places with each language's plural rules", () => {
    const count = (locale: "en" | "fr" | "ko", n: number) =>
      createTranslator(locale, messagesFor(locale)).t("dashboard.case.places", { count: n });
    expect([count("en", 1), count("en", 3)]).toEqual(["1 place recorded", "3 places recorded"]);
    expect([count("fr", 1), count("fr", 0), count("fr", 2)]).toEqual([
      "1 endroit noté",
      "0 endroit noté",
      "2 endroits notés",
    ]);
    expect(count("ko", 3)).toBe("기록한 곳 3곳");
  });
});
