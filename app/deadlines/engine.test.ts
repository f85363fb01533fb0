// Deadline tables for every docs/legal.md §1 rule, hand-checked against a real calendar (weekdays checked with
// `node -e`, holidays against the official lists: Germany, gov.uk bank holidays, Korean 관공서 공휴일, CalHR,
// N.J.S.A. 36:1-1), plus properties that must hold for any date.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, weekday } from "./dates";
import {
  computeDeadline,
  type DeadlineInput,
  DeadlineInputError,
  RULE_IDS,
  RULES,
  type RuleId,
} from "./engine";
import { holidayOn } from "./holidays";

type Row = {
  story: string;
  input: DeadlineInput;
  due: string;
  extendedDue?: string | null;
  acknowledgeBy?: string | null;
  /** Holidays the rule text must name (they moved a date or were not counted). */
  mentions?: string[];
};

function check(row: Row) {
  const result = computeDeadline(row.input);
  expect(result.due).toBe(row.due);
  if (row.extendedDue !== undefined) expect(result.extendedDue).toBe(row.extendedDue);
  if (row.acknowledgeBy !== undefined) expect(result.acknowledgeBy).toBe(row.acknowledgeBy);
  for (const words of row.mentions ?? []) expect(result.ruleText).toContain(words);
  expect(result.rule).toBe(row.input.rule);
  expect(result.received).toBe(row.input.received);
}

