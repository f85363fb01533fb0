// Plain calendar-date arithmetic: month ends, leap years, weekdays, and instants turned into local dates.
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonthsClamped,
  calendarDateIn,
  formatDayMonth,
  formatLong,
  isIsoDate,
  monthName,
  weekday,
} from "./dates";

describe("dates", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-01-30", 1, "2026-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-12-31", 1, "2027-01-31"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2027-11-30", 3, "2028-02-29"],
    ["2026-02-28", 1, "2026-03-28"],
  ])("%s + %i month(s) = %s", (from, months, to) => {
    expect(addMonthsClamped(from, months)).toBe(to);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-03-01", 45)).toBe("2026-04-15");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("knows real dates from impossible ones", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of [
      "2027-02-29",
      "2026-02-30",
      "2026-04-31",
      "2026-00-10",
      "2026-1-1",
      "20260101",
      "",
      null,
    ]) {
      expect(isIsoDate(bad), String(bad)).toBe(false);
    }
  });

  it("names weekdays (1 Jan 2026 was a Thursday)", () => {
    expect(weekday("2026-01-01")).toBe(4);
    expect(formatLong("2026-12-28")).toBe("Monday 28 December 2026");
  });

  it("names the twelve months in English, whatever the server's locale", () => {
    expect(Array.from({ length: 12 }, (_, i) => monthName(i + 1))).toEqual([
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ]);
    expect(formatDayMonth("2027-01-05")).toBe("5 January");
    expect(() => monthName(13)).toThrow(RangeError);
  });

  it("turns an instant into the recipient's calendar date", () => {
    const instant = new Date("2026-03-01T23:30:00Z");
    expect(calendarDateIn(instant, "Asia/Seoul")).toBe("2026-03-02");
    expect(calendarDateIn(instant, "America/Los_Angeles")).toBe("2026-03-01");
    expect(calendarDateIn(instant, "Europe/Berlin")).toBe("2026-03-02");
  });
});
