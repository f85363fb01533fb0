// A directory or finding error thrown as a message key (and its values) becomes the page's words at the edge,
// like a schema's message (app/i18n/errors.ts); an error still written in English passes through.
import { isMessageKey } from "~/i18n/errors";
import type { Translator } from "~/i18n/translate";
import { type FailureStatus, UserError } from "~/utils/forms.server";

/** A UserError whose message is a key; `values` fill the message's placeholders. */
export class KeyedUserError extends UserError {
  readonly values: Record<string, string | number> | undefined;
  constructor(
    key: string,
    options: { field?: string; values?: Record<string, string | number>; status?: FailureStatus } = {},
  ) {
    super(key, options);
    this.values = options.values;
  }
}

export function translateUserError({ t }: Translator, e: UserError): UserError {
  if (!isMessageKey(e.message)) return e;
  const values = e instanceof KeyedUserError ? e.values : undefined;
  return new UserError(t(e.message, values), { field: e.field, status: e.status });
}
