import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { INVITATION_LIMITS } from "~/auth/rate-limit.server";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { userErrorIn } from "~/requests/said";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm } from "~/utils/forms.server";
import {
  createInvitation,
  InvitationError,
  InvitationLimitError,
  listOpenInvitations,
  revokeInvitation,
} from "~/workspaces/invitations.server";
import { changeRole, listMembers, MemberError, removeMember } from "~/workspaces/members.server";
import { ROLE_KEYS, roleKeys } from "~/workspaces/roles";
import {
  ChangeRoleSchema,
  InviteSchema,
  MembersIntentSchema,
  RemoveMemberSchema,
  RequireTwoFactorSchema,
  RevokeInvitationSchema,
} from "~/workspaces/schemas.server";
import { can, requirePermission } from "~/workspaces/scope.server";
import { getWorkspace, setRequireTwoFactor } from "~/workspaces/workspaces.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "members:manage");
  const ws = getWorkspace(scope.workspaceId)!;
  if (ws.kind === "personal") return { personal: true as const };
  return {
    personal: false as const,
    name: ws.name,
    requireTwoFactor: ws.requireTwoFactor,
    me: scope.userId,
    canManageOwners: can(scope, "owners:manage"),
    canSeeAudit: can(scope, "audit:read"),
    inviteLimits: {
      perMember: INVITATION_LIMITS.perMember.points,
      perWorkspace: INVITATION_LIMITS.perWorkspace.points,
    },
    members: listMembers(scope).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invitations: listOpenInvitations(scope).map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "members:manage");
  const form = await request.formData();
  const translator = await getTranslator(request);
  const intent = parseForm(form, MembersIntentSchema);
  if (!intent.ok) return formFailure(translator.t("errors.unknownAction"));
  try {
    switch (intent.data.intent) {
      case "invite": {
        const parsed = parseForm(form, InviteSchema);
        if (!parsed.ok)
          return formFailure(translateFailure(translator, parsed), {
            extra: { intent: "invite" as const },
          });
        const inv = await createInvitation(scope, parsed.data);
        return { ok: true as const, invited: { link: inv.link, delivered: inv.delivered } };
      }
      case "role": {
        const parsed = parseForm(form, ChangeRoleSchema);
        if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
        changeRole(scope, parsed.data.userId, parsed.data.role);
        break;
      }
      case "remove": {
        const parsed = parseForm(form, RemoveMemberSchema);
        if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
        removeMember(scope, parsed.data.userId);
        if (parsed.data.userId === scope.userId) return redirect("/");
        break;
      }
      case "revoke": {
        const parsed = parseForm(form, RevokeInvitationSchema);
        if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
        revokeInvitation(scope, parsed.data.invitationId);
        break;
      }
      case "require-2fa": {
        const parsed = parseForm(form, RequireTwoFactorSchema);
        if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
        setRequireTwoFactor(scope, parsed.data.required);
        break;
      }
    }
  } catch (e) {
    if (e instanceof InvitationLimitError)
      return formFailure(userErrorIn(translator, e), {
        headers: { "Retry-After": String(e.retryAfter) },
        extra: { intent: "invite" as const },
      });
    // MemberError, InvitationError: said above the members and in the invitation form.
    if (e instanceof MemberError || e instanceof InvitationError)
      return formFailure(userErrorIn(translator, e));
    throw e;
  }
  return redirect("/workspace/members?saved=1");
}

