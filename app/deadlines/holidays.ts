// Public holidays for the deadline engine, read from the date-holidays library (never a hand-typed list)
// and cached per country/subdivision and year, because the engine is called thousands of times.
//
// What counts as a holiday here (see the engine's module comment for the reasons):
// - only date-holidays type "public" (its UK bank holidays are typed "public"; its "bank" type is for bank
//   closures and half-days such as 24 Dec from 14:00 in Germany; "optional", "school", "observance" never count);
// - only whole days: a "public" entry that starts at a time of day (e.g. 12:00) is a half-day and does not count;
// - multi-day holidays (Chuseok, Eid) count every day they span;
// - Korea: election days that are public holidays by law, which the library lacks (./holidays-kr).

import { addDays, type IsoDate } from "./dates";
import { koreanElectionDay } from "./holidays-kr";
import { type Holidays, holidaysClass } from "./holidays-lib.server";

/** The page languages a holiday name is kept in (app/i18n/languages.ts; no import, this file stays i18n-free). */
const NAME_LANGUAGES = ["de", "fr", "nl", "ko"] as const;

/**
 * A holiday's name: `en` exactly as date-holidays writes it in English (with its own "(substitute day)"), and the
 * base name in another page language only where the library's data has that language for this holiday (no
 * fallback to a third language: the library's own fallback can give a Dutch name on a Korean page).
 * `substitute` marks a substitute day, whose translated name the explanation completes.
 */
export type HolidayName = { en: string; substitute: boolean } & Partial<
  Record<(typeof NAME_LANGUAGES)[number], string>
>;

export type HolidayCalendarSpec = {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** date-holidays state code, upper case (e.g. "SCT", "CA", "BY"). */
  subdivision?: string;
  /** How the holiday is described to the user, e.g. "public holiday in Germany" or "California state holiday". */
  kind: string;
};

type CalendarCache = { holidays: Holidays; days: Map<IsoDate, HolidayName>; years: Set<number> };

const calendars = new Map<string, CalendarCache>();
let registry: Holidays | undefined;

/** One instance used only to list countries and subdivisions. */
function getRegistry(): Holidays {
  registry ??= new (holidaysClass())();
  return registry;
}

let countryNames: Record<string, string> | undefined;

/** Countries date-holidays knows, as { "DE": "Germany", … } (English names). */
export function listCountries(): Record<string, string> {
  countryNames ??= getRegistry().getCountries("en");
  return countryNames;
}

export function isSupportedCountry(code: string): boolean {
  return Object.hasOwn(listCountries(), code);
}

export function countryName(code: string): string {
  return listCountries()[code] ?? code;
}

const subdivisionCache = new Map<string, Record<string, string>>();

/** Subdivisions (states, nations, Länder) date-holidays knows for a country, upper-case codes. */
export function listSubdivisions(country: string): Record<string, string> {
  let subs = subdivisionCache.get(country);
  if (!subs) {
    subs = {};
    const raw = isSupportedCountry(country) ? (getRegistry().getStates(country, "en") ?? {}) : {};
    for (const [code, name] of Object.entries(raw)) subs[code.toUpperCase()] = name;
    subdivisionCache.set(country, subs);
  }
  return subs;
}

export function isSupportedSubdivision(country: string, subdivision: string): boolean {
  return Object.hasOwn(listSubdivisions(country), subdivision);
}

/**
 * The name of the public holiday on `date` in the calendar, or null.
 * Callers must pass a supported country/subdivision (date-holidays silently falls back to the country for an
 * unknown subdivision, and returns nothing for an unknown country).
 */
export function holidayOn(spec: HolidayCalendarSpec, date: IsoDate): string | null {
  return holidayNameOn(spec, date)?.en ?? null;
}

/** The public holiday on `date` with its name in each page language the library has, or null. */
export function holidayNameOn(spec: HolidayCalendarSpec, date: IsoDate): HolidayName | null {
  const cache = getCalendar(spec);
  const year = Number(date.slice(0, 4));
  // A holiday that spans several days may start in the previous year (or be listed under the next).
  for (const y of [year - 1, year, year + 1]) loadYear(cache, spec, y);
  const found = cache.days.get(date);
  if (found) return found;
  const election = spec.country === "KR" ? koreanElectionDay(date) : null;
  return election ? { en: election.name, ko: election.nameKo, substitute: false } : null;
}

function getCalendar(spec: HolidayCalendarSpec): CalendarCache {
  const key = `${spec.country}|${spec.subdivision ?? ""}`;
  let cache = calendars.get(key);
  if (!cache) {
    const holidays = spec.subdivision
      ? new (holidaysClass())(spec.country, spec.subdivision)
      : new (holidaysClass())(spec.country);
    cache = { holidays, days: new Map(), years: new Set() };
    calendars.set(key, cache);
  }
  return cache;
}

const MS_PER_DAY = 86_400_000;

function loadYear(cache: CalendarCache, spec: HolidayCalendarSpec, year: number): void {
  if (cache.years.has(year)) return;
  cache.years.add(year);
  for (const h of cache.holidays.getHolidays(year, "en")) {
    if (h.type !== "public") continue;
    // `date` is "YYYY-MM-DD hh:mm:ss[ -hhmm]" in the country's own time: the calendar day is the first ten
    // characters, whatever the server's time zone. Islamic holidays carry " -0600" (they begin at the previous
    // sunset) but are still whole days on the listed date.
    const time = h.date.slice(11, 19);
    if (time !== "00:00:00") continue; // half-day
    let first = h.date.slice(0, 10);
    // Duration in whole days; the 0.1 absorbs a daylight-saving hour and fractional eves (Turkey lists 3.75 days).
    const span = Math.max(1, Math.floor((h.end.getTime() - h.start.getTime()) / MS_PER_DAY + 0.1));
    first = correctKnownLibraryErrors(spec, h.rule, first);
    const name = namesOf(cache.holidays, h.rule, h.name, h.substitute === true);
    for (let i = 0; i < span; i++) {
      const day = addDays(first, i);
      if (!cache.days.has(day)) cache.days.set(day, name);
    }
  }
}

/**
 * The holiday's own names per language, read from the library's rule data (`holidays[rule].name`, the object
 * its getHolidays translates from). Anything unexpected there leaves only the English name.
 */
function namesOf(lib: Holidays, rule: string, english: string, substitute: boolean): HolidayName {
  const name: HolidayName = { en: english, substitute };
  const own = (lib as unknown as { holidays?: Record<string, { name?: unknown }> }).holidays?.[rule]?.name;
  if (own && typeof own === "object") {
    for (const lang of NAME_LANGUAGES) {
      const value = (own as Record<string, unknown>)[lang];
      if (typeof value === "string" && value.trim()) name[lang] = value;
    }
  }
  return name;
}

/**
 * date-holidays 3.37 anchors Korea's three-day Seollal holiday (rule "korean 01-0-01 P3D") on the lunar new
 * year's day itself, so it omits the day before and adds one day too many after (its own KR.yaml says so, and
 * see commenthol/date-holidays#640): 2026 gives 17–19 Feb, the law gives 16–18 Feb. The true span is the same
 * three days moved one day earlier. Keyed on the exact rule text, so the correction switches itself off when
 * the library changes the rule.
 */
function correctKnownLibraryErrors(spec: HolidayCalendarSpec, rule: string, first: IsoDate): IsoDate {
  if (spec.country === "KR" && rule === "korean 01-0-01 P3D") return addDays(first, -1);
  return first;
}