const gdprMonth: Row[] = [
  {
    story: "Germany: 25 Nov 2026 → Fri 25 Dec (Christmas), Sat 26 (Boxing Day too), Sun 27 → Mon 28 Dec",
    input: { rule: "gdpr-month", received: "2026-11-25", country: "DE" },
    due: "2026-12-28",
    extendedDue: "2027-02-25",
    mentions: ["Christmas Day, public holiday in Germany", "Monday 28 December 2026"],
  },
  {
    story: "31 Jan in a non-leap year ends on 28 Feb; 2026's is a Saturday → Mon 2 Mar",
    input: { rule: "gdpr-month", received: "2026-01-31", country: "FR" },
    due: "2026-03-02",
    extendedDue: "2026-04-30",
    mentions: ["February 2026 has no day 31"],
  },
  {
    story: "31 Jan 2027 (non-leap) → Sun 28 Feb → Mon 1 Mar; extension Fri 30 Apr",
    input: { rule: "gdpr-month", received: "2027-01-31", country: "DE" },
    due: "2027-03-01",
    extendedDue: "2027-04-30",
  },
  {
    story: "31 Jan 2028 (leap year) → Tue 29 Feb; extension Sun 30 Apr → Mon 1 May (Labour Day) → Tue 2 May",
    input: { rule: "gdpr-month", received: "2028-01-31", country: "DE" },
    due: "2028-02-29",
    extendedDue: "2028-05-02",
    mentions: ["Labour Day"],
  },
  {
    story: "29 Feb 2028 → 29 Mar (Wed); extension 29 May (Mon, no German holiday in 2028)",
    input: { rule: "gdpr-month", received: "2028-02-29", country: "DE" },
    due: "2028-03-29",
    extendedDue: "2028-05-29",
  },
  {
    story: "31 Mar → 30 Apr (Thu); extension 30 Jun (Tue)",
    input: { rule: "gdpr-month", received: "2026-03-31", country: "DE" },
    due: "2026-04-30",
    extendedDue: "2026-06-30",
  },
  {
    story: "31 May → 30 Jun (Tue); extension 31 Aug (Mon)",
    input: { rule: "gdpr-month", received: "2026-05-31", country: "DE" },
    due: "2026-06-30",
    extendedDue: "2026-08-31",
  },
  {
    story: "31 Aug → 30 Sep (Wed); extension 30 Nov (Mon)",
    input: { rule: "gdpr-month", received: "2026-08-31", country: "DE" },
    due: "2026-09-30",
    extendedDue: "2026-11-30",
  },
  {
    story: "31 Oct → 30 Nov (Mon); extension 31 Jan 2027 is a Sunday → Mon 1 Feb",
    input: { rule: "gdpr-month", received: "2026-10-31", country: "DE" },
    due: "2026-11-30",
    extendedDue: "2027-02-01",
  },
  {
    story: "31 Dec crosses the year: 31 Jan 2027 (Sun) → Mon 1 Feb; extension Wed 31 Mar 2027",
    input: { rule: "gdpr-month", received: "2026-12-31", country: "DE" },
    due: "2027-02-01",
    extendedDue: "2027-03-31",
  },
  {
    story: "received on a Saturday: 14 Mar → Tue 14 Apr; extension Sun 14 Jun → Mon 15 Jun",
    input: { rule: "gdpr-month", received: "2026-03-14", country: "DE" },
    due: "2026-04-14",
    extendedDue: "2026-06-15",
  },
  {
    story: "Germany, Easter 2026: 3 Apr Good Friday, weekend, 6 Apr Easter Monday → Tue 7 Apr",
    input: { rule: "gdpr-month", received: "2026-03-03", country: "DE" },
    due: "2026-04-07",
    mentions: ["Good Friday", "Easter Monday"],
  },
  {
    story: "Germany, Day of German Unity 2025 (Fri 3 Oct) → Mon 6 Oct",
    input: { rule: "gdpr-month", received: "2025-09-03", country: "DE" },
    due: "2025-10-06",
  },
  {
    story: "Germany: 24 Dec is only a bank half-day (not a public holiday), so Thu 24 Dec 2026 stands",
    input: { rule: "gdpr-month", received: "2026-11-24", country: "DE" },
    due: "2026-12-24",
  },
  {
    story:
      "France: Ascension (Thu 14 May 2026) → Fri 15 May; extension Bastille Day (Tue 14 Jul) → Wed 15 Jul",
    input: { rule: "gdpr-month", received: "2026-04-14", country: "FR" },
    due: "2026-05-15",
    extendedDue: "2026-07-15",
  },
  {
    story: "Germany does not keep 14 July: Tue 14 Jul 2026 stands",
    input: { rule: "gdpr-month", received: "2026-06-14", country: "DE" },
    due: "2026-07-14",
  },
  {
    story: "Bavaria keeps Epiphany: 6 Jan 2027 (Wed) → Thu 7 Jan",
    input: { rule: "gdpr-month", received: "2026-12-06", country: "DE", subdivision: "BY" },
    due: "2027-01-07",
    mentions: ["Bayern"],
  },
  {
    story: "Germany as a whole does not keep Epiphany: Wed 6 Jan 2027 stands",
    input: { rule: "gdpr-month", received: "2026-12-06", country: "DE" },
    due: "2027-01-06",
  },
  {
    story: "country given as DE-BY means the same as country DE + subdivision BY",
    input: { rule: "gdpr-month", received: "2026-12-06", country: "de-by" },
    due: "2027-01-07",
  },
  {
    story: "Ireland: St Patrick's Day (Tue 17 Mar 2026) → Wed 18 Mar",
    input: { rule: "gdpr-month", received: "2026-02-17", country: "IE" },
    due: "2026-03-18",
  },
];

