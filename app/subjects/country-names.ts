// Country names in the page's language (Intl.DisplayNames), for the country lists and the countries a page
// shows; a code the runtime does not know stays a code. "ALL" (a directory entry offered everywhere) is left to
// the page, which says it in words.
import type { Locale } from "~/i18n/languages";

const displayNames = new Map<string, Intl.DisplayNames>();

export function countryName(locale: Locale, code: string): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The country select's options in the page's language, sorted as that language sorts. */
export function countryOptionsIn(locale: Locale, codes: readonly { code: string }[]) {
  return codes
    .map(({ code }) => ({ code, name: countryName(locale, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
