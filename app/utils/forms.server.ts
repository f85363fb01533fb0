// Failed forms on the server: domain code throws a UserError for bad input, and formFailure turns it (or a
// parseForm failure, or a message for the whole form) into the one failure shape every page reads, with a 4xx.
// A .server module: it brings the server runtime's `data`, which must not reach the browser bundle.
import { data } from "@remix-run/node";
import type { FieldErrors, FormValues } from "./forms";

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
 * (none: the whole form); `status` is the HTTP status the page answers with (400 unless said).
 */
export class UserError extends Error {
  readonly field: string | undefined;
  readonly status: FailureStatus;

  constructor(message: string, options: { field?: string; status?: FailureStatus } = {}) {
    super(message);
    this.name = "UserError";
    this.field = options.field;
    this.status = options.status ?? 400;
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
 * forms failed, a value to keep); `headers` e.g. a cookie to set.
 */
export function formFailure<X extends Record<string, unknown> = Record<never, never>>(
  cause: FailureCause,
  options: {
    status?: FailureStatus;
    headers?: HeadersInit;
    values?: FormValues;
    extra?: X;
  } = {},
) {
  let failure: FormFailure;
  let status: FailureStatus = options.status ?? 400;
  if (typeof cause === "string") {
    failure = { ok: false, fieldErrors: {}, formErrors: [cause], values: {} };
  } else if (cause instanceof UserError) {
    failure = {
      ok: false,
      fieldErrors: cause.field ? { [cause.field]: [cause.message] } : {},
      formErrors: cause.field ? [] : [cause.message],
      values: {},
    };
    status = options.status ?? cause.status;
  } else {
    failure = {
      ok: false,
      fieldErrors: cause.fieldErrors,
      formErrors: cause.formErrors ?? [],
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
