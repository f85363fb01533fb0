import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { completePasswordReset, isResetTokenValid } from "~/auth/password-reset.server";
import { ResetSchema } from "~/auth/schemas.server";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import { formFailure, parseForm } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: token.length >= 20 && token.length <= 200 && isResetTokenValid(token) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), ResetSchema);
  if (!parsed.ok) return formFailure(parsed);
  if (!(await completePasswordReset(parsed.data.token, parsed.data.password))) {
    return formFailure("This reset link has expired or was already used. Ask for a new one.");
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!valid) {
    return (
      <div className="stack narrow">
        <h1>This link does not work any more</h1>
        <p>Reset links work once, for one hour.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>Choose a new password</h1>
      <p>After this, every device where you are logged in will be logged out.</p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordField label="New password" errors={data?.fieldErrors.password} />
        <TextField
          name="confirm"
          type="password"
          label="The same password again"
          autoComplete="new-password"
          errors={data?.fieldErrors.confirm}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save new password"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Choose a new password · Retract" }];