const ukGdprMonth: Row[] = [
  {
    story: "England and Wales: Easter Monday 6 Apr 2026 → Tue 7 Apr",
    input: { rule: "uk-gdpr-month", received: "2026-03-06", country: "GB" },
    due: "2026-04-07",
    mentions: ["Easter Monday, bank holiday in England and Wales"],
  },
  {
    story: "England: Good Friday 3 Apr 2026, weekend, Easter Monday → Tue 7 Apr",
    input: { rule: "uk-gdpr-month", received: "2026-03-03" },
    due: "2026-04-07",
  },
  {
    story: "England: Early May bank holiday (Mon 4 May 2026) → Tue 5 May",
    input: { rule: "uk-gdpr-month", received: "2026-04-04", country: "GB" },
    due: "2026-05-05",
  },
  {
    story: "England: Spring bank holiday (Mon 25 May 2026) → Tue 26 May",
    input: { rule: "uk-gdpr-month", received: "2026-04-25", country: "GB" },
    due: "2026-05-26",
    mentions: ["Spring bank holiday"],
  },
  {
    story: "extension lands on the Spring bank holiday: 25 Feb → due Wed 25 Mar, extended Tue 26 May",
    input: { rule: "uk-gdpr-month", received: "2026-02-25", country: "GB" },
    due: "2026-03-25",
    extendedDue: "2026-05-26",
  },
  {
    story: "England: 2 Jan 2029 (Tue) is a working day",
    input: { rule: "uk-gdpr-month", received: "2028-12-02", country: "GB", subdivision: "ENG" },
    due: "2029-01-02",
  },
  {
    story: "Scotland keeps 2 January: Tue 2 Jan 2029 → Wed 3 Jan",
    input: { rule: "uk-gdpr-month", received: "2028-12-02", country: "GB", subdivision: "SCT" },
    due: "2029-01-03",
    mentions: ["bank holiday in Scotland"],
  },
  {
    story: "Scotland's summer bank holiday is the first Monday of August (3 Aug 2026) → Tue 4 Aug",
    input: { rule: "uk-gdpr-month", received: "2026-07-03", country: "GB-SCT" },
    due: "2026-08-04",
  },
  {
    story: "England's summer bank holiday is the last Monday of August (31 Aug 2026) → Tue 1 Sep",
    input: { rule: "uk-gdpr-month", received: "2026-07-31", country: "GB" },
    due: "2026-09-01",
  },
  {
    story: "…which Scotland does not keep: Mon 31 Aug 2026 stands",
    input: { rule: "uk-gdpr-month", received: "2026-07-31", country: "GB", subdivision: "SCT" },
    due: "2026-08-31",
  },
  {
    story: "Northern Ireland: St Patrick's Day (Tue 17 Mar 2026) → Wed 18 Mar",
    input: { rule: "uk-gdpr-month", received: "2026-02-17", country: "GB", subdivision: "NIR" },
    due: "2026-03-18",
  },
  {
    story: "England does not keep St Patrick's Day: Tue 17 Mar 2026 stands",
    input: { rule: "uk-gdpr-month", received: "2026-02-17", country: "GB" },
    due: "2026-03-17",
  },
  {
    story: "Boxing Day 2026 is a Saturday; its substitute Mon 28 Dec is a bank holiday → Tue 29 Dec",
    input: { rule: "uk-gdpr-month", received: "2026-11-26", country: "GB" },
    due: "2026-12-29",
    mentions: ["substitute"],
  },
  {
    story: "Christmas 2027 on a Saturday: substitutes Mon 27 and Tue 28 Dec → Wed 29 Dec",
    input: { rule: "uk-gdpr-month", received: "2027-11-25", country: "GB" },
    due: "2027-12-29",
  },
];

const ccpa45: Row[] = [
  {
    story:
      "received 1 Mar → due 15 Apr (receipt day not counted); acknowledge by Fri 13 Mar; extended 30 May",
    input: { rule: "ccpa-45", received: "2026-03-01", country: "US" },
    due: "2026-04-15",
    extendedDue: "2026-05-30",
    acknowledgeBy: "2026-03-13",
  },
  {
    story: "Thanksgiving: Thu 26 and (California) Fri 27 Nov not counted → acknowledge by Tue 8 Dec",
    input: { rule: "ccpa-45", received: "2026-11-20", country: "US" },
    due: "2027-01-04",
    extendedDue: "2027-02-18",
    acknowledgeBy: "2026-12-08",
    mentions: [
      "Thanksgiving Day, US federal holiday",
      "Day after Thanksgiving Day, California state holiday",
    ],
  },
  {
    story: "Columbus Day is federal (California dropped it, the union keeps it) → acknowledge by Tue 20 Oct",
    input: { rule: "ccpa-45", received: "2026-10-05", country: "US" },
    due: "2026-11-19",
    extendedDue: "2027-01-03",
    acknowledgeBy: "2026-10-20",
    mentions: ["Columbus Day"],
  },
  {
    story: "César Chávez Day (Tue 31 Mar, California) not counted → acknowledge by Mon 13 Apr",
    input: { rule: "ccpa-45", received: "2026-03-27", country: "US" },
    due: "2026-05-11",
    extendedDue: "2026-06-25",
    acknowledgeBy: "2026-04-13",
  },
  {
    story: "year end: 24 Dec counts (optional only), 25 Dec and 1 Jan do not → acknowledge by Tue 5 Jan 2027",
    input: { rule: "ccpa-45", received: "2026-12-18", country: "US" },
    due: "2027-02-01",
    acknowledgeBy: "2027-01-05",
  },
  {
    story: "leap year: 20 Jan 2028 + 45 days = Sun 5 Mar 2028, and weekends do not move it",
    input: { rule: "ccpa-45", received: "2028-01-20", country: "US" },
    due: "2028-03-05",
    extendedDue: "2028-04-19",
  },
  {
    story: "non-leap year: 20 Jan 2027 + 45 days = Sat 6 Mar 2027",
    input: { rule: "ccpa-45", received: "2027-01-20" },
    due: "2027-03-06",
  },
];

