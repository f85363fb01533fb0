import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { completeLogin } from "~/auth/login.server";
import { LoginSchema, parseForm } from "~/auth/login-form.server";
import {
  passwordAttemptSucceeded,
  takePasswordAttempt,
  tooManyAttemptsMessage,
} from "~/auth/rate-limit.server";
import { moveReturnToIntoCookie, readReturnTo } from "~/auth/return-to.server";
import { getCurrentSession, safeRedirect } from "~/auth/session.server";
import { isTwoFactorEnabled, startChallenge } from "~/auth/two-factor.server";
import { emailIndex, verifyLogin } from "~/auth/users.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) throw redirect("/");
  await moveReturnToIntoCookie(request); // no redirectTo (a case id) stays in the browser's history
  return { redirectTo: await readReturnTo(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const translator = await getTranslator(request);
  const { t } = translator;
  const parsed = parseForm(await request.formData(), LoginSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp ?? "unknown";
  const account = emailIndex(email);
  const values = { email, redirectTo: redirectTo ?? "" };
  // The try is counted before the (slow) password check, so tries sent at once cannot slip past the limit.
  const attempt = takePasswordAttempt(ip, account);
  if (!attempt.ok) {
    return formFailure(tooManyAttemptsMessage(t, attempt), {
      status: 429,
      headers: { "Retry-After": String(attempt.retryAfter) },
      values,
    });
  }
  const userId = await verifyLogin(email, password);
  if (!userId) {
    audit({ action: "user.login_failed" });
    return formFailure(t("errors.auth.wrongLogin"), { values });
  }
  passwordAttemptSucceeded(ip, account);
  // With two-factor on, the password only opens the code step (not a session).
  if (isTwoFactorEnabled(userId)) {
    return redirect("/login/two-factor", {
      headers: { "Set-Cookie": await startChallenge(userId, safeRedirect(redirectTo)) },
    });
  }
  // Start in the personal workspace (the first one joined).
  return completeLogin(request, userId, safeRedirect(redirectTo));
}

export default function Login() {
  const data = useActionData<typeof action>();
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, rich } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("auth.login.heading")}</h1>
      {params.get("reset") ? (
        <p className="notice notice-ok" role="status">
          {t("auth.login.resetDone")}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <input
          type="hidden"
          name="redirectTo"
          value={textValue(data?.values, "redirectTo") || page.redirectTo || "/"}
        />
        <TextField
          name="email"
          type="email"
          label={t("auth.field.email")}
          autoComplete="username"
          defaultValue={textValue(data?.values, "email")}
          errors={data?.fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.field.password")}
          autoComplete="current-password"
          errors={data?.fieldErrors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.login.submitting") : t("auth.login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
      </p>
      <p>
        {rich("auth.login.newHere", {
          link: (chunks) => (
            <Link key="signup" to="/signup">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.login.heading");
