import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { allowResetRequest } from "~/auth/rate-limit.server";
import { ForgotSchema } from "~/auth/schemas.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm } from "~/utils/forms.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), ForgotSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const limit = await allowResetRequest(context.clientIp ?? "unknown");
  if (!limit.ok) {
    return formFailure(translator.t("errors.auth.resetRequestLimit"), {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfter) },
    });
  }
  await requestPasswordReset(parsed.data.email, translator.locale);
  return data({ ok: true as const });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  if (data?.ok) {
    return (
      <div className="stack narrow">
        <h1>{t("auth.checkEmail.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("auth.forgot.sent")}
        </p>
        <p>
          <Link to="/login">{t("auth.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t("auth.forgot.title")}</h1>
      <p>{t("auth.forgot.intro")}</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="email"
          type="email"
          label={t("auth.field.email")}
          autoComplete="email"
          defaultValue={textValue(data?.values, "email")}
          errors={data?.fieldErrors.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.sending") : t("auth.forgot.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.forgot.title");
