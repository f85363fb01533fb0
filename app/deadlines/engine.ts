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
import { englishMessages } from "~/i18n/locale.server";
import { createTranslator, type MessageKey, type Translator } from "~/i18n/translate";
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  weekday,
  weekdayName,
} from "./dates";
import { type CalendarRef, type DayOff, explain, type Sentence } from "./explanation";
import {
  countryName,
  type HolidayCalendarSpec,
  holidayNameOn,
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
export type { Sentence } from "./explanation";
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

/** A deadline and its rule in words as sentences to translate (`explain` in ./explanation writes them). */
export type Explained = { deadline: Deadline; explanation: Sentence[] };

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
  return explainDeadline(input).deadline;
}

/** The deadline with its explanation as sentences, for a page that shows the rule in the reader's language. */
export function explainDeadline(input: DeadlineInput): Explained {
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
): Explained {
  const calendars =
    rule === "uk-gdpr-month" ? [ukCalendar(subdivision!)] : [recipientCalendar(country!, subdivision)];
  const skipped: Skip[] = [];

  const nominal = addMonthsClamped(received, 1);
  const due = rollForward(nominal, calendars, "due", skipped);
  const nominalExtended = addMonthsClamped(received, 3);
  const extendedDue = rollForward(nominalExtended, calendars, "extendedDue", skipped);

  const law = rule === "uk-gdpr-month" ? "uk" : "eu";
  const text: (Sentence | null)[] = [
    monthSentence(law, received, nominal),
    movedSentence(
      nominal,
      due,
      skipped,
      "due",
      {
        key: rule === "uk-gdpr-month" ? "deadlines.ukGdpr.notMoved" : "deadlines.gdpr.notMoved",
        values: { place: { place: calendars[0]!.ref }, due: { day: due } },
      },
      "deadlines.month.moved",
    ),
    extendedSentence(nominalExtended, extendedDue, skipped),
  ];
  return result(rule, received, country, subdivision, due, extendedDue, null, text, skipped);
}

function ccpa(received: IsoDate, country: string | null): Explained {
  const calendars = usCalendars("CA", "California");
  const skipped: Skip[] = [];
  const acknowledgeBy = addBusinessDays(received, 10, calendars, "acknowledgeBy", skipped);
  const due = addDays(received, 45);
  const extendedDue = addDays(received, 90);
  const text: (Sentence | null)[] = [
    { key: "deadlines.ccpa.acknowledge", values: { acknowledgeBy: { day: acknowledgeBy } } },
    notCountedSentence(skipped, "acknowledgeBy"),
    { key: "deadlines.ccpa.answer", values: { received: { day: received }, due: { day: due } } },
    { key: "deadlines.ccpa.extension", values: { extendedDue: { day: extendedDue } } },
  ];
  return result("ccpa-45", received, country, null, due, extendedDue, acknowledgeBy, text, skipped);
}

function usState(received: IsoDate, country: string | null): Explained {
  const due = addDays(received, 45);
  const extendedDue = addDays(received, 90);
  const text: (Sentence | null)[] = [
    { key: "deadlines.usState.answer", values: { received: { day: received }, due: { day: due } } },
    { key: "deadlines.usState.extension", values: { extendedDue: { day: extendedDue } } },
  ];
  return result("us-state-45", received, country, null, due, extendedDue, null, text, []);
}

function krPipa(received: IsoDate, country: string | null): Explained {
  const calendars: Calendar[] = [{ country: "KR", kind: "Korean public holiday", ref: { type: "kr" } }];
  const skipped: Skip[] = [];
  const nominal = addDays(received, 10);
  const due = rollForward(nominal, calendars, "due", skipped);
  const text: (Sentence | null)[] = [
    { key: "deadlines.pipa.start", values: { received: { day: received }, nominal: { day: nominal } } },
    movedSentence(
      nominal,
      due,
      skipped,
      "due",
      { key: "deadlines.pipa.notMoved", values: { due: { day: due } } },
      "deadlines.pipa.moved",
    ),
    { key: "deadlines.pipa.oneOffHoliday" },
    { key: "deadlines.pipa.noExtension" },
  ];
  return result("kr-pipa-10", received, country, null, due, null, null, text, skipped);
}

