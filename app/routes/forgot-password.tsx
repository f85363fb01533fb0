import { type ActionFunctionArgs, data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { allowResetRequest } from "~/auth/rate-limit.server";
import { ForgotSchema } from "~/auth/schemas.server";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm } from "~/utils/forms.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), ForgotSchema);
  if (!parsed.ok) return formFailure(parsed);
  const limit = await allowResetRequest(context.clientIp ?? "unknown");
  if (!limit.ok) {
    return formFailure("Too many requests. Please wait a few minutes and try again.", {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfter) },
    });
  }
  await requestPasswordReset(parsed.data.email);
  return data({ ok: true as const });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (data?.ok) {
    return (
      <div className="stack narrow">
        <h1>Check your email</h1>
        <p className="notice notice-ok" role="status">
          If an account uses this address, we have sent it a link to choose a new password. The link works
          once, for one hour.
        </p>
        <p>
          <Link to="/login">Back to log in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>Reset your password</h1>
      <p>Enter the email address of your account. We will send a link to choose a new password.</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          defaultValue={textValue(data?.values, "email")}
          errors={data?.fieldErrors.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Sending…" : "Send reset link"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Reset your password · Retract" }];
