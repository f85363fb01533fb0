import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { SignupSchema } from "~/auth/schemas.server";
import { createSession, getCurrentSession } from "~/auth/session.server";
import { createUser, EmailTakenError, emailIndex } from "~/auth/users.server";
import { translateFailure } from "~/i18n/errors";
import { getTranslator } from "~/i18n/locale.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm, parseParams, UserError } from "~/utils/forms.server";
import { acceptInvitation, findInvitation, InvitationError } from "~/workspaces/invitations.server";
import { ROLE_LABELS } from "~/workspaces/roles";
import { InvitationIntentSchema, InvitationParamsSchema } from "~/workspaces/schemas.server";
import { switchWorkspace } from "~/workspaces/workspaces.server";

function openInvitation(params: unknown) {
  const { token } = parseParams(params, InvitationParamsSchema);
  const inv = findInvitation(token);
  if (!inv)
    throw new Response("This invitation has expired, was withdrawn, or was already used.", { status: 404 });
  return { token, inv };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { inv } = openInvitation(params);
  const session = await getCurrentSession(request);
  return {
    organisation: inv.workspaceName,
    role: ROLE_LABELS[inv.role],
    signedIn: Boolean(session),
    loginUrl: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { token, inv } = openInvitation(params);
  const form = await request.formData();
  const intent = parseForm(form, InvitationIntentSchema);
  if (!intent.ok) return formFailure(intent);
  if (intent.data.intent === "accept") {
    const session = await getCurrentSession(request);
    if (!session) throw redirect(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    try {
      const { workspaceId } = acceptInvitation(token, session.userId);
      switchWorkspace(session, workspaceId);
    } catch (e) {
      if (e instanceof InvitationError) return formFailure(e.message);
      throw e;
    }
    return redirect("/");
  }
  // A new account, created for the invited address only.
  const parsed = parseForm(form, SignupSchema);
  // The sign-up schema's messages are keys (app/auth/schemas.ts), translated here.
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  if (emailIndex(parsed.data.email) !== inv.emailHmac)
    return formFailure(
      new UserError("Use the email address this invitation was sent to.", { field: "email" }),
      {
        values: { name: parsed.data.name, email: parsed.data.email },
      },
    );
  try {
    const { id } = await createUser(parsed.data);
    audit({ action: "user.signup", actorUserId: id, targetType: "user", targetId: id });
    const { workspaceId } = acceptInvitation(token, id);
    const cookie = await createSession({
      userId: id,
      workspaceId,
      userAgent: request.headers.get("user-agent"),
    });
    return redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (e) {
    if (e instanceof EmailTakenError)
      return formFailure("An account with this email already exists. Log in, then open this link again.");
    if (e instanceof InvitationError) return formFailure(e.message);
    throw e;
  }
}

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack narrow">
      <h1>Join {data.organisation}</h1>
      <p>
        You are invited to join as <strong>{data.role}</strong>.
      </p>
      <FormErrors errors={result?.formErrors} />
      {data.signedIn ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="accept" />
          <p>The invitation must match the email address of the account you are logged in with.</p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Joining…" : "Accept invitation"}
          </button>
        </Form>
      ) : (
        <>
          <p>
            Already have an account? <Link to={data.loginUrl}>Log in</Link> with the invited email address,
            then open this link again.
          </p>
          <Form method="post" className="card" noValidate>
            <h2>Or create your account</h2>
            <input type="hidden" name="intent" value="signup" />
            <TextField
              name="name"
              label="Your name"
              autoComplete="name"
              defaultValue={textValue(result?.values, "name")}
              errors={result?.fieldErrors.name}
            />
            <TextField
              name="email"
              type="email"
              label="Email address"
              autoComplete="email"
              hint="The address the invitation was sent to."
              defaultValue={textValue(result?.values, "email")}
              errors={result?.fieldErrors.email}
            />
            <NewPasswordField errors={result?.fieldErrors.password} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Creating your account…" : "Create account and join"}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Invitation · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
