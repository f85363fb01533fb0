// Dates and rules in the letter's language; references; variable paths.
import { describe, expect, it } from "vitest";
import { blankPaths } from "~/requests/compose/variables";
import { isKnownPath } from "~/requests/compose/variables.server";
import { findReference, generateReference, isReference } from "~/requests/reference";
import { formatLongDate, ruleInWords } from "./format";

describe("formatLongDate", () => {
  it.each([
    ["en", "2026-03-01", "1 March 2026"],
    ["de", "2026-03-01", "1. März 2026"],
    ["fr", "2026-03-01", "1er mars 2026"],
    ["fr", "2026-03-02", "2 mars 2026"],
    ["nl", "2026-03-01", "1 maart 2026"],
    ["ko", "2026-03-01", "2026년 3월 1일"],
  ] as const)("%s %s → %s", (lang, iso, expected) => {
    expect(formatLongDate(iso, lang)).toBe(expected);
  });

  it("passes anything that is not an ISO date through unchanged", () => {
    expect(formatLongDate("{{ dueDate }}", "de")).toBe("{{ dueDate }}");
    expect(formatLongDate("", "en")).toBe("");
    expect(formatLongDate(null, "en")).toBe("");
  });
});

describe("ruleInWords", () => {
  it("words each rule in the letter's language, English where no translation exists", () => {
    expect(ruleInWords("gdpr-month", "de")).toContain("ein Monat");
    expect(ruleInWords("kr-pipa-10", "ko")).toContain("10일");
    expect(ruleInWords("ccpa-45", "fr")).toBe(ruleInWords("ccpa-45", "en"));
  });
});

describe("references", () => {
  it("generates RX-XXXX-XX from an unambiguous alphabet and finds them in replies", () => {
    const ref = generateReference(() => new Uint8Array([7, 20, 2, 31, 9, 22]));
    expect(ref).toBe("RX-7M2Z-9P");
    expect(isReference(ref)).toBe(true);
    for (let i = 0; i < 50; i++)
      expect(generateReference()).toMatch(/^RX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(findReference("Re: Erasure request – ref RX-7KQ2-M9")).toBe("RX-7KQ2-M9");
    expect(findReference("no reference here")).toBeNull();
  });
});

describe("variable paths", () => {
  it("knows nested and list paths and nothing else", () => {
    expect(isKnownPath("requester.name")).toBe(true);
    expect(isKnownPath("exposures[].url")).toBe(true);
    expect(isKnownPath("representative.mandateDate")).toBe(true);
    expect(isKnownPath("requester.password")).toBe(false);
    expect(isKnownPath("exposures.url")).toBe(false);
  });

  it("reports blanks at their concrete location", () => {
    const v = {
      requester: { name: "", email: "a@b.example" },
      exposures: [{ url: "x" }, { url: " " }],
      representative: null,
    };
    expect(
      blankPaths(v, [
        "requester.name",
        "requester.email",
        "exposures",
        "exposures[].url",
        "representative.name",
      ]),
    ).toEqual(["requester.name", "exposures[1].url", "representative.name"]);
    expect(blankPaths({ exposures: [] }, ["exposures", "exposures[].url"])).toEqual(["exposures"]);
  });
});
