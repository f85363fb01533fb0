// The names of the languages Retract writes letters in, in one table: in English (for sentences such as "This
// authority takes complaints in French") and in the language itself (for the letter form's choice). A table
// rather than Intl.DisplayNames: Intl writes French in lower case ("français") and the server's and the
// browser's ICU data may differ, which would change the page between server and browser rendering.
import type { Lang } from "~/requests/compose/variables";

export const LANGUAGE_NAMES = {
  en: { english: "English", own: "English" },
  de: { english: "German", own: "Deutsch" },
  fr: { english: "French", own: "Français" },
  nl: { english: "Dutch", own: "Nederlands" },
  ko: { english: "Korean", own: "한국어" },
} as const satisfies Record<Lang, { english: string; own: string }>;

const known = (code: string): code is Lang => Object.hasOwn(LANGUAGE_NAMES, code);

/**
 * "German" for `de`. A language Retract writes no letter in (one an authority takes) is named by Intl in
 * English, which is only ever read on the server.
 */
export function langName(code: string): string {
  if (known(code)) return LANGUAGE_NAMES[code].english;
  return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
}

/** "Deutsch" for `de`: the language as its readers name it. */
export function langOwnName(code: string): string {
  return known(code) ? LANGUAGE_NAMES[code].own : langName(code);
}

/** Each language in its own words, by code (the letter form's list). */
export const OWN_NAMES: Record<Lang, string> = {
  en: LANGUAGE_NAMES.en.own,
  de: LANGUAGE_NAMES.de.own,
  fr: LANGUAGE_NAMES.fr.own,
  nl: LANGUAGE_NAMES.nl.own,
  ko: LANGUAGE_NAMES.ko.own,
};
