// The deadline engine: docs/legal.md §1 as one pure function from (rule, date received, recipient's country)
// to the due date, the extended due date, the acknowledgement date and the rule in words.
//
// Decisions (candidates for docs/decisions):
// - Dates are plain calendar dates ("YYYY-MM-DD"), computed as whole days (./dates), so no server time zone can
//   move them. Turning a stored instant into the recipient's date is the caller's job (`calendarDateIn`).
// - Holidays come from date-holidays, type "public", whole days only (./holidays). Its "bank" type is not
//   counted: there it means bank closures and half-days (24 Dec from 14:00 in Germany, Good Friday in Ireland),
//   not public holidays; UK bank holidays are typed "public" by the library and so do count.
// - CCPA business days skip US federal holidays and California state holidays: the union of date-holidays
//   "US" and "US"/"CA" (the CA calendar alone drops Columbus Day, which is still a federal holiday).
// - Daniel's Law business days skip US federal holidays and New Jersey state holidays (N.J.S.A. 36:1-1 legal
//   holidays such as Lincoln's Birthday, Good Friday and Election Day), the union of "US" and "US"/"NJ".
// - Weekends are Saturday and Sunday for every rule (Reg 1182/71 Art 3(4), Korean Civil Act Art 161).
// - Korea: Seollal is corrected for a known date-holidays error (./holidays), and election days that are
//   holidays by law are added (./holidays-kr). Other one-off holidays the government declares later
//   (임시공휴일) cannot be known in advance: the rule text says so rather than calling such a day a working day.
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  formatDayMonth,
  formatLong,
  type IsoDate,
  isIsoDate,
  monthName,
  weekday,
  weekdayName,
} from "./dates";
import {
  countryName,
  type HolidayCalendarSpec,
  holidayOn,
  isSupportedCountry,
  isSupportedSubdivision,
  listSubdivisions,
} from "./holidays";
import {
  DEFAULT_UK_NATION,
  MAX_FOLLOW_UP_DAYS,
  PLATFORM_VARIANTS,
  type PlatformVariant,
  RULE_IDS,
  RULES,
  type RuleId,
  UK_NATIONS,
  YOUTUBE_PRIVACY_FOLLOW_UP_DAYS,
} from "./rules";

export type { IsoDate } from "./dates";
export { calendarDateIn } from "./dates";
export { isSupportedCountry } from "./holidays";
export type { PlatformVariant, RuleId } from "./rules";
export { RULE_IDS, RULES } from "./rules";

export type DeadlineInput = {
  rule: RuleId;
  /** The day the recipient got the request (email: the day it was sent). */
  received: IsoDate;
  /**
   * Recipient's country, ISO 3166-1 alpha-2 ("DE"), or with a subdivision ("GB-SCT", "DE-BY"). Required for
   * `gdpr-month`; the other rules have a fixed calendar and only echo it (default: the rule's own country).
   */
  country?: string | null;
  /** Subdivision code (date-holidays state code): a UK nation for `uk-gdpr-month` (default ENG). */
  subdivision?: string | null;
  /** Follow-up rules (dmca, dsa-notice, platform-sla) count from this day; defaults to `received`. */
  sentOn?: IsoDate | null;
  /** Follow-up rules: days after sending (default 7, or 3 for the YouTube privacy variant). */
  followUpDays?: number | null;
  /** `platform-sla` only: "youtube-privacy" (the uploader has 48 hours, follow up at 3 days). */
  variant?: PlatformVariant | null;
};

export type DeadlineField = "due" | "extendedDue" | "acknowledgeBy";

/** A day passed over: a weekend or holiday that moved a date, or a holiday not counted as a business day. */
export type SkippedDay = { date: IsoDate; reason: string; deadline: DeadlineField };

export type Deadline = {
  rule: RuleId;
  received: IsoDate;
  /** Upper-case country code echoed back, or the rule's own country, or null (DSA, platforms). */
  country: string | null;
  /** The subdivision whose holidays were used, or null. */
  subdivision: string | null;
  due: IsoDate;
  extendedDue: IsoDate | null;
  acknowledgeBy: IsoDate | null;
  /** The rule in plain English, with the dates and every holiday that moved or was not counted. */
  ruleText: string;
  skipped: SkippedDay[];
};