const usState45: Row[] = [
  {
    story: "received 1 Mar → due 15 Apr; extended 30 May",
    input: { rule: "us-state-45", received: "2026-03-01", country: "US" },
    due: "2026-04-15",
    extendedDue: "2026-05-30",
    acknowledgeBy: null,
  },
  {
    story: "across the year: 20 Dec 2026 → 3 Feb 2027; extended 20 Mar 2027",
    input: { rule: "us-state-45", received: "2026-12-20", country: "US" },
    due: "2027-02-03",
    extendedDue: "2027-03-20",
  },
];

const krPipa10: Row[] = [
  {
    story: "plain: Mon 6 Apr 2026 + 10 = Thu 16 Apr",
    input: { rule: "kr-pipa-10", received: "2026-04-06", country: "KR" },
    due: "2026-04-16",
    extendedDue: null,
  },
  {
    story: "weekend: Wed 4 Mar + 10 = Sat 14 Mar → Mon 16 Mar",
    input: { rule: "kr-pipa-10", received: "2026-03-04", country: "KR" },
    due: "2026-03-16",
  },
  {
    story: "Seollal 2026 is 16–18 Feb (the day before, the day, the day after): Mon 16 Feb → Thu 19 Feb",
    input: { rule: "kr-pipa-10", received: "2026-02-06", country: "KR" },
    due: "2026-02-19",
    mentions: ["Korean New Year"],
  },
  {
    story: "19 Feb 2026 is an ordinary Thursday (date-holidays wrongly lists it; corrected)",
    input: { rule: "kr-pipa-10", received: "2026-02-09", country: "KR" },
    due: "2026-02-19",
  },
  {
    story: "Seollal 2028 is 26–28 Jan (Korea's new moon falls a day after China's): Wed 26 Jan → Mon 31 Jan",
    input: { rule: "kr-pipa-10", received: "2028-01-16", country: "KR" },
    due: "2028-01-31",
  },
  {
    story: "Chuseok 2026 is Thu 24 – Sat 26 Sep (no substitute for a Saturday), then Sunday → Mon 28 Sep",
    input: { rule: "kr-pipa-10", received: "2026-09-14", country: "KR" },
    due: "2026-09-28",
    mentions: ["Korean Thanksgiving"],
  },
  {
    story: "Chuseok 2025 (Sun 5 – Tue 7 Oct), its substitute Wed 8 Oct, Hangul Day Thu 9 Oct → Fri 10 Oct",
    input: { rule: "kr-pipa-10", received: "2025-09-25", country: "KR" },
    due: "2025-10-10",
    mentions: ["substitute", "Hangul Day"],
  },
  {
    story: "Liberation Day 2026 is a Saturday; substitute holiday Mon 17 Aug → Tue 18 Aug",
    input: { rule: "kr-pipa-10", received: "2026-08-05", country: "KR" },
    due: "2026-08-18",
  },
  {
    story: "Constitution Day is a public holiday again from 2026: Fri 17 Jul → Mon 20 Jul",
    input: { rule: "kr-pipa-10", received: "2026-07-07" },
    due: "2026-07-20",
  },
  {
    story:
      "Sun 24 May 2026 + 10 = Wed 3 Jun, the 9th local elections' day, a public holiday by law → Thu 4 Jun",
    input: { rule: "kr-pipa-10", received: "2026-05-24", country: "KR" },
    due: "2026-06-04",
    mentions: ["3 June (Election day (9th local elections), Korean public holiday)"],
  },
  {
    story: "Sat 23 May 2026 + 10 = Tue 2 Jun, an ordinary day before the election day → due that day",
    input: { rule: "kr-pipa-10", received: "2026-05-23", country: "KR" },
    due: "2026-06-02",
    // Never "not a holiday" outright: a one-off holiday declared later would make that false.
    mentions: ["Korean public holiday known today", "one-off public holiday"],
  },
  {
    story: "Wed 12 Apr 2028 is the 23rd National Assembly election's day: → Thu 13 Apr",
    input: { rule: "kr-pipa-10", received: "2028-04-02", country: "KR" },
    due: "2028-04-13",
    mentions: ["Election day (23rd National Assembly election)"],
  },
];

