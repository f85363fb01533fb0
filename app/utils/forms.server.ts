// Forms on the server: parseForm reads FormData with the form's zod schema, parseParams turns bad route params
// into a 404; domain code throws a UserError for bad input, and formFailure turns it (or a parseForm failure,
// or a message for the whole form) into the one failure shape every page reads, with a 4xx.
// A .server module: it brings zod and the server runtime's `data`, which must not reach the browser bundle.
import { data } from "@remix-run/node";
import { type ZodType, z } from "zod";
import pagesInEnglish from "~/i18n/locales/en.json";
import shellInEnglish from "~/i18n/locales/shell/en.json";
import { createTranslator, type MessageKey, type Translator } from "~/i18n/translate";
import { type FieldErrors, type FormResult, type FormValues, formValues } from "./forms";

/** Words as a message key and its values: what a domain error or a schema says, in no language yet. */
export type Said = { key: MessageKey; values?: Record<string, string | number> };

// The English catalogue read directly (not ~/i18n/english.server, whose imports reach the session and would
// make a cycle with the domain modules that extend UserError).
const englishCatalogue: Record<string, string> = { ...shellInEnglish, ...pagesInEnglish };
let english: Translator | undefined;
const inEnglishWords = () => {
  english ??= createTranslator("en", englishCatalogue);
  return english;
};

const isKey = (message: string): message is MessageKey => Object.hasOwn(englishCatalogue, message);

/** A schema's message in English, for answers that stay English (the JSON API): a key's words, else as it is. */
export function englishOfMessage(message: string): string {
  return isKey(message) ? inEnglishWords().t(message) : message;
}

/** The one shape every page reads after a failed form: errors by field, errors of the whole form, the values. */
export type FormFailure = {
  ok: false;
  fieldErrors: FieldErrors;
  formErrors: string[];
  values: FormValues;
};

/**
 * The statuses a form failure may carry: the user's input (4xx), or 503 when the server cannot do it just now
 * (no mail set up, the mail server down) and the page says so in the form. Anything else is a fault.
 */
export type FailureStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * Bad input found by domain code, in words the user can act on. `field` names the form field it belongs to
 * (none: the whole form); `status` is the HTTP status the page answers with (400 unless said). Given a message
 * key (`new UserError({ key: "errors.evidence.empty" }, { field: "file" })`), `message` is its English (the API
 * and the logs read it) and `said` keeps the key, so formFailure with a translator says it in the page's
 * language (docs/i18n.md).
 */
export class UserError extends Error {
  readonly field: string | undefined;
  readonly status: FailureStatus;
  readonly said: Said | undefined;

  constructor(message: string | Said, options: { field?: string; status?: FailureStatus } = {}) {
    super(typeof message === "string" ? message : inEnglishWords().t(message.key, message.values));
    this.name = "UserError";
    this.field = options.field;
    this.status = options.status ?? 400;
    this.said = typeof message === "string" ? undefined : message;
  }
}

/** What formFailure turns into the page's failure: a UserError, a parse failure or a message for the whole form. */
export type FailureCause =
  | UserError
  | { fieldErrors: FieldErrors; formErrors?: string[]; values?: FormValues }
  | string;

/**
 * Turns a parse failure, a UserError or a message for the whole form into the page's failure data, with a 4xx
 * status (the UserError's own, else 400). `extra` carries what the page needs beside the errors (which of its
 * forms failed, a value to keep); `headers` e.g. a cookie to set. Every message that is a message key (a
 * schema's, a UserError's `said`) is written out by `translator`, the page's language; without one in English,
 * so a page not translated yet never shows a key.
 */
export function formFailure<X extends Record<string, unknown> = Record<never, never>>(
  cause: FailureCause,
  options: {
    status?: FailureStatus;
    headers?: HeadersInit;
    values?: FormValues;
    extra?: X;
    translator?: Translator;
  } = {},
) {
  const { t } = options.translator ?? inEnglishWords();
  const words = (m: string) => (isKey(m) ? t(m) : m);
  let failure: FormFailure;
  let status: FailureStatus = options.status ?? 400;
  if (typeof cause === "string") {
    failure = { ok: false, fieldErrors: {}, formErrors: [words(cause)], values: {} };
  } else if (cause instanceof UserError) {
    const message = cause.said ? t(cause.said.key, cause.said.values) : cause.message;
    failure = {
      ok: false,
      fieldErrors: cause.field ? { [cause.field]: [message] } : {},
      formErrors: cause.field ? [] : [message],
      values: {},
    };
    status = options.status ?? cause.status;
  } else {
    failure = {
      ok: false,
      fieldErrors: Object.fromEntries(
        Object.entries(cause.fieldErrors).map(([field, messages]) => [field, messages?.map(words)]),
      ),
      formErrors: (cause.formErrors ?? []).map(words),
      values: cause.values ?? {},
    };
  }
  if (options.values) failure.values = options.values;
  const body = { ...failure, ...(options.extra as X) };
  return data(body, { status, headers: options.headers });
}

/**
 * A route's catch in one line: a UserError becomes the page's failure (as formFailure, same options), anything
 * else is thrown on, so faults still reach the error boundary as a 500.
 */
export function formFailureOrThrow<X extends Record<string, unknown> = Record<never, never>>(
  error: unknown,
  options: Parameters<typeof formFailure<X>>[1] = {},
): ReturnType<typeof formFailure<X>> {
  if (error instanceof UserError) return formFailure(error, options);
  throw error;
}

/** Reads a form with its zod schema: the data, or the errors by field and the values to put back. */
export function parseForm<S extends ZodType>(
  formData: FormData,
  schema: S,
  arrays: readonly string[] = [],
): FormResult<z.output<S>> {
  const values = formValues(formData, arrays);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const flat = z.flattenError(result.error);
  // Never echo passwords back into the page.
  const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
  return {
    ok: false,
    fieldErrors: flat.fieldErrors as FieldErrors,
    formErrors: flat.formErrors,
    values: safeValues,
  };
}

/** Route params that don't fit their schema mean the page does not exist: 404, never 500. */
export function parseParams<S extends ZodType>(params: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new Response("This page could not be found.", { status: 404 });
  return result.data;
}

const Id = z.string().min(1).max(40);

/** Route params that are ids (1–40 characters each): the ones named, or a 404 when one is missing or too long. */
export function parseIds<K extends string>(params: unknown, ...names: K[]): Record<K, string> {
  const shape = Object.fromEntries(names.map((n) => [n, Id])) as Record<K, typeof Id>;
  return parseParams(params, z.object(shape)) as Record<K, string>;
}

/** A zod parse that threw (a domain function's own `.parse`), for a route that answers it as bad input. */
export function isZodError(e: unknown): e is z.ZodError {
  return e instanceof z.ZodError;
}
