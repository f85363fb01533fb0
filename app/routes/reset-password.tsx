import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { completePasswordReset, isResetTokenValid } from "~/auth/password-reset.server";
import { ResetSchema } from "~/auth/schemas.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import { formFailure, parseForm } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: token.length >= 20 && token.length <= 200 && isResetTokenValid(token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), ResetSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  if (!(await completePasswordReset(parsed.data.token, parsed.data.password))) {
    return formFailure(translator.t("errors.auth.resetLinkUsed"));
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  if (!valid) {
    return (
      <div className="stack narrow">
        <h1>{t("auth.reset.invalid.title")}</h1>
        <p>{t("auth.reset.invalid.text")}</p>
        <p>
          <Link to="/forgot-password">{t("auth.reset.invalid.again")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t("auth.reset.title")}</h1>
      <p>{t("auth.reset.intro")}</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordField label={t("auth.reset.newPassword")} errors={data?.fieldErrors.password} />
        <TextField
          name="confirm"
          type="password"
          label={t("auth.reset.confirm")}
          autoComplete="new-password"
          errors={data?.fieldErrors.confirm}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.saving") : t("auth.reset.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.reset.title");
