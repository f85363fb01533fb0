// Which of date-holidays' entries count as holidays for deadlines, and the Seollal correction.
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { holidayOn, isSupportedCountry, isSupportedSubdivision, listSubdivisions } from "./holidays";

const de = { country: "DE", kind: "public holiday in Germany" };
const kr = { country: "KR", kind: "Korean public holiday" };

describe("holidayOn", () => {
  it.each([
    ["DE", de, "2026-12-25", "Christmas Day"],
    ["DE", de, "2026-12-26", "Boxing Day"],
    ["DE", de, "2026-12-24", null], // "bank" half-day from 14:00
    ["DE", de, "2026-12-31", null], // "bank" half-day
    ["DE", de, "2026-04-05", null], // Easter Sunday is only an "observance"
    ["US", { country: "US", kind: "" }, "2026-12-24", null], // "optional"
    ["US", { country: "US", kind: "" }, "2026-11-27", null], // day after Thanksgiving: observance federally
    ["US-CA", { country: "US", subdivision: "CA", kind: "" }, "2026-11-27", "Day after Thanksgiving Day"],
    ["US-CA", { country: "US", subdivision: "CA", kind: "" }, "2026-10-12", null], // California dropped Columbus Day
    ["US-NJ", { country: "US", subdivision: "NJ", kind: "" }, "2026-11-03", "Election Day"],
    ["GB-SCT", { country: "GB", subdivision: "SCT", kind: "" }, "2026-01-02", "January 2nd"],
    ["GB-ENG", { country: "GB", subdivision: "ENG", kind: "" }, "2026-01-02", null],
    ["GB-ENG", { country: "GB", subdivision: "ENG", kind: "" }, "2026-12-28", "Boxing Day (substitute day)"],
  ])("%s %s", (_where, calendar, date, name) => {
    expect(holidayOn(calendar, date)).toBe(name);
  });

  it("counts every day of a multi-day holiday (Chuseok 2026: 24–26 Sep)", () => {
    expect(
      ["2026-09-23", "2026-09-24", "2026-09-25", "2026-09-26", "2026-09-27"].map((d) => holidayOn(kr, d)),
    ).toEqual([null, "Korean Thanksgiving", "Korean Thanksgiving", "Korean Thanksgiving", null]);
  });

  it.each([
    // [year, the three days of Seollal per the Korean government calendar]
    [2024, ["2024-02-09", "2024-02-10", "2024-02-11"], "2024-02-13"],
    [2025, ["2025-01-28", "2025-01-29", "2025-01-30"], "2025-01-31"],
    [2026, ["2026-02-16", "2026-02-17", "2026-02-18"], "2026-02-19"],
    [2027, ["2027-02-06", "2027-02-07", "2027-02-08"], "2027-02-10"],
  ] as Array<[number, string[], string]>)(
    "Seollal %i is the day before, the day and the day after the lunar new year",
    (_year, days, after) => {
      for (const day of days) expect(holidayOn(kr, day), day).toBe("Korean New Year");
      expect(holidayOn(kr, addDays(days[0]!, -1))).toBeNull();
      expect(holidayOn(kr, after), after).toBeNull();
    },
  );

  it("keeps Seollal's substitute days (2024: Mon 12 Feb; 2027: Tue 9 Feb)", () => {
    expect(holidayOn(kr, "2024-02-12")).toBe("Korean New Year (substitute day)");
    expect(holidayOn(kr, "2027-02-09")).toBe("Korean New Year (substitute day)");
  });
});

describe("Korean election days that are public holidays by law", () => {
  it.each([
    ["2026-06-03", "Election day (9th local elections)"],
    ["2028-04-12", "Election day (23rd National Assembly election)"],
    ["2024-04-10", "Election day (22nd National Assembly election)"],
    ["2025-06-03", "Election day (21st presidential election)"],
  ])("%s is %s", (date, name) => {
    expect(holidayOn(kr, date)).toBe(name);
  });

  it("adds only the election day itself, and only to Korea's calendar", () => {
    expect(holidayOn(kr, "2026-06-02")).toBeNull();
    expect(holidayOn(kr, "2026-06-04")).toBeNull();
    expect(holidayOn(kr, "2026-06-06")).toBe("Memorial Day"); // the library's own holidays stay
    expect(holidayOn(de, "2026-06-03")).toBeNull();
  });
});

describe("countries and subdivisions", () => {
  it("knows the countries and nations the rules need", () => {
    for (const c of ["DE", "FR", "GB", "IE", "KR", "US"]) expect(isSupportedCountry(c)).toBe(true);
    expect(isSupportedCountry("XX")).toBe(false);
    expect(Object.keys(listSubdivisions("GB"))).toEqual(expect.arrayContaining(["ENG", "WLS", "SCT", "NIR"]));
    expect(isSupportedSubdivision("US", "CA")).toBe(true);
    expect(isSupportedSubdivision("DE", "BY")).toBe(true);
    expect(isSupportedSubdivision("DE", "ZZ")).toBe(false);
  });
});