function krIcna(received: IsoDate, country: string | null): Explained {
  const due = addDays(received, 30);
  const text: (Sentence | null)[] = [
    { key: "deadlines.icna.followUp", values: { received: { day: received }, due: { day: due } } },
  ];
  return result("kr-icna-30", received, country, null, due, null, null, text, []);
}

function njDaniels(received: IsoDate, country: string | null): Explained {
  const calendars = usCalendars("NJ", "New Jersey");
  const skipped: Skip[] = [];
  const due = addBusinessDays(received, 10, calendars, "due", skipped);
  const text: (Sentence | null)[] = [
    { key: "deadlines.nj.due", values: { received: { day: received }, due: { day: due } } },
    notCountedSentence(skipped, "due"),
    { key: "deadlines.noExtension" },
  ];
  return result("nj-daniels-10", received, country, null, due, null, null, text, skipped);
}

function followUp(
  rule: "dmca" | "dsa-notice" | "platform-sla",
  input: DeadlineInput,
  country: string | null,
): Explained {
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
  const values = { days, sentOn: { day: sentOn }, due: { day: due } };
  const text: Sentence[] =
    rule === "dmca"
      ? [{ key: "deadlines.dmca.followUp", values }, { key: "deadlines.dmca.counterNotice" }]
      : rule === "dsa-notice"
        ? [{ key: "deadlines.dsa.followUp", values }]
        : variant === "youtube-privacy"
          ? [{ key: "deadlines.youtubePrivacy.followUp", values }]
          : [{ key: "deadlines.platform.followUp", values }];
  return result(rule, input.received, country, null, due, null, null, text, []);
}

// ---------------------------------------------------------------------------------------------------------
// Day counting

/** A holiday calendar with how the explanation names it. */
type Calendar = HolidayCalendarSpec & { ref: CalendarRef };

/** A skipped day with its reason as data, for the explanation (`because`) and in English (`reason`). */
type Skip = SkippedDay & DayOff;

function holidayOff(
  calendars: readonly Calendar[],
  date: IsoDate,
): (Skip["because"] & { reason: string }) | null {
  for (const calendar of calendars) {
    const name = holidayNameOn(calendar, date);
    if (name)
      return { type: "holiday", name, calendar: calendar.ref, reason: `${name.en}, ${calendar.kind}` };
  }
  return null;
}

/** Why `date` is not a working day, or null when it is one. */
function nonWorkingReason(
  calendars: readonly Calendar[],
  date: IsoDate,
): (Skip["because"] & { reason: string }) | null {
  const day = weekday(date);
  if (day === 0 || day === 6) return { type: "weekend", reason: weekdayName(date) };
  return holidayOff(calendars, date);
}

function skip(date: IsoDate, off: Skip["because"] & { reason: string }, deadline: DeadlineField): Skip {
  const { reason, ...because } = off;
  return { date, reason, deadline, because };
}

/** The first working day on or after `date`, recording each day passed over. */
function rollForward(
  date: IsoDate,
  calendars: readonly Calendar[],
  deadline: DeadlineField,
  skipped: Skip[],
): IsoDate {
  let day = date;
  for (let off = nonWorkingReason(calendars, day); off; off = nonWorkingReason(calendars, day)) {
    skipped.push(skip(day, off, deadline));
    day = addDays(day, 1);
  }
  return day;
}

/** The `count`-th business day after `start` (the start day itself is never counted). Records weekday holidays. */
function addBusinessDays(
  start: IsoDate,
  count: number,
  calendars: readonly Calendar[],
  deadline: DeadlineField,
  skipped: Skip[],
): IsoDate {
  let day = start;
  let counted = 0;
  while (counted < count) {
    day = addDays(day, 1);
    const dow = weekday(day);
    if (dow === 0 || dow === 6) continue;
    const off = holidayOff(calendars, day);
    if (off) {
      skipped.push(skip(day, off, deadline));
      continue;
    }
    counted++;
  }
  return day;
}

// ---------------------------------------------------------------------------------------------------------
// Calendars and input

