// Zod messages as codes, translated at the edge: a schema's message is a MessageKey, and the route turns a failed
// parse's messages into the reader's language just before answering. Messages that are not keys (the English
// sentences of schemas not yet converted) pass through unchanged, so schemas can move over one at a time.
import type { FieldErrors } from "~/utils/forms";
import { englishMessages } from "./locale.server";
import type { MessageKey, Translator } from "./translate";

export function isMessageKey(message: string): message is MessageKey {
  return Object.hasOwn(englishMessages, message);
}

export function translateFailure<F extends { fieldErrors: FieldErrors; formErrors?: string[] }>(
  { t }: Translator,
  failure: F,
): F {
  const one = (m: string) => (isMessageKey(m) ? t(m) : m);
  return {
    ...failure,
    fieldErrors: Object.fromEntries(
      Object.entries(failure.fieldErrors).map(([field, messages]) => [field, messages?.map(one)]),
    ) as FieldErrors,
    ...(failure.formErrors ? { formErrors: failure.formErrors.map(one) } : {}),
  };
}
