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
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
      state: (t.revokedAt
        ? "revoked"
        : t.expiresAt && t.expiresAt.getTime() <= now
          ? "expired"
          : "active") as keyof typeof STATE_KEYS,
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
  const translator = await getTranslator(request);
  const { t } = translator;
  if (intent === "create") {
    const extra = { intent: "create" as const };
    const parsed = parseForm(form, CreateTokenSchema);
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra });
    const { name, access, expires } = parsed.data;
    if (!allowedAccess(scope).includes(access))
      return formFailure(
        new UserError(t("tokens.make.readOnlyRole"), {
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
      return formFailure(t("errors.tokens.gone"), {
        status: 404,
        extra: { intent: "revoke" as const },
      });
    return data({ intent, revoked: parsed.data.tokenId });
  }
  return formFailure(t("errors.unknownAction"), { extra: { intent: "create" as const } });
}

const STATE_KEYS = {
  active: "tokens.state.active",
  expired: "tokens.state.expired",
  revoked: "tokens.state.revoked",
} as const;

/** What a token may do and its dates, as the items of a token's meta row. */
function TokenFacts({
  token: t,
}: {
  token: { access: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null };
}) {
  const { t: say, locale } = useT();
  const day = (iso: string) => formatDay(locale, iso.slice(0, 10), "long");
  return (
    <>
      <span>{say(t.access === "write" ? "tokens.access.write" : "tokens.access.read")}</span>
      <span>{say("tokens.created", { day: day(t.createdAt) })}</span>
      <span>
        {t.lastUsedAt ? say("tokens.lastUsed", { day: day(t.lastUsedAt) }) : say("tokens.neverUsed")}
      </span>
      <span>{t.expiresAt ? say("tokens.expires", { day: day(t.expiresAt) }) : say("tokens.noExpiry")}</span>
    </>
  );
}

export default function Tokens() {
  const { access, tokens, memberTokens } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && "formErrors" in answer ? answer : undefined;
  const created = answer && "created" in answer ? answer.created : undefined;
  const nav = useNavigation();
  const { t, rich } = useT();
  const [params] = useSearchParams();
  const creating = nav.state === "submitting" && nav.formData?.get("intent") === "create";
  const revoke = params.get("revoke");
  const mine = tokens.find((x) => x.id === revoke && x.state === "active");
  const theirs = memberTokens?.find((x) => x.id === revoke);
  const confirm = mine
    ? { id: mine.id, heading: t("tokens.confirm.mine", { name: mine.name }), note: null }
    : theirs
      ? {
          id: theirs.id,
          heading: t("tokens.confirm.theirs", { member: theirs.member, name: theirs.name }),
          note: t("tokens.confirm.theirsNote"),
        }
      : undefined;
  const createErrors = failed?.intent === "create" ? failed : undefined;
  const v = (k: string) => textValue(createErrors?.values, k) ?? "";
  return (
    <div className="stack medium">
      <p>
        <Link to="/settings">{t("tokens.back")}</Link>
      </p>
      <h1>{t("tokens.title")}</h1>
      <p>
        {rich("tokens.intro", {
          // A header's exact text, the same in every language.
          code: (chunks) => (
            <code className="mono" lang="en">
              {chunks}
            </code>
          ),
          link: (chunks) => <a href="/api/v1/openapi.json">{chunks}</a>,
        })}
      </p>

      {created ? (
        <section className="card stack tokens-created" aria-labelledby="created-heading">
          <h2 id="created-heading">{t("tokens.new.title", { name: created.name })}</h2>
          <p className="notice notice-warn">{t("tokens.new.copyNow")}</p>
          <div className="field">
            <label htmlFor="new-token">
              {t("tokens.new.label", {
                access: t(created.access === "write" ? "tokens.access.write" : "tokens.access.read"),
              })}
            </label>
            <p className="hint" id="new-token-hint">
              {t("tokens.new.copyHint")}
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
          {t("tokens.revokedNotice")}
        </p>
      ) : null}
      {failed?.intent === "revoke" ? <FormErrors errors={failed.formErrors} /> : null}

      {confirm ? (
        <section className="card stack" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">{confirm.heading}</h2>
          <p>
            {t("tokens.confirm.text")}
            {confirm.note ? ` ${confirm.note}` : null}
          </p>
          <Form method="post" action="/settings/tokens" className="row">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="tokenId" value={confirm.id} />
            <button type="submit" className="button button-danger">
              {t("tokens.confirm.submit")}
            </button>
            <Link to="/settings/tokens" className="button button-secondary">
              {t("tokens.confirm.keep")}
            </Link>
          </Form>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="list-heading">
        <h2 id="list-heading">{t("tokens.mine.title")}</h2>
        {tokens.length === 0 ? (
          <p className="empty">{t("tokens.mine.empty")}</p>
        ) : (
          <ul className="list">
            {tokens.map((token) => (
              <li key={token.id} className="list-item spread">
                <div>
                  <h3 className="h3">{token.name}</h3>
                  <p className="meta-row muted">
                    <span className={`badge badge-token-${token.state}`}>{t(STATE_KEYS[token.state])}</span>{" "}
                    <TokenFacts token={token} />
                  </p>
                </div>
                {token.state === "active" ? (
                  <Link to={`?revoke=${token.id}`} className="button button-secondary">
                    {t("tokens.revoke")}
                    <span className="visually-hidden"> {token.name}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {memberTokens ? (
        <section className="stack" aria-labelledby="members-heading">
          <h2 id="members-heading">{t("tokens.members.title")}</h2>
          <p className="muted">{t("tokens.members.intro")}</p>
          {memberTokens.length === 0 ? (
            <p className="empty">{t("tokens.members.empty")}</p>
          ) : (
            <ul className="list">
              {memberTokens.map((token) => (
                <li key={token.id} className="list-item spread">
                  <div>
                    <h3 className="h3">
                      {token.name} <span className="muted">· {token.member}</span>
                    </h3>
                    <p className="meta-row muted">
                      <TokenFacts token={token} />
                    </p>
                  </div>
                  <Link to={`?revoke=${token.id}`} className="button button-secondary">
                    {t("tokens.revoke")}
                    <span className="visually-hidden">
                      {" "}
                      {t("tokens.revokeTheirsWhich", { name: token.name, member: token.member })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="new-heading">
        <h2 id="new-heading">{t("tokens.make.title")}</h2>
        <Form method="post" action="/settings/tokens" noValidate className="stack">
          <input type="hidden" name="intent" value="create" />
          <FormErrors errors={createErrors?.formErrors} />
          <TextField
            name="name"
            label={t("tokens.make.name")}
            hint={t("tokens.make.nameHint")}
            defaultValue={v("name")}
            errors={createErrors?.fieldErrors.name}
          />
          <SelectField
            name="access"
            label={t("tokens.make.access")}
            options={access.map((a) => ({
              value: a,
              label: t(a === "write" ? "tokens.access.writeOption" : "tokens.access.readOption"),
            }))}
            hint={access.includes("write") ? undefined : t("tokens.make.readOnlyRole")}
            defaultValue={v("access") || "read"}
            errors={createErrors?.fieldErrors.access}
          />
          <SelectField
            name="expires"
            label={t("tokens.make.expires")}
            options={EXPIRY_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))}
            defaultValue={v("expires") || "90"}
            errors={createErrors?.fieldErrors.expires}
          />
          <button type="submit" className="button" disabled={creating}>
            {creating ? t("tokens.make.submitting") : t("tokens.make.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "tokens.title");
