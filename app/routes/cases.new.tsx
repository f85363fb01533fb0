import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { createCase } from "~/cases/cases.server";
import { NewCaseSchema } from "~/cases/schemas.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { metaTranslator } from "~/i18n/meta";
import { countryOptionsIn } from "~/subjects/country-names";
import { SubjectFieldsSchema } from "~/subjects/schemas.server";
import { SubjectFieldset } from "~/subjects/subject-fields";
import { createSubject, listSubjectNames, subjectExists } from "~/subjects/subjects.server";
import { SelectField, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import { textValues } from "~/utils/form-values";
import { formValues } from "~/utils/forms";
import { formFailure, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  // Country names in the page's language, written here so the browser's own Intl data cannot differ (decision 143).
  const { locale } = await getTranslator(request);
  return { subjects: listSubjectNames(scope), countries: countryOptionsIn(locale, countryOptions()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const form = await request.formData();
  const choice = parseForm(form, NewCaseSchema);
  const person =
    form.get("subjectId") === "new" || !form.get("subjectId") ? parseForm(form, SubjectFieldsSchema) : null;
  if (!choice.ok || (person && !person.ok)) {
    return formFailure(
      translateFailure(await getTranslator(request), {
        fieldErrors: {
          ...(choice.ok ? {} : choice.fieldErrors),
          ...(person && !person.ok ? person.fieldErrors : {}),
        },
      }),
      { values: formValues(form) },
    );
  }
  let subjectId = choice.data.subjectId;
  if (person?.ok) {
    subjectId = createSubject(scope, person.data);
  } else if (!subjectExists(scope, subjectId)) {
    const { t } = await getTranslator(request);
    return formFailure({ fieldErrors: { subjectId: [t("cases.new.errors.unknownSubject")] } });
  }
  const caseId = createCase(scope, { subjectId, title: choice.data.title });
  return redirect(`/cases/${caseId}`);
}

export default function NewCase() {
  const { subjects, countries } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = textValues(data?.values);
  const { t, rich } = useT();
  return (
    <div className="stack medium">
      <h1>{t("cases.new.title")}</h1>
      <p>{t("cases.new.intro")}</p>
      <p>
        {rich("cases.new.intake", {
          link: (chunks) => (
            <Link key="intake" to="/clients/new">
              {chunks}
            </Link>
          ),
        })}
      </p>
      <Form method="post" className="card" noValidate>
        <TextField
          name="title"
          label={t("cases.new.caseTitle")}
          hint={t("cases.new.caseTitleHint")}
          defaultValue={v.title}
          errors={data?.fieldErrors.title}
        />
        {subjects.length > 0 ? (
          <SelectField
            name="subjectId"
            label={t("cases.new.subject")}
            defaultValue={v.subjectId ?? "new"}
            errors={data?.fieldErrors.subjectId}
            options={[
              { value: "new", label: t("cases.new.subjectNew") },
              ...subjects.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        ) : (
          <input type="hidden" name="subjectId" value="new" />
        )}
        <fieldset className="field">
          <legend>{t(subjects.length > 0 ? "cases.new.aboutNew" : "cases.new.aboutPerson")}</legend>
          <p className="hint">{t("cases.new.aboutHint")}</p>
          <SubjectFieldset countries={countries} defaults={v} errors={data?.fieldErrors} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {t(busy ? "cases.new.opening" : "cases.new.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches).t("cases.new.metaTitle") },
];