function recipientCalendar(country: string, subdivision: string | null): Calendar {
  const name = countryName(country);
  if (!subdivision) {
    const ref: CalendarRef = { type: "public", country, countryName: name, subdivisionName: null };
    return { country, kind: `public holiday in ${name}`, ref };
  }
  const sub = listSubdivisions(country)[subdivision] ?? subdivision;
  const ref: CalendarRef = { type: "public", country, countryName: name, subdivisionName: sub };
  return { country, subdivision, kind: `public holiday in ${sub}, ${name}`, ref };
}

function ukCalendar(nation: string): Calendar {
  const label = UK_NATIONS.find((n) => n.code === nation)?.label ?? nation;
  // England and Wales share one set of bank holidays; say so for the default.
  const where = nation === "ENG" || nation === "WLS" ? "England and Wales" : label;
  return {
    country: "GB",
    subdivision: nation,
    kind: `bank holiday in ${where}`,
    ref: { type: "uk", nation },
  };
}

function usCalendars(state: "CA" | "NJ", stateName: string): Calendar[] {
  return [
    { country: "US", kind: "US federal holiday", ref: { type: "us-federal" } },
    {
      country: "US",
      subdivision: state,
      kind: `${stateName} state holiday`,
      ref: { type: "us-state", state },
    },
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

/** The English catalogue: `ruleText` is the explanation written with it (the API answers in English). */
// Made on first use: the English catalogue is the server's (decision 136).
let englishTranslator: Translator | undefined;
const english = () => (englishTranslator ??= createTranslator("en", englishMessages));

function result(
  rule: RuleId,
  received: IsoDate,
  country: string | null,
  subdivision: string | null,
  due: IsoDate,
  extendedDue: IsoDate | null,
  acknowledgeBy: IsoDate | null,
  sentences: readonly (Sentence | null)[],
  skipped: readonly Skip[],
): Explained {
  const explanation = sentences.filter((s): s is Sentence => s !== null);
  const days = skipped.map(({ date, reason, deadline }) => ({ date, reason, deadline }));
  // Written on first read (an enumerable getter, so JSON, spreads and test matchers see a plain string): a bulk
  // run asks for thousands of dates and never reads the words.
  let text: string | undefined;
  const deadline: Deadline = {
    rule,
    received,
    country,
    subdivision,
    due,
    extendedDue,
    acknowledgeBy,
    get ruleText() {
      text ??= explain(english(), explanation);
      return text;
    },
    skipped: days,
  };
  return { deadline, explanation };
}

/** "Received …; the same day-number one month later is …" or, when clamped, why the month's last day counts. */
function monthSentence(law: "eu" | "uk", received: IsoDate, nominal: IsoDate): Sentence {
  const day = Number(received.slice(8, 10));
  const year = Number(nominal.slice(0, 4));
  const month = Number(nominal.slice(5, 7));
  if (day > daysInMonth(year, month)) {
    return {
      key: "deadlines.month.startShortMonth",
      values: {
        law,
        received: { day: received },
        month: { month: nominal },
        dayNumber: day,
        nominal: { day: nominal },
      },
    };
  }
  return {
    key: "deadlines.month.start",
    values: { law, received: { day: received }, nominal: { day: nominal } },
  };
}

function movedSentence(
  nominal: IsoDate,
  due: IsoDate,
  skipped: readonly Skip[],
  deadline: DeadlineField,
  notMoved: Sentence,
  moved: MessageKey,
): Sentence {
  if (nominal === due) return notMoved;
  const days = skipped.filter((s) => s.deadline === deadline);
  return { key: moved, values: { days: { daysOff: days }, count: days.length, due: { day: due } } };
}

function extendedSentence(nominal: IsoDate, extended: IsoDate, skipped: readonly Skip[]): Sentence {
  if (nominal === extended)
    return { key: "deadlines.month.extension", values: { extendedDue: { day: extended } } };
  const days = skipped.filter((s) => s.deadline === "extendedDue");
  return {
    key: "deadlines.month.extensionMoved",
    values: { extendedDue: { day: extended }, nominal: { dayMonth: nominal }, days: { daysOff: days } },
  };
}

function notCountedSentence(skipped: readonly Skip[], deadline: DeadlineField): Sentence | null {
  const days = skipped.filter((s) => s.deadline === deadline);
  if (days.length === 0) return null;
  return { key: "deadlines.notCounted", values: { days: { daysOff: days } } };
}
