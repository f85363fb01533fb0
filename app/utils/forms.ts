// A form's submitted values and the failure shape pages read. No zod here: parsing with a schema is in
// ./forms.server (parseForm, parseParams), so a page's code never ships the validation library to the browser.
import type { FormValues } from "./form-values";

export type FieldErrors = Record<string, string[] | undefined>;

export type { FormValues } from "./form-values";

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; formErrors: string[]; values: FormValues };

/** Reads FormData into a plain object; names in `arrays` keep every value, others keep the first. */
export function formValues(formData: FormData, arrays: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (arrays.includes(key)) {
      values[key] = formData.getAll(key).filter((v): v is string => typeof v === "string");
    } else {
      const v = formData.get(key);
      if (typeof v === "string") values[key] = v;
    }
  }
  for (const key of arrays) values[key] ??= [];
  return values;
}
