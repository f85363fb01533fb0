import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { SignupSchema } from "~/auth/schemas";
import { createSession, getCurrentSession } from "~/auth/session.server";
import { createUser, EmailTakenError } from "~/auth/users.server";
import { FormErrors, TextField } from "~/ui/forms";
import { parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentSession(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), SignupSchema);
  if (!parsed.ok) return Response.json(parsed, { status: 400 });
  try {
    const { id, workspaceId } = await createUser(parsed.data);
    audit({ action: "user.signup", actorUserId: id, workspaceId, targetType: "user", targetId: id });
    const cookie = await createSession({
      userId: id,
      workspaceId,
      userAgent: request.headers.get("user-agent"),
    });
    return redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (e) {
    if (e instanceof EmailTakenError) {
      return Response.json(
        {
          ok: false,
          fieldErrors: {
            email: ["An account with this email already exists. Log in, or reset your password."],
          },
          formErrors: [],
          values: { name: parsed.data.name, email: parsed.data.email },
        },
        { status: 400 },
      );
    }
    throw e;
  }
}

type ActionData = {
  ok: false;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  values: Record<string, string>;
};

export default function Signup() {
  const data = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack narrow">
      <h1>Create your account</h1>
      <p>
        Retract keeps a private record of where your details appear and helps you ask for them to be taken
        down. Everything you enter is encrypted on this server.
      </p>
      <Form method="post" className="card" noValidate>
        <FormErrors errors={data?.formErrors} />
        <TextField
          name="name"
          label="Your name"
          autoComplete="name"
          defaultValue={data?.values.name}
          errors={data?.fieldErrors.name}
        />
        <TextField
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          hint="Used to log in and to reset your password. Nobody else sees it."
          defaultValue={data?.values.email}
          errors={data?.fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          hint="At least 12 characters."
          errors={data?.fieldErrors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Creating your account…" : "Create account"}
        </button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create your account · Retract" }];
