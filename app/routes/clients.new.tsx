import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_KINDS, EXPOSED_LABELS } from "~/exposures/categories";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { MessageKey } from "~/i18n/translate";
import { translateUserError } from "~/recipients/user-errors.server";
import { countryOptionsIn } from "~/subjects/country-names";
import { createIntake, intakeAssignees } from "~/subjects/intake.server";
import { CONSENT_ANSWERS, HARM_ANSWERS, OTHERS_READ, SAFE_CHANNELS } from "~/subjects/intake-choices";
import { IntakeSchema } from "~/subjects/intake-schema.server";
import { RegionField } from "~/subjects/subject-fields";
import { CheckboxGroup, FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import type { FormValues } from "~/utils/form-values";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { t, locale } = await getTranslator(request);
  return {
    countries: countryOptionsIn(locale, countryOptions()),
    canAssign: can(scope, "subject:assign"),
    assignees: intakeAssignees(scope).map((m) => ({
      value: m.userId,
      label: m.userId === scope.userId ? t("intake.assigneeYou", { name: m.name }) : m.name,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const form = await request.formData();
  const translator = await getTranslator(request);
  const { t, locale } = translator;
  const parsed = parseForm(form, IntakeSchema, ["leaked"]);
  if (!parsed.ok) {
    // A web address that cannot be recorded comes back as "errors.intake.url:<line>" (a message with a value).
    const urls = parsed.fieldErrors.urls?.map((m) => {
      const line = /^errors\.intake\.url:(\d+)$/.exec(m)?.[1];
      return line ? t("errors.intake.url", { line: Number(line) }) : m;
    });
    const fieldErrors = urls ? { ...parsed.fieldErrors, urls } : parsed.fieldErrors;
    const formErrors = parsed.formErrors?.map((m) => {
      const line = /^errors\.intake\.url:(\d+)$/.exec(m)?.[1];
      return line ? t("errors.intake.url", { line: Number(line) }) : m;
    });
    return formFailure(translateFailure(translator, { ...parsed, fieldErrors, formErrors }));
  }
  try {
    const today = new Date();
    const title = t("intake.caseTitle", {
      date: formatDay(locale, today.toISOString().slice(0, 10), "long"),
    });
    const { subjectId } = createIntake(scope, parsed.data, today, title);
    return redirect(`/clients/${subjectId}/intake?new=1`);
  } catch (e) {
    if (e instanceof UserError) return formFailure(translateUserError(translator, e));
    throw e;
  }
}

function RadioGroup({
  name,
  legend,
  hint,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: Record<string, MessageKey>;
  defaultValue?: string;
  errors?: string[];
}) {
  const { t } = useT();
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className="field" aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
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
      <div className="checks">
        {Object.entries(options).map(([value, label]) => (
          <label key={value} className="check">
            <input type="radio" name={name} value={value} defaultChecked={defaultValue === value} />{" "}
            {t(label)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function NewClient() {
  const { countries, canAssign, assignees } = useLoaderData<typeof loader>();
  const { t } = useT();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v: Partial<FormValues> = data?.values ?? {};
  const s = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const e = data?.fieldErrors ?? {};
  return (
    <div className="stack medium">
      <h1>{t("intake.new.heading")}</h1>
      <p>{t("intake.new.intro")}</p>
      <Form method="post" className="stack" noValidate>
        {data ? <FormErrors errors={[t("intake.new.errors"), ...(data.formErrors ?? [])]} /> : null}
        <section className="card stack" aria-labelledby="intake-person">
          <h2 id="intake-person">{t("intake.new.person")}</h2>
          <TextField
            name="name"
            label={t("subjects.field.name")}
            defaultValue={s("name")}
            errors={e.name}
            autoComplete="off"
          />
          <TextArea
            name="aliases"
            label={t("subjects.field.aliases")}
            hint={t("intake.new.aliasesHint")}
            defaultValue={s("aliases")}
            errors={e.aliases}
            rows={2}
          />
          <SelectField
            name="country"
            label={t("intake.new.country")}
            hint={t("intake.new.countryHint")}
            defaultValue={s("country") ?? ""}
            errors={e.country}
            options={[
              { value: "", label: t("intake.new.countryNone") },
              ...countries.map((c) => ({ value: c.code, label: c.name })),
            ]}
          />
          <RegionField country={s("country")} region={s("region")} errors={e.region} />
        </section>

        <section className="card stack" aria-labelledby="intake-contact">
          <h2 id="intake-contact">{t("intake.new.contact")}</h2>
          <RadioGroup
            name="safeChannel"
            legend={t("intake.new.safeChannel")}
            options={SAFE_CHANNELS}
            defaultValue={s("safeChannel")}
            errors={e.safeChannel}
          />
          <TextField
            name="safeContact"
            label={t("intake.new.safeContact")}
            hint={t("intake.new.safeContactHint")}
            defaultValue={s("safeContact")}
            errors={e.safeContact}
            autoComplete="off"
          />
          <TextField
            name="safeTimes"
            label={t("intake.new.safeTimes")}
            hint={t("intake.new.safeTimesHint")}
            defaultValue={s("safeTimes")}
            errors={e.safeTimes}
            autoComplete="off"
          />
          <RadioGroup
            name="othersRead"
            legend={t("intake.new.othersRead")}
            hint={t("intake.new.othersReadHint")}
            options={OTHERS_READ}
            defaultValue={s("othersRead")}
            errors={e.othersRead}
          />
        </section>

        <section className="card stack" aria-labelledby="intake-leak">
          <h2 id="intake-leak">{t("intake.new.leak")}</h2>
          <CheckboxGroup
            legend={t("intake.new.leaked")}
            name="leaked"
            options={EXPOSED_KINDS.map((k) => ({ value: k, label: t(EXPOSED_LABELS[k]) }))}
            defaultValues={Array.isArray(v.leaked) ? v.leaked : []}
            errors={e.leaked}
          />
          <TextArea
            name="leakedNotes"
            label={t("intake.new.leakedNotes")}
            defaultValue={s("leakedNotes")}
            errors={e.leakedNotes}
            rows={3}
          />
          <TextArea
            name="urls"
            label={t("intake.new.urls")}
            hint={t("intake.new.urlsHint")}
            defaultValue={s("urls")}
            errors={e.urls}
            rows={3}
          />
          <RadioGroup
            name="harm"
            legend={t("intake.new.harm")}
            hint={t("intake.new.harmHint")}
            options={HARM_ANSWERS}
            defaultValue={s("harm")}
            errors={e.harm}
          />
        </section>

        <section className="card stack" aria-labelledby="intake-consent">
          <h2 id="intake-consent">{t("intake.new.consentHeading")}</h2>
          <RadioGroup
            name="consent"
            legend={t("intake.new.consent")}
            options={CONSENT_ANSWERS}
            defaultValue={s("consent")}
            errors={e.consent}
          />
          {canAssign ? (
            <SelectField
              name="assignee"
              label={t("intake.new.assignee")}
              hint={t("intake.new.assigneeHint")}
              defaultValue={s("assignee") ?? ""}
              errors={e.assignee}
              options={[{ value: "", label: t("intake.new.assigneeNobody") }, ...assignees]}
            />
          ) : (
            <p className="hint">{t("intake.new.youAssigned")}</p>
          )}
        </section>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("common.saving") : t("intake.new.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "intake.new.heading");
