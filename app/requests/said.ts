// Domain errors with their words as a message key: the error's message is the English (what the API and the logs
// read), and `said` lets a translated page say the same in its own language (docs/i18n.md, UserError).
import { inEnglish } from "~/i18n/english.server";
import type { Translator } from "~/i18n/translate";
import { type Said, UserError } from "~/utils/forms.server";

export type { Said };

/** The English words of a message (a plain string is already English). */
export function englishOf(message: Said | string): string {
  return typeof message === "string" ? message : inEnglish(message.key, message.values);
}

/** An error's words in the page's language: its key when it has one, else its message as it is. */
export function saidIn({ t }: Translator, e: Error & { said?: Said }): string {
  return e.said ? t(e.said.key, e.said.values) : e.message;
}

/** A UserError in the page's language, with its field and status, for formFailure. */
export function userErrorIn(translator: Translator, e: UserError & { said?: Said }): UserError {
  return new UserError(saidIn(translator, e), { field: e.field, status: e.status });
}
