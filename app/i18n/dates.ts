// Calendar days ("2026-12-04", as the database keeps them) written for the page's language. The day is read
// in UTC so the server and the browser print the same words whatever their own time zone is.
import type { Locale } from "./languages";

/**
 * "short": 4 Dec · "long": 4 December 2026 · "weekday": Friday, 4 December 2026 · "dayMonth": 4 December ·
 * "monthYear": December 2026 · "weekdayName": Friday (in the page's language).
 */
export type DayStyle = "short" | "long" | "weekday" | "dayMonth" | "monthYear" | "weekdayName";

const OPTIONS: Record<DayStyle, Intl.DateTimeFormatOptions> = {
  short: { day: "numeric", month: "short", timeZone: "UTC" },
  long: { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
  weekday: { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
  dayMonth: { day: "numeric", month: "long", timeZone: "UTC" },
  monthYear: { month: "long", year: "numeric", timeZone: "UTC" },
  weekdayName: { weekday: "long", timeZone: "UTC" },
};

// British English writes the day first, as the rest of Retract's English does.
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de", fr: "fr", nl: "nl", ko: "ko" };

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(locale: Locale, day: string, style: DayStyle = "long"): string {
  const key = `${locale}:${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], OPTIONS[style]);
    formats.set(key, f);
  }
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : f.format(date);
}
