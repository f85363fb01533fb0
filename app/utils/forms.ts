// Form parsing with zod: one schema per form, field errors returned to the page with status 400.
import { type ZodType, z } from "zod";
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
