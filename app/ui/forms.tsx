// Accessible form fields: every input has a label, a hint and its error tied to it with aria-describedby.
import type { InputHTMLAttributes, ReactNode } from "react";
import { useT } from "~/i18n/i18n-context";

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

/**
 * A one-line input. Standard input props (inputMode, placeholder, maxLength, pattern, spellCheck, autoFocus…)
 * pass through to the <input>; the label, hint, errors and aria wiring stay this component's job.
 */
export function TextField({
  type = "text",
  name,
  label,
  hint,
  errors,
  id: idProp,
  ...input
}: Base &
  Omit<
    InputHTMLAttributes<HTMLInputElement>,
    keyof Base | "defaultValue" | "aria-invalid" | "aria-describedby" | "children"
  > & { defaultValue?: string }) {
  const id = idProp ?? `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldText id={id} hint={hint} errors={errors} />
      <input
        {...input}
        id={id}
        name={name}
        type={type}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </div>
  );
}

/** The new password of sign-up, an invitation, a reset and the account page: one field, one rule in words. */
export function NewPasswordField({ label, errors }: { label?: string; errors?: string[] }) {
  const { t } = useT();
  return (
    <TextField
      name="password"
      type="password"
      label={label ?? t("auth.field.password")}
      autoComplete="new-password"
      hint={t("forms.newPassword.hint")}
      errors={errors}
    />
  );
}

/** `lang` names the language of the text inside when it is not the page's (a directory's data in English). */
export function TextArea({
  defaultValue,
  rows = 4,
  lang,
  ...p
}: Base & { defaultValue?: string; rows?: number; lang?: string }) {
  const id = p.id ?? `f-${p.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <FieldText id={id} hint={p.hint} errors={p.errors} />
      <textarea
        id={id}
        name={p.name}
        rows={rows}
        lang={lang}
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
}: Base & { options: { value: string; label: string; lang?: string }[]; defaultValue?: string }) {
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
          <option key={o.value} value={o.value} lang={o.lang}>
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
