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
    if (e instanceof SignupLinkError) return { step: "invalid" as const, error: e.message };
    throw e;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.has("token")) {
    const parsed = parseForm(form, SignupFinishSchema);
    if (!parsed.ok) return formFailure(parsed);
    try {
      const { id, workspaceId } = await finishSignup(parsed.data.token, parsed.data.password);
      const cookie = await createSession({
        userId: id,
        workspaceId,
        userAgent: request.headers.get("user-agent"),
      });
      return redirect("/", { headers: { "Set-Cookie": cookie } });
    } catch (e) {
      if (e instanceof SignupLinkError) return formFailure(e.message);
      throw e;
    }
  }
  const parsed = parseForm(form, SignupRequestSchema);
  if (!parsed.ok) return formFailure(parsed);
  // The same for every address, so it tells nothing about accounts (decision 065).
  if (!canSendSystemMail())
    return formFailure(
      "This server cannot send email, so new accounts cannot be made here yet. Ask the person who runs it to set up email (SMTP).",
      { status: 503 },
    );
  const limit = await allowSignup(context.clientIp ?? "unknown", parsed.data.email);
  if (!limit.ok)
    return formFailure("Too many sign-ups. Please wait a while and try again.", {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfter) },
    });
  try {
    await requestSignup(parsed.data);
  } catch (e) {
    console.error("[signup] the sign-up email could not be sent:", (e as Error).message);
    return formFailure("The email could not be sent just now. Please try again later.", { status: 503 });
  }
  return data({ ok: true as const, hours: SIGNUP_LINK_HOURS });
}

export default function Signup() {
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = data && !data.ok ? data : undefined;
  if (page.step === "invalid") {
    return (
      <div className="stack narrow">
        <h1>Create your account</h1>
        <p className="notice notice-error" role="alert">
          {page.error}
        </p>
        <p>
          <Link to="/signup">Start again</Link> or <Link to="/login">log in</Link>.
        </p>
      </div>
    );
  }
  if (page.step === "finish") {
    return (
      <div className="stack narrow">
        <h1>Choose your password</h1>
        <p>
          This finishes the account for <strong>{page.email}</strong>.
        </p>
        <Form method="post" className="card" noValidate>
          <FormErrors errors={failed?.formErrors} />
          <input type="hidden" name="token" value={page.token} />
          <input type="hidden" name="username" value={page.email} autoComplete="username" />
          <NewPasswordField errors={failed?.fieldErrors.password} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating your account…" : "Create account"}
          </button>
        </Form>
      </div>
    );
  }
  if (data?.ok) {
    return (
      <div className="stack narrow">
        <h1>Check your email</h1>
        <p className="notice notice-ok" role="status">
          We have sent a message to the address you entered. Open the link in it within {data.hours} hours to
          finish creating your account. If the address already has an account, the message says so.
        </p>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>Create your account</h1>
      <p>
        Retract keeps a private record of where your details appear and helps you ask for them to be taken
        down. Everything you enter is encrypted on this server.
      </p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={failed?.formErrors} />
        <TextField
          name="name"
          label="Your name"
          autoComplete="name"
          defaultValue={textValue(failed?.values, "name")}
          errors={failed?.fieldErrors.name}
        />
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          hint="We send a link to this address to finish your account. It is used to log in and to reset your password. Nobody else sees it."
          defaultValue={textValue(failed?.values, "email")}
          errors={failed?.fieldErrors.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Sending…" : "Continue"}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create your account · Retract" }];