const otherRules: Row[] = [
  {
    story: "Korea Network Act: follow up 30 days after receipt, no rollover (Sun 8 Mar 2026)",
    input: { rule: "kr-icna-30", received: "2026-02-06", country: "KR" },
    due: "2026-03-08",
    extendedDue: null,
    acknowledgeBy: null,
  },
  {
    story: "Daniel's Law: Election Day (NJ) and Veterans Day not counted → Tue 17 Nov 2026",
    input: { rule: "nj-daniels-10", received: "2026-11-01", country: "US" },
    due: "2026-11-17",
    extendedDue: null,
    mentions: ["Election Day, New Jersey state holiday", "Veterans Day, US federal holiday"],
  },
  {
    story: "Daniel's Law: Lincoln's Birthday (NJ) and Presidents Day not counted → Wed 25 Feb 2026",
    input: { rule: "nj-daniels-10", received: "2026-02-09" },
    due: "2026-02-25",
  },
  {
    story: "Daniel's Law: Good Friday is a New Jersey holiday → Tue 14 Apr 2026",
    input: { rule: "nj-daniels-10", received: "2026-03-30" },
    due: "2026-04-14",
  },
  {
    story: "DMCA: follow up 7 days after sending",
    input: { rule: "dmca", received: "2026-03-01" },
    due: "2026-03-08",
    extendedDue: null,
  },
  {
    story: "DMCA: the user chose 14 days",
    input: { rule: "dmca", received: "2026-03-01", followUpDays: 14 },
    due: "2026-03-15",
    mentions: ["14 days"],
  },
  {
    story: "DMCA: counted from the day it was sent when that differs",
    input: { rule: "dmca", received: "2026-03-01", sentOn: "2026-03-03" },
    due: "2026-03-10",
  },
  {
    story: "DSA notice: 7 days, across the year end",
    input: { rule: "dsa-notice", received: "2026-12-28", country: "DE" },
    due: "2027-01-04",
  },
  {
    story: "platform with no stated time: 7 days",
    input: { rule: "platform-sla", received: "2026-02-27" },
    due: "2026-03-06",
  },
  {
    story: "YouTube privacy complaint: 3 days (27 Feb 2026 → 2 Mar)",
    input: { rule: "platform-sla", received: "2026-02-27", variant: "youtube-privacy" },
    due: "2026-03-02",
    mentions: ["48 hours"],
  },
  {
    story: "YouTube variant with the user's own number of days",
    input: { rule: "platform-sla", received: "2026-02-27", variant: "youtube-privacy", followUpDays: 5 },
    due: "2026-03-04",
  },
];

describe("gdpr-month: one month, Sat/Sun/public holidays of the recipient's country roll forward", () => {
  it.each(gdprMonth)("$story", check);
});

describe("uk-gdpr-month: the same month rule with UK bank holidays of a nation", () => {
  it.each(ukGdprMonth)("$story", check);
});

describe("ccpa-45: 45 calendar days, acknowledgement in 10 business days (US federal + California)", () => {
  it.each(ccpa45)("$story", check);
});

describe("us-state-45: 45 calendar days, +45", () => {
  it.each(usState45)("$story", check);
});

describe("kr-pipa-10: 10 days, Sat/Sun/Korean public holidays roll forward", () => {
  it.each(krPipa10)("$story", check);
});

describe("kr-icna-30, nj-daniels-10 and the follow-up rules", () => {
  it.each(otherRules)("$story", check);
});

