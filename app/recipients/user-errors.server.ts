// A directory or finding error thrown as a message key (and its values) becomes the page's words at the edge,
// like a schema's message (app/i18n/errors.ts); an error still written in English passes through. The error's
// own message is the English words (the API and the logs read it), as for every UserError with a key.
import { isMessageKey } from "~/i18n/errors";
import type { MessageKey, Translator } from "~/i18n/translate";
import { userErrorIn } from "~/requests/said";
import { type FailureStatus, UserError } from "~/utils/forms.server";

/** A UserError given as a key; `values` fill the message's placeholders. */
export class KeyedUserError extends UserError {
  constructor(
    key: MessageKey,
    options: { field?: string; values?: Record<string, string | number>; status?: FailureStatus } = {},
  ) {
    super({ key, values: options.values }, { field: options.field, status: options.status });
  }
}

export function translateUserError(translator: Translator, e: UserError): UserError {
  if (e.said) return userErrorIn(translator, e);
  if (isMessageKey(e.message))
    return new UserError(translator.t(e.message), { field: e.field, status: e.status });
  return e;
}
