// The language of a mail to one of Retract's own users (decision 149): the account's page language when the
// address has an account that chose one, else the language of whoever caused the mail (the page language of
// the person signing up or asking for a reset, the inviter's for an invitation), else English. Jobs without a
// request (reminder digests, re-check notices) use the recipient's stored language alone.
import { getUserLocale } from "~/auth/users.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/languages";
import { englishMessages, messagesFor } from "~/i18n/locale.server";
import { createTranslator, type Translator } from "~/i18n/translate";

/** A translator for mail in one language (a stored code that is no longer a language falls back). */
export function mailTranslator(
  locale: string | null | undefined,
  otherwise: Locale = DEFAULT_LOCALE,
): Translator {
  const chosen = isLocale(locale) ? locale : otherwise;
  return createTranslator(chosen, messagesFor(chosen), { english: englishMessages });
}

/** A translator in the language a user chose for their pages (`otherwise` when they never chose one). */
export function translatorForUser(userId: string | null | undefined, otherwise: Locale = DEFAULT_LOCALE) {
  return mailTranslator(userId ? getUserLocale(userId) : null, otherwise);
}
