// Accessible form fields: every input has a label, a hint and its error tied to it with aria-describedby.
import type { ReactNode } from "react";

type Base = {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  id?: string;
};

function describedBy(id: string, hint: unknown, errors?: string[]) {
  return (
    [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined
  );
}

function FieldText({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  type = "text",
  defaultValue,
  autoComplete,
  required,
  ...p
}: Base & {
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: "text" | "email" | "url" | "tel";
}) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <FieldText id={id} hint={p.hint} errors={p.errors} />
      <input
        id={id}
        name={p.name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.errors)}
      />
    </div>
  );
}

/** The new password of sign-up, an invitation, a reset and the account page: one field, one rule in words. */
export function NewPasswordField({ label = "Password", errors }: { label?: string; errors?: string[] }) {
  return (
    <TextField
      name="password"
      type="password"
      label={label}
      autoComplete="new-password"
      hint="At least 12 characters."
      errors={errors}
    />
  );
}

export function TextArea({ defaultValue, rows = 4, ...p }: Base & { defaultValue?: string; rows?: number }) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <FieldText id={id} hint={p.hint} errors={p.errors} />
      <textarea
        id={id}
        name={p.name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.errors)}
      />
    </div>
  );
}

export function SelectField({
  options,
  defaultValue,
  ...p
}: Base & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <FieldText id={id} hint={p.hint} errors={p.errors} />
      <select
        id={id}
        name={p.name}
        defaultValue={defaultValue}
        aria-invalid={p.errors?.length ? true : undefined}
        aria-describedby={describedBy(id, p.hint, p.errors)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxGroup({
  legend,
  name,
  options,
  defaultValues = [],
  errors,
  hint,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  errors?: string[];
  hint?: ReactNode;
}) {
  const id = `f-${name}`;
  return (
    <fieldset className="field" aria-describedby={describedBy(id, hint, errors)}>
      <legend>{legend}</legend>
      <FieldText id={id} hint={hint} errors={errors} />
      <div className="checks">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={defaultValues.includes(o.value)}
            />{" "}
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="notice notice-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}
