import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { INVITATION_LIMITS } from "~/auth/rate-limit.server";
import { requireScope } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { getTranslator } from "~/i18n/locale.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, formFailureOrThrow, parseForm } from "~/utils/forms.server";
import {
  createInvitation,
  InvitationLimitError,
  listOpenInvitations,
  revokeInvitation,
} from "~/workspaces/invitations.server";
import { changeRole, listMembers, removeMember } from "~/workspaces/members.server";
import { ROLE_LABELS } from "~/workspaces/roles";
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
  const intent = parseForm(form, MembersIntentSchema);
  if (!intent.ok) return formFailure(intent);
  try {
    switch (intent.data.intent) {
      case "invite": {
        const parsed = parseForm(form, InviteSchema);
        // EmailSchema's messages are keys (app/auth/schemas.ts), translated here.
        if (!parsed.ok)
          return formFailure(translateFailure(await getTranslator(request), parsed), {
            extra: { intent: "invite" as const },
          });
        const inv = await createInvitation(scope, parsed.data);
        return { ok: true as const, invited: { link: inv.link, delivered: inv.delivered } };
      }
      case "role": {
        const parsed = parseForm(form, ChangeRoleSchema);
        if (!parsed.ok) return formFailure(parsed);
        changeRole(scope, parsed.data.userId, parsed.data.role);
        break;
      }
      case "remove": {
        const parsed = parseForm(form, RemoveMemberSchema);
        if (!parsed.ok) return formFailure(parsed);
        removeMember(scope, parsed.data.userId);
        if (parsed.data.userId === scope.userId) return redirect("/");
        break;
      }
      case "revoke": {
        const parsed = parseForm(form, RevokeInvitationSchema);
        if (!parsed.ok) return formFailure(parsed);
        revokeInvitation(scope, parsed.data.invitationId);
        break;
      }
      case "require-2fa": {
        const parsed = parseForm(form, RequireTwoFactorSchema);
        if (!parsed.ok) return formFailure(parsed);
        setRequireTwoFactor(scope, parsed.data.required);
        break;
      }
    }
  } catch (e) {
    if (e instanceof InvitationLimitError)
      return formFailure(e, {
        headers: { "Retry-After": String(e.retryAfter) },
        extra: { intent: "invite" as const },
      });
    // MemberError, InvitationError: said above the members and in the invitation form.
    return formFailureOrThrow(e);
  }
  return redirect("/workspace/members?saved=1");
}

const roleOptions = (withOwner: boolean) =>
  Object.entries(ROLE_LABELS)
    .filter(([value]) => withOwner || value !== "owner")
    .map(([value, label]) => ({ value, label }));

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  if (data.personal) {
    return (
      <div className="stack medium">
        <h1>Members</h1>
        <p>
          This is your personal workspace: only you can see it. To work with others, create an organisation
          and invite them there.
        </p>
        <p>
          <Link to="/workspaces/new" className="button">
            Create an organisation
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
      <h1>Members of {data.name}</h1>
      {data.canSeeAudit ? (
        <p>
          <Link to="/workspace/audit">See the audit log</Link> of who did what in this organisation.
        </p>
      ) : null}
      {params.get("created") ? (
        <p className="notice notice-ok" role="status">
          Your organisation is ready. Invite the people you work with.
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      {failed && failedIntent !== "invite" ? <FormErrors errors={failed.formErrors} /> : null}
      <ul className="list" aria-label="Members">
        {data.members.map((m) => {
          const locked = m.role === "owner" && !data.canManageOwners;
          return (
            <li key={m.userId} className="list-item member">
              <div className="spread">
                <div>
                  <h2 className="h3">
                    {m.name}
                    {m.userId === data.me ? " (you)" : ""}
                  </h2>
                  <p className="muted">{m.email}</p>
                </div>
                <span className="badge">{m.role}</span>
              </div>
              {locked ? null : (
                <div className="row">
                  <Form method="post" className="row">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <SelectField
                      id={`role-${m.userId}`}
                      name="role"
                      label={`Role of ${m.name}`}
                      options={roleOptions(data.canManageOwners)}
                      defaultValue={m.role}
                    />
                    <button type="submit" className="button button-secondary" disabled={busy}>
                      Change role
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" className="button button-danger" disabled={busy}>
                      Remove {m.name}
                    </button>
                  </Form>
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        {result?.ok ? (
          <div className="notice notice-ok" role="status">
            <p>
              {result.invited.delivered
                ? "The invitation was emailed."
                : "Email is not set up on this server, so the invitation was not emailed."}{" "}
              You can also send them this link yourself; it works once, for 7 days:
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
            label="Their email address"
            autoComplete="off"
            defaultValue={textValue(failed?.values, "email")}
            errors={failed?.fieldErrors.email}
          />
          <SelectField
            name="role"
            label="Role"
            options={roleOptions(data.canManageOwners)}
            defaultValue="caseworker"
            errors={failed?.fieldErrors.role}
          />
          <p className="hint">
            Each member can send up to {data.inviteLimits.perMember} invitations an hour, and the organisation
            up to {data.inviteLimits.perWorkspace} a day.
          </p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Inviting…" : "Send invitation"}
          </button>
        </Form>
        {data.invitations.length ? (
          <>
            <h3>Waiting to be accepted</h3>
            <ul className="list" aria-label="Open invitations">
              {data.invitations.map((i) => (
                <li key={i.id} className="list-item spread">
                  <span>
                    {i.email} · {i.role} · until {new Date(i.expiresAt).toLocaleDateString("en-GB")}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="button button-secondary">
                      Withdraw invitation for {i.email}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="security-heading">
        <h2 id="security-heading">Security</h2>
        <p>
          {data.requireTwoFactor
            ? "Every member must use two-factor authentication. Members without it are asked to set it up before they can open anything here."
            : "Members may use two-factor authentication, but it is not required."}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="require-2fa" />
          <input type="hidden" name="required" value={data.requireTwoFactor ? "false" : "true"} />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {data.requireTwoFactor ? "Stop requiring two-factor" : "Require two-factor for every member"}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Members · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
