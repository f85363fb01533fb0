import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SignupFinishSchema, SignupRequestSchema } from "~/auth/schemas.server";
import { createSession, getCurrentSession } from "~/auth/session.server";
import {
  allowSignup,
  finishSignup,
  readSignupLink,
  requestSignup,
  SIGNUP_LINK_HOURS,
  SignupLinkError,
} from "~/auth/signup.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { canSendSystemMail } from "~/mail/mailer.server";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm } from "~/utils/forms.server";

// /signup asks for a name and an email and always answers "check your email"; /signup?token=… (the emailed
// link) asks for the password and creates the account (app/auth/signup.server.ts, decision 065).

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) throw redirect("/");
  const token = new URL(request.url).searchParams.get("token");
  if (token === null) return { step: "request" as const };
  try {
    const { name, email } = readSignupLink(token);
    return { step: "finish" as const, token, name, email, error: null };
  } catch (e) {
    if (e instanceof SignupLinkError)
      return { step: "invalid" as const, error: (await getTranslator(request)).t(e.key) };
    throw e;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const translator = await getTranslator(request);
  const { t } = translator;
  const form = await request.formData();
  if (form.has("token")) {
    const parsed = parseForm(form, SignupFinishSchema);
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
    try {
      const { id, workspaceId } = await finishSignup(parsed.data.token, parsed.data.password);
      const cookie = await createSession({
        userId: id,
        workspaceId,
        userAgent: request.headers.get("user-agent"),
      });
      return redirect("/", { headers: { "Set-Cookie": cookie } });
    } catch (e) {
      if (e instanceof SignupLinkError) return formFailure(t(e.key));
      throw e;
    }
  }
  const parsed = parseForm(form, SignupRequestSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  // The same for every address, so it tells nothing about accounts (decision 065).
  if (!canSendSystemMail()) return formFailure(t("errors.auth.noSystemMail"), { status: 503 });
  const limit = await allowSignup(context.clientIp ?? "unknown", parsed.data.email);
  if (!limit.ok)
    return formFailure(t("errors.auth.signupLimit"), {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfter) },
    });
  try {
    await requestSignup({ ...parsed.data, locale: translator.locale });
  } catch (e) {
    console.error("[signup] the sign-up email could not be sent:", (e as Error).message);
    return formFailure(t("errors.auth.mailFailed"), { status: 503 });
  }
  return data({ ok: true as const, hours: SIGNUP_LINK_HOURS });
}

export default function Signup() {
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = data && !data.ok ? data : undefined;
  const { t, rich } = useT();
  if (page.step === "invalid") {
    return (
      <div className="stack narrow">
        <h1>{t("auth.signup.title")}</h1>
        <p className="notice notice-error" role="alert">
          {page.error}
        </p>
        <p>
          {rich("auth.signup.startAgainOrLogIn", {
            again: (chunks) => (
              <Link key="again" to="/signup">
                {chunks}
              </Link>
            ),
            login: (chunks) => (
              <Link key="login" to="/login">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }
  if (page.step === "finish") {
    return (
      <div className="stack narrow">
        <h1>{t("auth.signup.finish.title")}</h1>
        <p>
          {rich("auth.signup.finish.for", {
            email: page.email,
            strong: (chunks) => <strong key="email">{chunks}</strong>,
          })}
        </p>
        <Form method="post" className="card" noValidate>
          <FormErrors errors={failed?.formErrors} />
          <input type="hidden" name="token" value={page.token} />
          <input type="hidden" name="username" value={page.email} autoComplete="username" />
          <NewPasswordField errors={failed?.fieldErrors.password} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("auth.signup.finish.submitting") : t("auth.signup.finish.submit")}
          </button>
        </Form>
      </div>
    );
  }
  if (data?.ok) {
    return (
      <div className="stack narrow">
        <h1>{t("auth.checkEmail.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("auth.signup.sent", { hours: data.hours })}
        </p>
        <p>
          <Link to="/login">{t("auth.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>{t("auth.signup.title")}</h1>
      <p>{t("auth.signup.intro")}</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={failed?.formErrors} />
        <TextField
          name="name"
          label={t("auth.signup.name")}
          autoComplete="name"
          defaultValue={textValue(failed?.values, "name")}
          errors={failed?.fieldErrors.name}
        />
        <TextField
          name="email"
          type="email"
          label={t("auth.field.email")}
          autoComplete="email"
          hint={t("auth.signup.emailHint")}
          defaultValue={textValue(failed?.values, "email")}
          errors={failed?.fieldErrors.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.sending") : t("auth.signup.submit")}
        </button>
      </Form>
      <p>
        {rich("auth.signup.haveAccount", {
          link: (chunks) => (
            <Link key="login" to="/login">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.signup.title");
