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
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { userErrorIn } from "~/requests/said";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, NewPasswordField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm, parseParams, UserError } from "~/utils/forms.server";
import { acceptInvitation, findInvitation, InvitationError } from "~/workspaces/invitations.server";
import { roleKeys } from "~/workspaces/roles";
import { InvitationIntentSchema, InvitationParamsSchema } from "~/workspaces/schemas.server";
import { switchWorkspace } from "~/workspaces/workspaces.server";

function openInvitation(params: unknown, { t }: Translator) {
  const { token } = parseParams(params, InvitationParamsSchema);
  const inv = findInvitation(token);
  if (!inv) throw new Response(t("errors.invitations.gone"), { status: 404 });
  return { token, inv };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const translator = await getTranslator(request);
  const { inv } = openInvitation(params, translator);
  const session = await getCurrentSession(request);
  return {
    organisation: inv.workspaceName,
    role: translator.t(roleKeys(inv.role).label),
    signedIn: Boolean(session),
    loginUrl: `/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const translator = await getTranslator(request);
  const { t } = translator;
  const { token, inv } = openInvitation(params, translator);
  const form = await request.formData();
  const intent = parseForm(form, InvitationIntentSchema);
  if (!intent.ok) return formFailure(t("errors.unknownAction"));
  if (intent.data.intent === "accept") {
    const session = await getCurrentSession(request);
    if (!session) throw redirect(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    try {
      const { workspaceId } = acceptInvitation(token, session.userId);
      switchWorkspace(session, workspaceId);
    } catch (e) {
      if (e instanceof InvitationError) return formFailure(saidOf(translator, e));
      throw e;
    }
    return redirect("/");
  }
  // A new account, created for the invited address only.
  const parsed = parseForm(form, SignupSchema);
  // The sign-up schema's messages are keys (app/auth/schemas.ts), translated here.
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  if (emailIndex(parsed.data.email) !== inv.emailHmac)
    return formFailure(new UserError(t("errors.invitations.useInvitedEmail"), { field: "email" }), {
      values: { name: parsed.data.name, email: parsed.data.email },
    });
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
    if (e instanceof EmailTakenError) return formFailure(t("errors.invitations.accountExists"));
    if (e instanceof InvitationError) return formFailure(saidOf(translator, e));
    throw e;
  }
}

/** An invitation error as the whole form's message, in the page's language. */
const saidOf = (translator: Translator, e: InvitationError) => userErrorIn(translator, e).message;

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, rich } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("invitations.title", { organisation: data.organisation })}</h1>
      <p>{rich("invitations.role", { role: data.role, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <FormErrors errors={result?.formErrors} />
      {data.signedIn ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="accept" />
          <p>{t("invitations.mustMatch")}</p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("invitations.joining") : t("invitations.accept")}
          </button>
        </Form>
      ) : (
        <>
          <p>
            {rich("invitations.haveAccount", { link: (chunks) => <Link to={data.loginUrl}>{chunks}</Link> })}
          </p>
          <Form method="post" className="card" noValidate>
            <h2>{t("invitations.create")}</h2>
            <input type="hidden" name="intent" value="signup" />
            <TextField
              name="name"
              label={t("auth.signup.name")}
              autoComplete="name"
              defaultValue={textValue(result?.values, "name")}
              errors={result?.fieldErrors.name}
            />
            <TextField
              name="email"
              type="email"
              label={t("auth.field.email")}
              autoComplete="email"
              hint={t("invitations.emailHint")}
              defaultValue={textValue(result?.values, "email")}
              errors={result?.fieldErrors.email}
            />
            <NewPasswordField errors={result?.fieldErrors.password} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("auth.signup.finish.submitting") : t("invitations.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invitations.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
