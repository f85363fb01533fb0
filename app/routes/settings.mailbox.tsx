import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { MAIL_CONNECTION_KEYS, mailConnectionKind } from "~/mail/transport-security.server";
import { imapSettingsFor, pollMailbox, saveImapSettings } from "~/requests/replies/replies.server";
import { MailboxIntentSchema, MailboxSchema } from "~/requests/tracking/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const { t } = await getTranslator(request);
  const s = imapSettingsFor(scope.workspaceId);
  return {
    settings: s
      ? {
          host: s.host,
          port: String(s.port),
          security: s.secure ? "tls" : "starttls",
          user: s.user,
          mailbox: s.mailbox,
          lastPolledAt: s.lastPolledAt?.toISOString() ?? null,
          lastError: s.lastError,
        }
      : null,
    // How the connection is protected, in the page's language.
    connection: s ? t(MAIL_CONNECTION_KEYS[mailConnectionKind(s.host, s.secure)]) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const translator = await getTranslator(request);
  const { t } = translator;
  const form = await request.formData();
  const intent = MailboxIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return formFailure(t("errors.unknownAction"));
  if (intent.data === "fetch") {
    if (!imapSettingsFor(scope.workspaceId)) return formFailure(t("errors.mailbox.notSetUp"));
    const r = await pollMailbox(scope.workspaceId);
    // The mail server's own words (or the connection's failure) inside a sentence in the page's language.
    if (r.error) return formFailure(t("errors.mailbox.readFailed", { error: r.error }));
    return data({ fetched: r });
  }
  const parsed = parseForm(form, MailboxSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const d = parsed.data;
  if (!d.password && !imapSettingsFor(scope.workspaceId))
    return formFailure(new UserError(t("errors.mailbox.password"), { field: "password" }));
  saveImapSettings(scope, {
    host: d.host,
    port: d.port,
    secure: d.security === "tls",
    user: d.user,
    password: d.password,
    mailbox: d.mailbox,
  });
  return data({ saved: true });
}

export default function MailboxSettings() {
  const { t, rich, locale } = useT();
  const { settings, connection } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && "formErrors" in answer ? answer : undefined;
  const fetched = answer && "fetched" in answer ? answer.fetched : undefined;
  const nav = useNavigation();
  const busy = (i: string) => nav.state === "submitting" && nav.formData?.get("intent") === i;
  const v = (k: string) =>
    textValue(failed?.values, k) ?? (settings as Record<string, string | null> | null)?.[k] ?? undefined;
  return (
    <div className="stack medium">
      <h1>{t("settings.mailbox.title")}</h1>
      <p>
        {rich("settings.mailbox.intro", {
          link: (chunks) => <Link to="/inbox">{chunks}</Link>,
        })}
      </p>
      {connection ? (
        <p className="notice" data-testid="imap-connection">
          {rich("settings.connection", { connection, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      ) : null}
      {answer && "saved" in answer ? (
        <p className="notice notice-ok" role="status">
          {t("settings.mailbox.saved")}
        </p>
      ) : null}
      {fetched ? (
        <p className="notice notice-ok" role="status">
          {t("settings.mailbox.fetched", {
            fetched: fetched.fetched,
            matched: fetched.matched,
            unmatched: fetched.unmatched,
          })}
        </p>
      ) : null}
      <FormErrors errors={failed?.formErrors} />
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="host"
          label={t("settings.mailbox.host")}
          hint={t("settings.mailbox.hostHint")}
          defaultValue={v("host")}
          errors={failed?.fieldErrors.host}
        />
        <TextField
          name="port"
          label={t("settings.port")}
          inputMode="text"
          defaultValue={v("port") ?? "993"}
          errors={failed?.fieldErrors.port}
        />
        <SelectField
          name="security"
          label={t("settings.mailbox.security")}
          defaultValue={v("security") ?? "tls"}
          errors={failed?.fieldErrors.security}
          options={[
            { value: "tls", label: t("settings.mailbox.tls") },
            { value: "starttls", label: t("settings.mailbox.starttls") },
          ]}
        />
        <TextField
          name="user"
          label={t("settings.user")}
          autoComplete="off"
          defaultValue={v("user")}
          errors={failed?.fieldErrors.user}
        />
        <TextField
          name="password"
          label={t("settings.password")}
          type="password"
          autoComplete="new-password"
          hint={settings ? t("settings.mailbox.passwordKept") : t("settings.mailbox.passwordHint")}
          errors={failed?.fieldErrors.password}
        />
        <TextField
          name="mailbox"
          label={t("settings.mailbox.folder")}
          defaultValue={v("mailbox") ?? "INBOX"}
          errors={failed?.fieldErrors.mailbox}
        />
        <button type="submit" className="button" disabled={busy("save")}>
          {busy("save") ? t("common.saving") : t("settings.mailbox.save")}
        </button>
      </Form>
      {settings ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="fetch" />
          <p className="muted">
            {settings.lastPolledAt
              ? t("settings.mailbox.lastRead", {
                  day: formatDay(locale, settings.lastPolledAt),
                  time: settings.lastPolledAt.slice(11, 16),
                })
              : t("settings.mailbox.notReadYet")}{" "}
            {settings.lastError ? t("settings.mailbox.lastProblem", { error: settings.lastError }) : ""}
          </p>
          <button type="submit" className="button button-secondary" disabled={busy("fetch")}>
            {busy("fetch") ? t("settings.mailbox.reading") : t("settings.mailbox.read")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.mailbox.pageTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
