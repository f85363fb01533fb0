import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm } from "~/utils/forms.server";
import { OrganisationSchema } from "~/workspaces/schemas.server";
import { createOrganisation, switchWorkspace } from "~/workspaces/workspaces.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireScope(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireScope(request);
  const parsed = parseForm(await request.formData(), OrganisationSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { id } = createOrganisation(session.userId, parsed.data.name);
  switchWorkspace(session, id);
  return redirect("/workspace/members?created=1");
}

export default function NewOrganisation() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack narrow">
      <h1>Create an organisation</h1>
      <p>
        An organisation is a shared workspace: invite caseworkers, assign each client to a caseworker, and let
        supervisors see everything. Your personal workspace stays private to you.
      </p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="name"
          label="Organisation name"
          hint="Members see this name. For example “Legal Aid Centre North”."
          defaultValue={textValue(data?.values, "name")}
          errors={data?.fieldErrors.name}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating…" : "Create organisation"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New organisation · Retract" }];
