// The deadline rule in words, as data: the engine (./engine) returns a list of sentences, each a catalogue key
// with its values (days as ISO dates, counts as numbers, the days passed over with their reasons), and
// `explain(translator, sentences)` writes them in the translator's language. The engine's English `ruleText`
// is this list written with the English catalogue, so English answers stay word for word what they were.
//
// English keeps the engine's own fixed wording for days ("Friday 25 December 2026", ./dates); the other
// languages write days with Intl (app/i18n/dates.ts). Holiday names: date-holidays' name in the page language
// where its data has one for that holiday, else its English name (./holidays). Country names: Intl in the page
// language (English: the library's own English name); subdivision names as the library gives them.
// No holiday library and no server code here, so the page's components can import it.
import { formatDay } from "~/i18n/dates";
import type { Locale } from "~/i18n/languages";
import type { MessageKey, Translator } from "~/i18n/translate";
import { formatDayMonth, formatLong, type IsoDate, monthName, weekdayName } from "./dates";
import type { HolidayName } from "./holidays";

/** Where a holiday calendar belongs, as the explanation names it. */
export type CalendarRef =
  | { type: "public"; country: string; countryName: string; subdivisionName: string | null }
  | { type: "uk"; nation: string }
  | { type: "us-federal" }
  | { type: "us-state"; state: "CA" | "NJ" }
  | { type: "kr" };

/** A day passed over, and why: a Saturday or Sunday, or a holiday of a calendar. */
export type DayOff = {
  date: IsoDate;
  because: { type: "weekend" } | { type: "holiday"; name: HolidayName; calendar: CalendarRef };
};

export type ExplanationValue =
  | string
  | number
  /** "Friday 25 December 2026" */
  | { day: IsoDate }
  /** "25 December" */
  | { dayMonth: IsoDate }
  /** "February 2026": the month of the date */
  | { month: IsoDate }
  /** "Germany", "Bavaria, Germany", "England and Wales": where a calendar's holidays are */
  | { place: CalendarRef }
  /** "25 December (Christmas Day, public holiday in Germany), 26 December (Saturday)" */
  | { daysOff: readonly DayOff[] };

export type Sentence = { key: MessageKey; values?: Readonly<Record<string, ExplanationValue>> };

/** The sentences as one paragraph in the translator's language. */
export function explain(translator: Translator, sentences: readonly Sentence[]): string {
  return sentences.map((s) => translator.t(s.key, valuesFor(translator, s.values))).join(" ");
}

/** A deadline day as the explanation writes it: "Friday 25 December 2026", "Freitag, 25. Dezember 2026". */
export function formatDeadlineDay(locale: Locale, day: IsoDate): string {
  return locale === "en" ? formatLong(day) : formatDay(locale, day, "weekday");
}

function valuesFor(
  translator: Translator,
  values: Sentence["values"],
): Record<string, string | number> | undefined {
  if (!values) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) out[name] = valueText(translator, value);
  return out;
}

function valueText(translator: Translator, value: ExplanationValue): string | number {
  const { locale } = translator;
  if (typeof value === "string" || typeof value === "number") return value;
  if ("day" in value) return formatDeadlineDay(locale, value.day);
  if ("dayMonth" in value) return dayMonth(locale, value.dayMonth);
  if ("month" in value) {
    // Written out, never as an ICU number: a year must not become "2,026".
    const d = value.month;
    return locale === "en"
      ? `${monthName(Number(d.slice(5, 7)))} ${Number(d.slice(0, 4))}`
      : formatDay(locale, d, "monthYear");
  }
  if ("place" in value) return placeText(translator, value.place);
  return value.daysOff.map((off) => dayOffText(translator, off)).join(", ");
}

function dayMonth(locale: Locale, day: IsoDate): string {
  return locale === "en" ? formatDayMonth(day) : formatDay(locale, day, "dayMonth");
}

function dayOffText(translator: Translator, off: DayOff): string {
  const { locale, t } = translator;
  const reason =
    off.because.type === "weekend"
      ? locale === "en"
        ? weekdayName(off.date)
        : formatDay(locale, off.date, "weekdayName")
      : t("deadlines.dayOff.holiday", {
          name: holidayName(translator, off.because.name),
          calendar: calendarText(translator, off.because.calendar),
        });
  return t("deadlines.dayOff", { day: dayMonth(locale, off.date), reason });
}

function holidayName(translator: Translator, name: HolidayName): string {
  const { locale } = translator;
  const own = locale === "en" ? undefined : name[locale];
  if (own === undefined) return name.en;
  return name.substitute ? translator.t("deadlines.holiday.substitute", { name: own }) : own;
}

function calendarText(translator: Translator, calendar: CalendarRef): string {
  const { t } = translator;
  switch (calendar.type) {
    case "public":
      return t("deadlines.calendar.public", { place: placeText(translator, calendar) });
    case "uk":
      return t("deadlines.calendar.uk", { place: placeText(translator, calendar) });
    case "us-federal":
      return t("deadlines.calendar.usFederal");
    case "us-state":
      return t(calendar.state === "CA" ? "deadlines.calendar.california" : "deadlines.calendar.newJersey");
    case "kr":
      return t("deadlines.calendar.korea");
  }
}

const regionNames = new Map<Locale, Intl.DisplayNames>();

function countryText(locale: Locale, code: string, english: string): string {
  if (locale === "en") return english;
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames(locale, { type: "region", fallback: "none" });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? english;
}

function placeText(translator: Translator, calendar: CalendarRef): string {
  if (calendar.type === "uk") return translator.t("deadlines.place.ukNation", { nation: calendar.nation });
  if (calendar.type !== "public") return "";
  const country = countryText(translator.locale, calendar.country, calendar.countryName);
  return calendar.subdivisionName
    ? translator.t("deadlines.place.subdivision", { subdivision: calendar.subdivisionName, country })
    : country;
}