describe("the result", () => {
  it("has every field the API and the page show", () => {
    const result = computeDeadline({ rule: "gdpr-month", received: "2026-11-25", country: "de" });
    expect(result).toEqual({
      rule: "gdpr-month",
      received: "2026-11-25",
      country: "DE",
      subdivision: null,
      due: "2026-12-28",
      extendedDue: "2027-02-25",
      acknowledgeBy: null,
      ruleText: expect.stringContaining("one month"),
      skipped: [
        { date: "2026-12-25", reason: "Christmas Day, public holiday in Germany", deadline: "due" },
        { date: "2026-12-26", reason: "Saturday", deadline: "due" },
        { date: "2026-12-27", reason: "Sunday", deadline: "due" },
      ],
    });
  });

  it("says when no holiday moved anything", () => {
    const result = computeDeadline({ rule: "gdpr-month", received: "2026-03-31", country: "DE" });
    expect(result.skipped).toEqual([]);
    expect(result.ruleText).toContain("Thursday 30 April 2026");
  });

  it("echoes the rule's own country when none is given, and null where no country applies", () => {
    expect(computeDeadline({ rule: "ccpa-45", received: "2026-03-01" }).country).toBe("US");
    expect(computeDeadline({ rule: "kr-pipa-10", received: "2026-03-01" }).country).toBe("KR");
    expect(computeDeadline({ rule: "uk-gdpr-month", received: "2026-03-01" })).toMatchObject({
      country: "GB",
      subdivision: "ENG",
    });
    expect(computeDeadline({ rule: "dsa-notice", received: "2026-03-01" }).country).toBeNull();
  });

  it("has an acknowledgement date only for CCPA and an extension only where the law allows one", () => {
    for (const rule of RULE_IDS) {
      const result = computeDeadline({ rule, received: "2026-06-10", country: "DE" });
      expect(result.acknowledgeBy !== null, rule).toBe(RULES[rule].acknowledgement);
      expect(result.extendedDue !== null, rule).toBe(RULES[rule].extension);
      expect(result.ruleText.length, rule).toBeGreaterThan(40);
    }
  });
});

describe("bad input is refused, naming the field", () => {
  const bad: Array<[string, DeadlineInput, string]> = [
    ["30 February", { rule: "gdpr-month", received: "2026-02-30", country: "DE" }, "received"],
    ["month 13", { rule: "gdpr-month", received: "2026-13-01", country: "DE" }, "received"],
    ["not a date", { rule: "ccpa-45", received: "1 March 2026" }, "received"],
    ["29 Feb in a non-leap year", { rule: "ccpa-45", received: "2027-02-29" }, "received"],
    ["unknown rule", { rule: "gdpr-week" as RuleId, received: "2026-03-01" }, "rule"],
    ["GDPR without a country", { rule: "gdpr-month", received: "2026-03-01" }, "country"],
    ["unknown country", { rule: "gdpr-month", received: "2026-03-01", country: "XX" }, "country"],
    ["three-letter country", { rule: "gdpr-month", received: "2026-03-01", country: "DEU" }, "country"],
    [
      "unknown Land",
      { rule: "gdpr-month", received: "2026-03-01", country: "DE", subdivision: "ZZ" },
      "subdivision",
    ],
    [
      "unknown UK nation",
      { rule: "uk-gdpr-month", received: "2026-03-01", subdivision: "CA" },
      "subdivision",
    ],
    ["zero follow-up days", { rule: "dmca", received: "2026-03-01", followUpDays: 0 }, "followUpDays"],
    [
      "fractional follow-up days",
      { rule: "dmca", received: "2026-03-01", followUpDays: 2.5 },
      "followUpDays",
    ],
    [
      "YouTube variant on a DMCA notice",
      { rule: "dmca", received: "2026-03-01", variant: "youtube-privacy" },
      "variant",
    ],
    [
      "YouTube variant on a GDPR request",
      { rule: "gdpr-month", received: "2026-03-01", country: "DE", variant: "youtube-privacy" },
      "variant",
    ],
    ["bad date sent", { rule: "dsa-notice", received: "2026-03-01", sentOn: "2026-02-31" }, "sentOn"],
  ];
  it.each(bad)("%s", (_story, input, field) => {
    expect(() => computeDeadline(input)).toThrowError(DeadlineInputError);
    try {
      computeDeadline(input);
    } catch (error) {
      expect((error as DeadlineInputError).field).toBe(field);
    }
  });
});

