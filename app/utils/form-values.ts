// A form's submitted values as pages put them back after a failure. No zod here, so a page's own code can
// import it without shipping the validation library to the browser.

/** A form's fields as submitted: one string each, or every string for names read as lists. */
export type FormValues = Record<string, string | string[]>;

/** A submitted field's text, to put back into the form after a failure (the first one for a list). */
export function textValue(values: FormValues | undefined, name: string): string | undefined {
  const v = values?.[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Every submitted field's text (the first one for a list), for forms whose fields are all single values. */
export function textValues(values: FormValues | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(values ?? {}).map((k) => [k, textValue(values, k) ?? ""]));
}
