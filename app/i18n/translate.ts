// Messages: ICU MessageFormat strings (plurals, dates and numbers through Intl) in one catalogue per language,
// formatted by intl-messageformat (decision 121). Shared by the server and the browser. Each language's
// catalogue is two files: `locales/shell/<lang>.json` (the layout and the error pages: the only words the
// browser bundles, for an error page that has no loader data) and `locales/<lang>.json` (everything else; the
// browser gets its language's as a cacheable file: decisions 136 and 152).
import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import { Children, type ReactNode } from "react";
import type { Locale } from "./languages";
import type pagesInEnglish from "./locales/en.json";
import shellInEnglish from "./locales/shell/en.json";

/** Every message key: the English catalogue is the source, so a key it lacks is a compile error. */
export type MessageKey = keyof typeof pagesInEnglish | keyof typeof shellInEnglish;

export type Messages = Record<MessageKey, string>;

type Values = Record<string, PrimitiveType | Date>;
type RichValues = Record<string, PrimitiveType | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export class MissingMessageError extends Error {
  constructor(key: string, locale: string) {
    super(`No message "${key}" in the ${locale} catalogue (app/i18n/locales/${locale}.json)`);
    this.name = "MissingMessageError";
  }
}

export type Translator = {
  locale: Locale;
  /** The message as plain text: for attributes, titles, mail and PDFs. */
  t: (key: MessageKey, values?: Values) => string;
  /** The message with tags (`<kbd>Esc</kbd>`) or elements as values: for JSX. */
  rich: (key: MessageKey, values?: RichValues) => ReactNode;
};

// Parsed messages, kept with the catalogue object they came from: the catalogues are loaded once, so each
// message is parsed once per process (or page), not on every request's translator.
const parsedFrom = new WeakMap<object, Map<string, IntlMessageFormat>>();

function compiled(catalogue: object, locale: string, key: string, source: string) {
  let parsed = parsedFrom.get(catalogue);
  if (!parsed) {
    parsed = new Map();
    parsedFrom.set(catalogue, parsed);
  }
  const id = `${locale}\u0000${key}`;
  let f = parsed.get(id);
  if (!f) {
    f = new IntlMessageFormat(source, locale);
    parsed.set(id, f);
  }
  return f;
}

/**
 * A translator over one catalogue. A key the catalogue lacks throws (tests and development fail loudly); in
 * production it falls back to English, which the catalogue test keeps complete, and throws only if English
 * lacks it too. A message missing one of its values throws everywhere (intl-messageformat's own error).
 */
export function createTranslator(
  locale: Locale,
  messages: Partial<Record<string, string>>,
  options: { fallback?: boolean; english?: Partial<Record<string, string>> } = {},
): Translator {
  const fallback = options.fallback ?? process.env.NODE_ENV === "production";
  const english: Partial<Record<string, string>> = options.english ?? shellInEnglish;
  const format = (key: string) => {
    const own = messages[key];
    if (own !== undefined) return compiled(messages, locale, key, own);
    const source = fallback ? english[key] : undefined;
    if (source === undefined) throw new MissingMessageError(key, locale);
    return compiled(english, "en", key, source);
  };
  return {
    locale,
    t: (key, values) => String(format(key).format(values)),
    // A message with tags formats to an array of text and elements; Children.toArray gives each its key, as
    // React asks of any rendered array.
    rich: (key, values) => {
      const out = format(key).format<ReactNode>(values as never);
      return Array.isArray(out) ? Children.toArray(out) : (out as ReactNode);
    },
  };
}

/** The layout's and error pages' English: the browser's words when the root loader's data is missing. */
export const shellEnglish: Partial<Messages> = shellInEnglish;
