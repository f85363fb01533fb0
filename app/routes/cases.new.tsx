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
  return { subjects: listSubjectNames(scope), countries: countryOptions() };
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
      {
        fieldErrors: {
          ...(choice.ok ? {} : choice.fieldErrors),
          ...(person && !person.ok ? person.fieldErrors : {}),
        },
      },
      { values: formValues(form) },
    );
  }
  let subjectId = choice.data.subjectId;
  if (person?.ok) {
    subjectId = createSubject(scope, person.data);
  } else if (!subjectExists(scope, subjectId)) {
    return formFailure({ fieldErrors: { subjectId: ["Choose a person from the list."] } });
  }
  const caseId = createCase(scope, { subjectId, title: choice.data.title });
  return redirect(`/cases/${caseId}`);
}

export default function NewCase() {
  const { subjects, countries } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const v = textValues(data?.values);
  return (
    <div className="stack medium">
      <h1>Open a new case</h1>
      <p>
        A case is one leak about one person. You can open it for yourself or for someone you are helping. Only
        you can see what you enter here.
      </p>
      <p>
        Taking on a new client? The <Link to="/clients/new">intake form</Link> asks everything for first
        contact.
      </p>
      <Form method="post" className="card" noValidate>
        <TextField
          name="title"
          label="Case title"
          hint="A few words to recognise it, for example “Telegram channel post, June”."
          defaultValue={v.title}
          errors={data?.fieldErrors.title}
        />
        {subjects.length > 0 ? (
          <SelectField
            name="subjectId"
            label="Who is this case about?"
            defaultValue={v.subjectId ?? "new"}
            errors={data?.fieldErrors.subjectId}
            options={[
              { value: "new", label: "Someone new (fill in the details below)" },
              ...subjects.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        ) : (
          <input type="hidden" name="subjectId" value="new" />
        )}
        <fieldset className="field">
          <legend>
            {subjects.length > 0 ? "About someone new" : "About the person whose details leaked"}
          </legend>
          <p className="hint">
            These details are encrypted. They are used to fill in letters and to check whether the details are
            still online. Only the name is needed now.
          </p>
          <SubjectFieldset countries={countries} defaults={v} errors={data?.fieldErrors} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Opening the case…" : "Open case"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Open a new case · Retract" }];
