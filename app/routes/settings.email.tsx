import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { MAIL_CONNECTION_KEYS, mailConnectionKind } from "~/mail/transport-security.server";
import { SmtpIntentSchema, SmtpSettingsSchema } from "~/requests/compose/forms.server";
import { saidIn } from "~/requests/said";
import {
  SmtpTestError,
  saveSmtpSettings,
  sendTestMessage,
  smtpSettingsForForm,
} from "~/requests/send/smtp-settings.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, formFailureOrThrow, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const { t } = await getTranslator(request);
  const settings = smtpSettingsForForm(scope);
  return {
    settings,
    // How the connection is protected, in the page's language.
    connection: settings ? t(MAIL_CONNECTION_KEYS[mailConnectionKind(settings.host, settings.secure)]) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const translator = await getTranslator(request);
  const form = await request.formData();
  const intent = SmtpIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) return formFailure(translator.t("errors.unknownAction"));
  if (intent.data.intent === "test") {
    try {
      const { to } = await sendTestMessage(scope);
      return data({ tested: to });
    } catch (e) {
      // SmtpTestError: why the test message did not go, in the page's language.
      if (e instanceof SmtpTestError) return formFailure(saidIn(translator, e));
      return formFailureOrThrow(e);
    }
  }
  const parsed = parseForm(form, SmtpSettingsSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  saveSmtpSettings(scope, parsed.data);
  return data({ saved: true });
}

export default function EmailSettings() {
  const { t, rich } = useT();
  const { settings, connection } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && "formErrors" in answer ? answer : undefined;
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formMethod === "POST";
  const testing = busy && nav.formData?.get("intent") === "test";
  const v = (k: string, fallback: string | number | undefined) =>
    textValue(failed?.values, k) ?? String(fallback ?? "");
  const e = failed?.fieldErrors ?? {};
  return (
    <div className="stack narrow">
      <h1>{t("settings.email.title")}</h1>
      <p>{t("settings.email.intro")}</p>
      {connection ? (
        <p className="notice" data-testid="smtp-connection">
          {rich("settings.connection", { connection, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      ) : null}
      {answer && "saved" in answer ? (
        <p className="notice notice-ok" role="status">
          {t("settings.email.saved")}
        </p>
      ) : null}
      {answer && "tested" in answer ? (
        <p className="notice notice-ok" role="status">
          {t("settings.email.tested", { address: answer.tested })}
        </p>
      ) : null}
      <Form method="post" noValidate className="stack">
        <FormErrors errors={failed?.formErrors} />
        <TextField
          name="host"
          label={t("settings.email.host")}
          defaultValue={v("host", settings?.host)}
          errors={e.host}
        />
        <TextField
          name="port"
          label={t("settings.port")}
          hint={t("settings.email.portHint")}
          defaultValue={v("port", settings?.port ?? 587)}
          errors={e.port}
        />
        <label className="check">
          <input type="checkbox" name="secure" defaultChecked={settings?.secure ?? false} />{" "}
          {t("settings.email.secure")}
        </label>
        <TextField
          name="user"
          label={t("settings.user")}
          autoComplete="off"
          defaultValue={v("user", settings?.user)}
          errors={e.user}
        />
        <TextField
          name="password"
          type="password"
          label={t("settings.password")}
          autoComplete="new-password"
          hint={settings?.hasPassword ? t("settings.email.passwordKept") : undefined}
          errors={e.password}
        />
        <TextField
          name="from"
          label={t("settings.email.from")}
          hint={t("settings.email.fromHint")}
          defaultValue={v("from", settings?.from)}
          errors={e.from}
        />
        <TextField
          name="replyTo"
          type="email"
          label={t("settings.email.replyTo")}
          hint={t("settings.email.replyToHint")}
          defaultValue={v("replyTo", settings?.replyTo)}
          errors={e.replyTo}
        />
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          {t("settings.email.save")}
        </button>
      </Form>
      {settings ? (
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {testing ? t("settings.email.testing") : t("settings.email.test")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.email.pageTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
