// API tokens: a member makes personal access tokens for the API (shown once), sees when each was last used,
// and revokes them after a confirmation step that works without JavaScript. Viewers get read-only tokens.
// Owners and admins also see the other members' active tokens and can revoke them the same way.
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EXPIRY_OPTIONS } from "~/api/token-forms";
import { CreateTokenSchema, RevokeTokenSchema } from "~/api/token-forms.server";
import {
  allowedAccess,
  createAccessToken,
  listAccessTokens,
  listMemberTokens,
  revokeAccessToken,
} from "~/api/tokens.server";
import { requireScope } from "~/auth/session.server";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

const DAY = 86_400_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const now = Date.now();
  return {
    access: allowedAccess(scope),
    tokens: listAccessTokens(scope).map((t) => ({
      id: t.id,
      name: t.name,
      access: t.access,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      expiresAt: t.expiresAt?.toISOString() ?? null,
      state: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt.getTime() <= now ? "expired" : "active",
    })),
    // Owners and admins also see the other members' active tokens, and may revoke them.
    memberTokens: can(scope, "members:manage")
      ? listMemberTokens(scope).map((t) => ({
          id: t.id,
          name: t.name,
          member: t.memberName || t.memberEmail,
          access: t.access,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          expiresAt: t.expiresAt?.toISOString() ?? null,
        }))
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "create") {
    const extra = { intent: "create" as const };
    const parsed = parseForm(form, CreateTokenSchema);
    if (!parsed.ok) return formFailure(parsed, { extra });
    const { name, access, expires } = parsed.data;
    if (!allowedAccess(scope).includes(access))
      return formFailure(
        new UserError("Your role can only read, so your tokens can only read.", {
          field: "access",
          status: 403,
        }),
        { values: { name, access, expires }, extra },
      );
    const expiresAt = expires === "never" ? null : new Date(Date.now() + Number(expires) * DAY);
    const { token } = createAccessToken({
      userId: scope.userId,
      workspaceId: scope.workspaceId,
      name,
      access,
      expiresAt,
    });
    // The token is in this one answer only (never stored, never in a URL).
    return data({ intent, created: { name, token, access } }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "revoke") {
    const parsed = parseForm(form, RevokeTokenSchema);
    if (!parsed.ok || !revokeAccessToken(scope, parsed.data.tokenId))
      return formFailure("That token does not exist or was already revoked.", {
        status: 404,
        extra: { intent: "revoke" as const },
      });
    return data({ intent, revoked: parsed.data.tokenId });
  }
  return formFailure("Unknown action.", { extra: { intent: "create" as const } });
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** What a token may do and its dates, as the items of a token's meta row. */
function TokenFacts({
  token: t,
}: {
  token: { access: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };
}) {
  return (
    <>
      <span>{t.access === "write" ? "read and write" : "read only"}</span>
      <span>created {day(t.createdAt)}</span>
      <span>{t.lastUsedAt ? `last used ${day(t.lastUsedAt)}` : "never used"}</span>
      <span>{t.expiresAt ? `expires ${day(t.expiresAt)}` : "does not expire"}</span>
    </>
  );
}

export default function Tokens() {
  const { access, tokens, memberTokens } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && "formErrors" in answer ? answer : undefined;
  const created = answer && "created" in answer ? answer.created : undefined;
  const nav = useNavigation();
  const [params] = useSearchParams();
  const creating = nav.state === "submitting" && nav.formData?.get("intent") === "create";
  const revoke = params.get("revoke");
  const mine = tokens.find((t) => t.id === revoke && t.state === "active");
  const theirs = memberTokens?.find((t) => t.id === revoke);
  const confirm = mine
    ? { id: mine.id, heading: `Revoke “${mine.name}”?`, note: "" }
    : theirs
      ? {
          id: theirs.id,
          heading: `Revoke ${theirs.member}'s token “${theirs.name}”?`,
          note: " Retract does not tell them: let them know why, so they can make a new one if they need it.",
        }
      : undefined;
  const createErrors = failed?.intent === "create" ? failed : undefined;
  const v = (k: string) => textValue(createErrors?.values, k) ?? "";
  return (
    <div className="stack medium">
      <p>
        <Link to="/settings">← Settings</Link>
      </p>
      <h1>API tokens</h1>
      <p>
        A token lets your own tools use Retract's API as you, in this workspace, with your role. Send it as{" "}
        <code className="mono">Authorization: Bearer TOKEN</code>. The API is described at{" "}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>

      {created ? (
        <section className="card stack tokens-created" aria-labelledby="created-heading">
          <h2 id="created-heading">Your new token “{created.name}”</h2>
          <p className="notice notice-warn">
            Copy it now: it is shown only this once. Retract keeps only a fingerprint of it and cannot show it
            again.
          </p>
          <div className="field">
            <label htmlFor="new-token">
              Token ({created.access === "write" ? "read and write" : "read only"})
            </label>
            <p className="hint" id="new-token-hint">
              Select it and copy it (Ctrl+C or ⌘C), then keep it somewhere safe, like a password manager.
            </p>
            <input
              id="new-token"
              className="mono"
              readOnly
              value={created.token}
              aria-describedby="new-token-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        </section>
      ) : null}
      {answer && "revoked" in answer ? (
        <p className="notice notice-ok" role="status">
          The token was revoked. Programs using it now get “401 Unauthorized”.
        </p>
      ) : null}
      {failed?.intent === "revoke" ? <FormErrors errors={failed.formErrors} /> : null}

      {confirm ? (
        <section className="card stack" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{confirm.heading}</h2>
          <p>Programs using this token stop working at once. This cannot be undone.{confirm.note}</p>
          <Form method="post" action="/settings/tokens" className="row">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="tokenId" value={confirm.id} />
            <button type="submit" className="button button-danger">
              Revoke the token
            </button>
            <Link to="/settings/tokens" className="button button-secondary">
              Keep it
            </Link>
          </Form>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="list-heading">
        <h2 id="list-heading">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty">You have no tokens in this workspace yet.</p>
        ) : (
          <ul className="list">
            {tokens.map((t) => (
              <li key={t.id} className="list-item spread">
                <div>
                  <h3 className="h3">{t.name}</h3>
                  <p className="meta-row muted">
                    <span className={`badge badge-token-${t.state}`}>{t.state}</span> <TokenFacts token={t} />
                  </p>
                </div>
                {t.state === "active" ? (
                  <Link to={`?revoke=${t.id}`} className="button button-secondary">
                    Revoke<span className="visually-hidden"> {t.name}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {memberTokens ? (
        <section className="stack" aria-labelledby="members-heading">
          <h2 id="members-heading">Other members' tokens</h2>
          <p className="muted">
            As an owner or admin you can revoke a member's token, for example one that was shared by mistake.
            The tokens themselves are never shown: Retract keeps only a fingerprint.
          </p>
          {memberTokens.length === 0 ? (
            <p className="empty">No other member has an active token in this workspace.</p>
          ) : (
            <ul className="list">
              {memberTokens.map((t) => (
                <li key={t.id} className="list-item spread">
                  <div>
                    <h3 className="h3">
                      {t.name} <span className="muted">· {t.member}</span>
                    </h3>
                    <p className="meta-row muted">
                      <TokenFacts token={t} />
                    </p>
                  </div>
                  <Link to={`?revoke=${t.id}`} className="button button-secondary">
                    Revoke
                    <span className="visually-hidden">
                      {" "}
                      {t.name} of {t.member}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="new-heading">
        <h2 id="new-heading">Make a token</h2>
        <Form method="post" action="/settings/tokens" noValidate className="stack">
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={createErrors?.formErrors} />
          <TextField
            name="name"
            label="Name"
            hint="What uses it, so you know which to revoke later."
            defaultValue={v("name")}
            errors={createErrors?.fieldErrors.name}
          />
          <SelectField
            name="access"
            label="What it may do"
            options={access.map((a) => ({
              value: a,
              label: a === "write" ? "Read and write" : "Read only",
            }))}
            hint={
              access.includes("write") ? undefined : "Your role can only read, so your tokens can only read."
            }
            defaultValue={v("access") || "read"}
            errors={createErrors?.fieldErrors.access}
          />
          <SelectField
            name="expires"
            label="Stops working"
            options={[...EXPIRY_OPTIONS]}
            defaultValue={v("expires") || "90"}
            errors={createErrors?.fieldErrors.expires}
          />
          <button type="submit" className="button" disabled={creating}>
            {creating ? "Making the token…" : "Make the token"}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = () => [{ title: "API tokens · Retract" }];