describe("properties for any date from 2000 to 2099", () => {
  const dateArb = fc
    .date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2099-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const countries = ["DE", "FR", "IE", "IT", "ES", "NL", "PL", "SE", "AT", "BE", "GB", "US", "KR"];

  const isHoliday = (country: string, subdivision: string | undefined, date: string) =>
    holidayOn({ country, subdivision, kind: "" }, date) !== null;
  const isWeekendDay = (date: string) => weekday(date) === 0 || weekday(date) === 6;

  it("gdpr-month: due is a working day in the recipient's country, at most 10 days after the month's end", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...countries), (received, country) => {
        const r = computeDeadline({ rule: "gdpr-month", received, country });
        for (const date of [r.due, r.extendedDue!]) {
          expect(isIsoDate(date)).toBe(true);
          expect(isWeekendDay(date)).toBe(false);
          expect(isHoliday(country, undefined, date)).toBe(false);
        }
        expect(r.due > received).toBe(true);
        expect(r.extendedDue! > r.due).toBe(true);
        // One month is 28–31 days; rollovers add at most a long holiday stretch.
        const days = (Date.parse(r.due) - Date.parse(received)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(41);
        // Every day between the nominal date and the due date was recorded as skipped.
        for (const s of r.skipped) expect(s.date < r.due || s.deadline === "extendedDue").toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it("uk-gdpr-month: due is never a weekend or a bank holiday of the chosen nation", () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom("ENG", "WLS", "SCT", "NIR"), (received, nation) => {
        const r = computeDeadline({ rule: "uk-gdpr-month", received, country: "GB", subdivision: nation });
        for (const date of [r.due, r.extendedDue!]) {
          expect(isWeekendDay(date)).toBe(false);
          expect(isHoliday("GB", nation, date)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("kr-pipa-10: due is 10+ days later and never a Saturday, Sunday or Korean public holiday", () => {
    fc.assert(
      fc.property(dateArb, (received) => {
        const r = computeDeadline({ rule: "kr-pipa-10", received });
        expect(isWeekendDay(r.due)).toBe(false);
        expect(isHoliday("KR", undefined, r.due)).toBe(false);
        expect(r.due >= addDays(received, 10)).toBe(true);
        expect(r.due <= addDays(received, 20)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("ccpa-45: due is exactly 45 days, extension 90; acknowledgement is a business day before the due date", () => {
    fc.assert(
      fc.property(dateArb, (received) => {
        const r = computeDeadline({ rule: "ccpa-45", received });
        expect(r.due).toBe(addDays(received, 45));
        expect(r.extendedDue).toBe(addDays(received, 90));
        const ack = r.acknowledgeBy!;
        expect(isWeekendDay(ack)).toBe(false);
        expect(isHoliday("US", undefined, ack) || isHoliday("US", "CA", ack)).toBe(false);
        expect(ack >= addDays(received, 12)).toBe(true); // 10 business days need at least 12 calendar days
        expect(ack < r.due).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("every rule: dates are real and due ≥ received, extended ≥ due", () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom(...RULE_IDS),
        fc.constantFrom(...countries),
        (received, rule, country) => {
          const r = computeDeadline({ rule, received, country });
          expect(isIsoDate(r.due)).toBe(true);
          expect(r.due > received).toBe(true);
          if (r.extendedDue) expect(r.extendedDue > r.due).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("speed", () => {
  it("computes 5,000 deadlines well within a second once calendars are warm", () => {
    const rules: RuleId[] = ["gdpr-month", "uk-gdpr-month", "ccpa-45", "kr-pipa-10", "nj-daniels-10"];
    const run = () => {
      for (let i = 0; i < 5000; i++) {
        const received = addDays("2026-01-01", i % 730);
        computeDeadline({ rule: rules[i % rules.length]!, received, country: "DE" });
      }
    };
    run(); // loads each calendar's years once
    const start = performance.now();
    run();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("rule sources and words (docs/legal.md §1)", () => {
  it("cites DSA Art 16(5) for 'without undue delay' and never calls the sender's follow-up date a legal deadline", () => {
    const dsa = RULES["dsa-notice"];
    expect(dsa.source).toMatch(/Art 16\(5\)/);
    expect(dsa.description).toMatch(/not a legal deadline/);
    for (const id of ["dmca", "dsa-notice", "platform-sla", "kr-icna-30"] as const) {
      expect(RULES[id].description, id).not.toMatch(/\bdeadline (is|was)\b/i);
    }
  });
});
