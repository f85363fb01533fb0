// Plain calendar dates ("YYYY-MM-DD") for the deadline engine: parsing, day and month arithmetic, wording.
// Everything works on whole days counted from 1970-01-01 through Date.UTC, so the server's time zone can never
// shift a date by one (no local-time getters are used anywhere here).

/** A calendar date in ISO form, e.g. "2026-12-25". */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Years the engine accepts; outside them the holiday library and the wording are not meaningful. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

/** True when `value` is a real calendar date in YYYY-MM-DD form (2026-02-30 and 2026-13-01 are not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for an ISO date (assumed valid). */
export function toDayNumber(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The ISO date of a day number. */
export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The same day-number `months` later; where that month is shorter, its last day
 * (31 Jan + 1 month → 28 or 29 Feb), as Reg 1182/71 Art 3(2)(c) counts months.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, "0")}-${pad2(targetMonth)}-${pad2(targetDay)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
// English month names from Intl (the same words in every ICU build), read once: "January" … "December".
const MONTH_FORMAT = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
const MONTHS = Array.from({ length: 12 }, (_, i) => MONTH_FORMAT.format(Date.UTC(2000, i, 1)));

/** The English name of month `month` (1–12). */
export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new RangeError(`No month ${month}`);
  return name;
}

export function weekdayName(date: IsoDate): string {
  return WEEKDAYS[weekday(date)]!;
}

/** "Friday 25 December 2026" — fixed English wording, independent of the server's locale and time zone. */
export function formatLong(date: IsoDate): string {
  return `${weekdayName(date)} ${formatDayMonth(date)} ${Number(date.slice(0, 4))}`;
}

/** "25 December" */
export function formatDayMonth(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${monthName(Number(date.slice(5, 7)))}`;
}

// One formatter per time zone: building an Intl.DateTimeFormat costs ~0.4 ms, and the dashboard needs one
// on every view. Formatters are immutable, so sharing them is safe.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string) {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar date of an instant in a time zone (IANA name), e.g. the day a letter sent at
 * 2026-03-01T23:30Z was received in Seoul (2026-03-02). docs/legal.md §1: store the instant, compute on the date.
 */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  const parts = dateFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