const roleOptions = ({ t }: Translator, withOwner: boolean) =>
  Object.entries(ROLE_KEYS)
    .filter(([value]) => withOwner || value !== "owner")
    .map(([value, keys]) => ({ value, label: t(keys.label) }));

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const translator = useT();
  const { t, rich, locale } = translator;
  if (data.personal) {
    return (
      <div className="stack medium">
        <h1>{t("members.title")}</h1>
        <p>{t("members.personal")}</p>
        <p>
          <Link to="/workspaces/new" className="button">
            {t("workspaces.new.title")}
          </Link>
        </p>
      </div>
    );
  }
  const failed = result && !result.ok ? result : undefined;
  // Only the invitation form names itself; other failures are said above the members too.
  const failedIntent = failed && "intent" in failed ? failed.intent : undefined;
  return (
    <div className="stack">
      <h1>{t("members.titleOf", { name: data.name })}</h1>
      {data.canSeeAudit ? (
        <p>{rich("members.auditLink", { link: (chunks) => <Link to="/workspace/audit">{chunks}</Link> })}</p>
      ) : null}
      {params.get("created") ? (
        <p className="notice notice-ok" role="status">
          {t("members.created")}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice notice-ok" role="status">
          {t("members.saved")}
        </p>
      ) : null}
      {failed && failedIntent !== "invite" ? <FormErrors errors={failed.formErrors} /> : null}
      <ul className="list" aria-label={t("members.listLabel")}>
        {data.members.map((m) => {
          const locked = m.role === "owner" && !data.canManageOwners;
          return (
            <li key={m.userId} className="list-item member">
              <div className="spread">
                <div>
                  <h2 className="h3">{m.userId === data.me ? t("members.you", { name: m.name }) : m.name}</h2>
                  <p className="muted">{m.email}</p>
                </div>
                <span className="badge">{t(roleKeys(m.role).name)}</span>
              </div>
              {locked ? null : (
                <div className="row">
                  <Form method="post" className="row">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <SelectField
                      id={`role-${m.userId}`}
                      name="role"
                      label={t("members.roleOf", { name: m.name })}
                      options={roleOptions(translator, data.canManageOwners)}
                      defaultValue={m.role}
                    />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      {t("members.changeRole")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" className="button button-danger" disabled={busy}>
                      {t("members.remove", { name: m.name })}
                    </button>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("members.invite.title")}</h2>
        {result?.ok ? (
          <div className="notice notice-ok" role="status">
            <p>
              {result.invited.delivered ? t("members.invite.emailed") : t("members.invite.notEmailed")}{" "}
              {t("members.invite.link")}
            </p>
            <p>
              <code className="mono invite-link">{result.invited.link}</code>
            </p>
          </div>
        ) : null}
        <Form method="post" className="stack" noValidate>
          {failed && (failedIntent === "invite" || !failedIntent) ? (
            <FormErrors errors={failed.formErrors} />
          ) : null}
          <input type="hidden" name="intent" value="invite" />
          <TextField
            name="email"
            type="email"
            label={t("members.invite.email")}
            autoComplete="off"
            defaultValue={textValue(failed?.values, "email")}
            errors={failed?.fieldErrors.email}
          />
          <SelectField
            name="role"
            label={t("members.invite.role")}
            options={roleOptions(translator, data.canManageOwners)}
            defaultValue="caseworker"
            errors={failed?.fieldErrors.role}
          />
          <p className="hint">
            {t("members.invite.limits", {
              perMember: data.inviteLimits.perMember,
              perWorkspace: data.inviteLimits.perWorkspace,
            })}
          </p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("members.invite.submitting") : t("members.invite.submit")}
          </button>
        </Form>
        {data.invitations.length ? (
          <>
            <h3>{t("members.open.title")}</h3>
            <ul className="list" aria-label={t("members.open.listLabel")}>
              {data.invitations.map((i) => (
                <li key={i.id} className="list-item spread">
                  <span>
                    {t("members.open.item", {
                      email: i.email,
                      role: t(roleKeys(i.role).name),
                      day: formatDay(locale, i.expiresAt.slice(0, 10), "long"),
                    })}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button button-secondary">
                      {t("members.open.withdraw", { email: i.email })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="security-heading">
        <h2 id="security-heading">{t("members.security.title")}</h2>
        <p>{data.requireTwoFactor ? t("members.security.required") : t("members.security.optional")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="require-2fa" />
          <input type="hidden" name="required" value={data.requireTwoFactor ? "false" : "true"} />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {data.requireTwoFactor ? t("members.security.stop") : t("members.security.require")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
