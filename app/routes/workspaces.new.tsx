import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  const { id } = createOrganisation(session.userId, parsed.data.name);
  switchWorkspace(session, id);
  return redirect("/workspace/members?created=1");
}

export default function NewOrganisation() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("workspaces.new.title")}</h1>
      <p>{t("workspaces.new.intro")}</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="name"
          label={t("workspaces.new.name")}
          hint={t("workspaces.new.nameHint")}
          defaultValue={textValue(data?.values, "name")}
          errors={data?.fieldErrors.name}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("workspaces.new.submitting") : t("workspaces.new.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workspaces.new.metaTitle");
