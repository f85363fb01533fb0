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
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) throw redirect("/");
  await moveReturnToIntoCookie(request); // no redirectTo (a case id) stays in the browser's history
  return { redirectTo: await readReturnTo(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), LoginSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp ?? "unknown";
  const account = emailIndex(email);
  const values = { email, redirectTo: redirectTo ?? "" };
  // The try is counted before the (slow) password check, so tries sent at once cannot slip past the limit.
  const attempt = takePasswordAttempt(ip, account);
  if (!attempt.ok) {
    return formFailure(tooManyAttemptsMessage(attempt), {
      status: 429,
      headers: { "Retry-After": String(attempt.retryAfter) },
      values,
    });
  }
  const userId = await verifyLogin(email, password);
  if (!userId) {
    audit({ action: "user.login_failed" });
    return formFailure("The email address or password is not right.", { values });
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
  return (
    <div className="stack narrow">
      <h1>Log in</h1>
      {params.get("reset") ? (
        <p className="notice notice-ok" role="status">
          Your password was changed and every device was logged out. Log in with the new password.
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
          label="Email address"
          autoComplete="username"
          defaultValue={textValue(data?.values, "email")}
          errors={data?.fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          errors={data?.fieldErrors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Log in · Retract" }];