export type DeadlineInputField =
  | "rule"
  | "received"
  | "country"
  | "subdivision"
  | "sentOn"
  | "followUpDays"
  | "variant";

/** Thrown for input the engine cannot use; `field` names the offending input. */
export class DeadlineInputError extends Error {
  readonly field: DeadlineInputField;
  constructor(field: DeadlineInputField, message: string) {
    super(message);
    this.name = "DeadlineInputError";
    this.field = field;
  }
}

/** The country each fixed-calendar rule belongs to, echoed when the caller gives none. */
const HOME_COUNTRY: Record<RuleId, string | null> = {
  "gdpr-month": null,
  "uk-gdpr-month": "GB",
  "ccpa-45": "US",
  "us-state-45": "US",
  "kr-pipa-10": "KR",
  "kr-icna-30": "KR",
  "nj-daniels-10": "US",
  dmca: "US",
  "dsa-notice": null,
  "platform-sla": null,
};

export function computeDeadline(input: DeadlineInput): Deadline {
  const rule = input.rule;
  if (!(RULE_IDS as readonly string[]).includes(rule)) {
    throw new DeadlineInputError(
      "rule",
      `Unknown rule "${String(rule)}"; expected one of ${RULE_IDS.join(", ")}.`,
    );
  }
  if (!isIsoDate(input.received)) {
    throw new DeadlineInputError("received", "The date received must be a real calendar date, YYYY-MM-DD.");
  }
  const received = input.received;
  const { country, subdivision } = resolvePlace(rule, input.country, input.subdivision);
  const variant = input.variant ?? null;
  if (variant !== null && !(PLATFORM_VARIANTS as readonly string[]).includes(variant)) {
    throw new DeadlineInputError("variant", `Unknown variant "${variant}"; the only one is youtube-privacy.`);
  }
  if (variant !== null && rule !== "platform-sla") {
    throw new DeadlineInputError(
      "variant",
      "The YouTube privacy option only applies to reports to a platform.",
    );
  }

  switch (rule) {
    case "gdpr-month":
    case "uk-gdpr-month":
      return monthRule(rule, received, country, subdivision);
    case "ccpa-45":
      return ccpa(received, country);
    case "us-state-45":
      return usState(received, country);
    case "kr-pipa-10":
      return krPipa(received, country);
    case "kr-icna-30":
      return krIcna(received, country);
    case "nj-daniels-10":
      return njDaniels(received, country);
    case "dmca":
    case "dsa-notice":
    case "platform-sla":
      return followUp(rule, input, country);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rules

function monthRule(
  rule: "gdpr-month" | "uk-gdpr-month",
  received: IsoDate,
  country: string | null,
  subdivision: string | null,
): Deadline {
  const calendars =
    rule === "uk-gdpr-month" ? [ukCalendar(subdivision!)] : [recipientCalendar(country!, subdivision)];
  const skipped: SkippedDay[] = [];

  const nominal = addMonthsClamped(received, 1);
  const due = rollForward(nominal, calendars, "due", skipped);
  const nominalExtended = addMonthsClamped(received, 3);
  const extendedDue = rollForward(nominalExtended, calendars, "extendedDue", skipped);

  const where = calendars[0]!.kind.replace(/^(public|bank) holiday in /, "");
  const holidayWord = rule === "uk-gdpr-month" ? "bank holiday" : "public holiday";
  const law = rule === "uk-gdpr-month" ? "UK GDPR" : "GDPR";
  const text = [
    `${law}: one month from receipt. Received ${formatLong(received)}; ${monthSentence(received, nominal, 1)}`,
    movedSentence(
      nominal,
      due,
      skipped,
      "due",
      `a Saturday, Sunday or ${holidayWord} in ${where}`,
      "working day",
    ),
    `The recipient may extend this to three months from receipt, ${extendedSentence(nominalExtended, extendedDue, skipped)}, but only if it tells you within the first month, with its reasons.`,
  ];
  return result(rule, received, country, subdivision, due, extendedDue, null, text, skipped);
}

function ccpa(received: IsoDate, country: string | null): Deadline {
  const calendars = usCalendars("CA", "California");
  const skipped: SkippedDay[] = [];
  const acknowledgeBy = addBusinessDays(received, 10, calendars, "acknowledgeBy", skipped);
  const due = addDays(received, 45);
  const extendedDue = addDays(received, 90);
  const text = [
    `California (CCPA): the business must confirm it received your request within 10 business days (Monday to Friday, not counting US federal or California state holidays), so by ${formatLong(acknowledgeBy)}.`,
    notCountedSentence(skipped, "acknowledgeBy"),
    `It must answer within 45 calendar days after receipt, not counting the day of receipt (received ${formatLong(received)}): ${formatLong(due)}. Weekends and holidays count as days and do not move this date.`,
    `With notice and a reason it may take 45 more days, 90 in all: ${formatLong(extendedDue)}.`,
  ];
  return result("ccpa-45", received, country, null, due, extendedDue, acknowledgeBy, text, skipped);
}

function usState(received: IsoDate, country: string | null): Deadline {
  const due = addDays(received, 45);
  const extendedDue = addDays(received, 90);
  const text = [
    `US state privacy law (Virginia, Colorado, Connecticut and similar): 45 calendar days after receipt, not counting the day of receipt (received ${formatLong(received)}): ${formatLong(due)}. Weekends and holidays count as days and do not move this date.`,
    `With notice it may take 45 more days, 90 in all: ${formatLong(extendedDue)}.`,
  ];
  return result("us-state-45", received, country, null, due, extendedDue, null, text, []);
}

function krPipa(received: IsoDate, country: string | null): Deadline {
  const calendars: HolidayCalendarSpec[] = [{ country: "KR", kind: "Korean public holiday" }];
  const skipped: SkippedDay[] = [];
  const nominal = addDays(received, 10);
  const due = rollForward(nominal, calendars, "due", skipped);
  const text = [
    `Korea (PIPA Art 36): 10 days after receipt, not counting the day of receipt. Received ${formatLong(received)}, so the tenth day is ${formatLong(nominal)}.`,
    movedSentence(
      nominal,
      due,
      skipped,
      "due",
      "a Saturday, Sunday or Korean public holiday known today (substitute holidays and election days included)",
      "day that is none of these",
    ),
    "If the government declares a one-off public holiday on the last day, the deadline moves to the next day that is not a holiday.",
    "There is no extension; a refusal must give its reasons and say how to object.",
  ];
  return result("kr-pipa-10", received, country, null, due, null, null, text, skipped);
}

function krIcna(received: IsoDate, country: string | null): Deadline {
  const due = addDays(received, 30);
  const text = [
    `Korea (Network Act Art 44-2): the provider must act without delay, and a temporary block lasts at most 30 days, so follow up 30 days after receipt (received ${formatLong(received)}): ${formatLong(due)}.`,
  ];
  return result("kr-icna-30", received, country, null, due, null, null, text, []);
}

function njDaniels(received: IsoDate, country: string | null): Deadline {
  const calendars = usCalendars("NJ", "New Jersey");
  const skipped: SkippedDay[] = [];
  const due = addBusinessDays(received, 10, calendars, "due", skipped);
  const text = [
    `New Jersey Daniel's Law: 10 business days after receipt (Monday to Friday, not counting US federal or New Jersey state holidays). Received ${formatLong(received)}, so due by ${formatLong(due)}.`,
    notCountedSentence(skipped, "due"),
    "There is no extension.",
  ];
  return result("nj-daniels-10", received, country, null, due, null, null, text, skipped);
}

function followUp(
  rule: "dmca" | "dsa-notice" | "platform-sla",
  input: DeadlineInput,
  country: string | null,
): Deadline {
  const sentOn = input.sentOn ?? input.received;
  if (!isIsoDate(sentOn)) {
    throw new DeadlineInputError("sentOn", "The date sent must be a real calendar date, YYYY-MM-DD.");
  }
  const variant = input.variant ?? null;
  const days =
    input.followUpDays ??
    (variant === "youtube-privacy" ? YOUTUBE_PRIVACY_FOLLOW_UP_DAYS : RULES[rule].defaultFollowUpDays!);
  if (!Number.isInteger(days) || days < 1 || days > MAX_FOLLOW_UP_DAYS) {
    throw new DeadlineInputError(
      "followUpDays",
      `Follow-up days must be a whole number from 1 to ${MAX_FOLLOW_UP_DAYS}.`,
    );
  }
  const due = addDays(sentOn, days);
  const after = `follow up ${plural(days, "day")} after sending (sent ${formatLong(sentOn)}): ${formatLong(due)}.`;
  const text =
    rule === "dmca"
      ? [
          `DMCA: the law sets no time (the provider must act "expeditiously"), so ${after}`,
          "If the uploader sends a counter-notice, the provider may put the material back 10 to 14 business days after it.",
        ]
      : rule === "dsa-notice"
        ? [`EU Digital Services Act: the platform must act "without undue delay", so ${after}`]
        : variant === "youtube-privacy"
          ? [`YouTube privacy complaint: the uploader gets 48 hours to act, so ${after}`]
          : [`The platform states no time, so ${after}`];
  return result(rule, input.received, country, null, due, null, null, text, []);
}

// ---------------------------------------------------------------------------------------------------------
// Day counting

function holidayReason(calendars: readonly HolidayCalendarSpec[], date: IsoDate): string | null {
  for (const calendar of calendars) {
    const name = holidayOn(calendar, date);
    if (name) return `${name}, ${calendar.kind}`;
  }
  return null;
}

/** Why `date` is not a working day, or null when it is one. */
function nonWorkingReason(calendars: readonly HolidayCalendarSpec[], date: IsoDate): string | null {
  const day = weekday(date);
  if (day === 0 || day === 6) return weekdayName(date);
  return holidayReason(calendars, date);
}

/** The first working day on or after `date`, recording each day passed over. */
function rollForward(
  date: IsoDate,
  calendars: readonly HolidayCalendarSpec[],
  deadline: DeadlineField,
  skipped: SkippedDay[],
): IsoDate {
  let day = date;
  for (let reason = nonWorkingReason(calendars, day); reason; reason = nonWorkingReason(calendars, day)) {
    skipped.push({ date: day, reason, deadline });
    day = addDays(day, 1);
  }
  return day;
}

/** The `count`-th business day after `start` (the start day itself is never counted). Records weekday holidays. */
function addBusinessDays(
  start: IsoDate,
  count: number,
  calendars: readonly HolidayCalendarSpec[],
  deadline: DeadlineField,
  skipped: SkippedDay[],
): IsoDate {
  let day = start;
  let counted = 0;
  while (counted < count) {
    day = addDays(day, 1);
    const dow = weekday(day);
    if (dow === 0 || dow === 6) continue;
    const reason = holidayReason(calendars, day);
    if (reason) {
      skipped.push({ date: day, reason, deadline });
      continue;
    }
    counted++;
  }
  return day;
}

// ---------------------------------------------------------------------------------------------------------
// Calendars and input

function recipientCalendar(country: string, subdivision: string | null): HolidayCalendarSpec {
  const name = countryName(country);
  if (!subdivision) return { country, kind: `public holiday in ${name}` };
  const sub = listSubdivisions(country)[subdivision] ?? subdivision;
  return { country, subdivision, kind: `public holiday in ${sub}, ${name}` };
}

function ukCalendar(nation: string): HolidayCalendarSpec {
  const label = UK_NATIONS.find((n) => n.code === nation)?.label ?? nation;
  // England and Wales share one set of bank holidays; say so for the default.
  const where = nation === "ENG" || nation === "WLS" ? "England and Wales" : label;
  return { country: "GB", subdivision: nation, kind: `bank holiday in ${where}` };
}

function usCalendars(state: string, stateName: string): HolidayCalendarSpec[] {
  return [
    { country: "US", kind: "US federal holiday" },
    { country: "US", subdivision: state, kind: `${stateName} state holiday` },
  ];
}

function resolvePlace(
  rule: RuleId,
  rawCountry: string | null | undefined,
  rawSubdivision: string | null | undefined,
): { country: string | null; subdivision: string | null } {
  let country = rawCountry?.trim().toUpperCase() || null;
  let subdivision = rawSubdivision?.trim().toUpperCase() || null;
  if (country?.includes("-")) {
    const [c, s] = country.split("-", 2);
    country = c ?? null;
    subdivision ??= s || null;
  }
  if (country !== null && (!/^[A-Z]{2}$/.test(country) || !isSupportedCountry(country))) {
    throw new DeadlineInputError(
      "country",
      `Unknown country "${rawCountry}"; use an ISO 3166-1 code such as DE or GB.`,
    );
  }

  if (rule === "gdpr-month") {
    if (!country)
      throw new DeadlineInputError(
        "country",
        "Choose the recipient's country: a GDPR deadline skips its public holidays.",
      );
    if (subdivision !== null && !isSupportedSubdivision(country, subdivision)) {
      throw new DeadlineInputError("subdivision", `Unknown subdivision "${subdivision}" of ${country}.`);
    }
    return { country, subdivision };
  }
  if (rule === "uk-gdpr-month") {
    // A nation given with another country ("DE" + "SCT") is still a UK nation: the rule fixes the calendar.
    const nation = subdivision ?? DEFAULT_UK_NATION;
    if (!UK_NATIONS.some((n) => n.code === nation)) {
      throw new DeadlineInputError(
        "subdivision",
        `Unknown UK nation "${nation}"; use ${UK_NATIONS.map((n) => n.code).join(", ")}.`,
      );
    }
    return { country: country ?? "GB", subdivision: nation };
  }
  return { country: country ?? HOME_COUNTRY[rule], subdivision: null };
}

// ---------------------------------------------------------------------------------------------------------
// Wording

function result(
  rule: RuleId,
  received: IsoDate,
  country: string | null,
  subdivision: string | null,
  due: IsoDate,
  extendedDue: IsoDate | null,
  acknowledgeBy: IsoDate | null,
  sentences: readonly string[],
  skipped: SkippedDay[],
): Deadline {
  const ruleText = sentences.filter(Boolean).join(" ");
  return { rule, received, country, subdivision, due, extendedDue, acknowledgeBy, ruleText, skipped };
}

/** "the same day one month later is …" or, when clamped, why the month's last day counts. */
function monthSentence(received: IsoDate, nominal: IsoDate, months: number): string {
  const day = Number(received.slice(8, 10));
  const year = Number(nominal.slice(0, 4));
  const month = Number(nominal.slice(5, 7));
  if (day > daysInMonth(year, month)) {
    return `${monthName(month)} ${year} has no day ${day}, so the period ends on that month's last day, ${formatLong(nominal)}.`;
  }
  return `the same day-number ${months === 1 ? "one month" : plural(months, "month")} later is ${formatLong(nominal)}.`;
}

function describeDays(skipped: readonly SkippedDay[]): string {
  return skipped.map((s) => `${formatDayMonth(s.date)} (${s.reason})`).join(", ");
}

function movedSentence(
  nominal: IsoDate,
  due: IsoDate,
  skipped: readonly SkippedDay[],
  deadline: DeadlineField,
  notAllowed: string,
  next: string,
): string {
  if (nominal === due) return `That is not ${notAllowed}, so the answer is due by ${formatLong(due)}.`;
  const days = skipped.filter((s) => s.deadline === deadline);
  return `That day cannot be the last day: ${describeDays(days)} ${days.length === 1 ? "is not a working day" : "are not working days"}, so the deadline moves to the next ${next}: ${formatLong(due)}.`;
}

function extendedSentence(nominal: IsoDate, extended: IsoDate, skipped: readonly SkippedDay[]): string {
  if (nominal === extended) return formatLong(extended);
  const days = skipped.filter((s) => s.deadline === "extendedDue");
  return `${formatLong(extended)} (moved from ${formatDayMonth(nominal)} past ${describeDays(days)})`;
}

function notCountedSentence(skipped: readonly SkippedDay[], deadline: DeadlineField): string {
  const days = skipped.filter((s) => s.deadline === deadline);
  if (days.length === 0) return "";
  return `Holidays not counted as business days: ${describeDays(days)}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
