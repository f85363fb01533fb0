// Which language a request's pages speak (decision 122): the account's setting, else the visitor's own choice
// (a cookie, for someone signed out), else the browser's Accept-Language, else English.
import { match } from "@formatjs/intl-localematcher";
import { createCookie } from "@remix-run/node";
import { getCurrentSession } from "~/auth/session.server";
import { getUserLocale, setUserLocale } from "~/auth/users.server";
import { getEnv } from "~/env.server";
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./languages";
import { registerCatalogue } from "./loaded-catalogues";
import de from "./locales/de.json";
import en from "./locales/en.json";
import fr from "./locales/fr.json";
import ko from "./locales/ko.json";
import nl from "./locales/nl.json";
import shellDe from "./locales/shell/de.json";
import shellEn from "./locales/shell/en.json";
import shellFr from "./locales/shell/fr.json";
import shellKo from "./locales/shell/ko.json";
import shellNl from "./locales/shell/nl.json";
import { createTranslator, type Messages, type Translator } from "./translate";

// The shell's and the pages' files of each language, as one catalogue (decision 136).
const CATALOGUES: Record<Locale, Messages> = {
  en: { ...shellEn, ...en },
  de: { ...shellDe, ...de },
  fr: { ...shellFr, ...fr },
  nl: { ...shellNl, ...nl },
  ko: { ...shellKo, ...ko },
};

// The layout renders on the server from these (decision 152); the browser gets its language's as a file.
for (const locale of LOCALES) registerCatalogue(locale, CATALOGUES[locale]);

/** The whole English catalogue: what the server falls back to, and the words of `inEnglish`. */
export const englishMessages: Messages = CATALOGUES.en;

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

let cookie: ReturnType<typeof createCookie> | undefined;
/** The signed-out visitor's choice: not personal, not signed, httpOnly and SameSite=Lax like the session's. */
function languageCookie() {
  cookie ??= createCookie("retract_lang", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
  return cookie;
}

/** The languages of an Accept-Language header, most wanted first (q=0 means "not this one"). */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.q > 0 && Number.isFinite(l.q))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}

export function localeFromAcceptLanguage(header: string | null): Locale {
  const wanted = acceptedLanguages(header);
  if (wanted.length === 0) return DEFAULT_LOCALE;
  try {
    const found = match(wanted, LOCALES, DEFAULT_LOCALE, { algorithm: "best fit" });
    return isLocale(found) ? found : DEFAULT_LOCALE;
  } catch {
    // A malformed tag (RangeError from Intl): the browser's wish cannot be read, so English.
    return DEFAULT_LOCALE;
  }
}

const byRequest = new WeakMap<Request, Promise<Locale>>();

/** The request's page language, worked out once per request. */
export function getLocale(request: Request): Promise<Locale> {
  let pending = byRequest.get(request);
  if (!pending) {
    pending = resolveLocale(request);
    byRequest.set(request, pending);
  }
  return pending;
}

async function resolveLocale(request: Request): Promise<Locale> {
  const session = await getCurrentSession(request);
  const own = session ? getUserLocale(session.userId) : null;
  if (isLocale(own)) return own;
  const chosen = await languageCookie().parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}

/** The translator for a loader or action: `const { t } = await getTranslator(request)`. */
export async function getTranslator(request: Request): Promise<Translator> {
  const locale = await getLocale(request);
  return createTranslator(locale, messagesFor(locale), { english: englishMessages });
}

/**
 * Keeps a chosen language: in the account when signed in (so it follows the person to other devices), and in
 * the cookie either way (so the log-in page after signing out still speaks it). Returns the Set-Cookie header.
 */
export async function chooseLocale(request: Request, locale: Locale): Promise<string> {
  const session = await getCurrentSession(request);
  if (session) setUserLocale(session.userId, locale);
  byRequest.delete(request);
  return languageCookie().serialize(locale);
}
