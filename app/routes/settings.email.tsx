import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { describeMailConnection, mailConnectionKind } from "~/mail/transport-security.server";
import { SmtpIntentSchema, SmtpSettingsSchema } from "~/requests/compose/forms.server";
import { saveSmtpSettings, sendTestMessage, smtpSettingsForForm } from "~/requests/send/smtp-settings.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, formFailureOrThrow, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const settings = smtpSettingsForForm(scope);
  return {
    settings,
    connection: settings ? describeMailConnection(mailConnectionKind(settings.host, settings.secure)) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const form = await request.formData();
  const intent = SmtpIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) return formFailure("Unknown action.");
  if (intent.data.intent === "test") {
    try {
      const { to } = await sendTestMessage(scope);
      return data({ tested: to });
    } catch (e) {
      return formFailureOrThrow(e); // SmtpTestError: why the test message did not go
    }
  }
  const parsed = parseForm(form, SmtpSettingsSchema);
  if (!parsed.ok) return formFailure(parsed);
  saveSmtpSettings(scope, parsed.data);
  return data({ saved: true });
}

export default function EmailSettings() {
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
      <h1>Email for letters</h1>
      <p>
        Letters are sent from your own mailbox, so answers come back to you. Enter your email provider's SMTP
        settings (your provider's help pages list them; many need an app password).
      </p>
      {connection ? (
        <p className="notice" data-testid="smtp-connection">
          <strong>Connection:</strong> {connection}
        </p>
      ) : null}
      {answer && "saved" in answer ? (
        <p className="notice notice-ok" role="status">
          Settings saved.
        </p>
      ) : null}
      {answer && "tested" in answer ? (
        <p className="notice notice-ok" role="status">
          Test message sent to {answer.tested}. Check that mailbox.
        </p>
      ) : null}
      <Form method="post" noValidate className="stack">
        <FormErrors errors={failed?.formErrors} />
        <TextField name="host" label="SMTP server" defaultValue={v("host", settings?.host)} errors={e.host} />
        <TextField
          name="port"
          label="Port"
          hint="Usually 587 (STARTTLS) or 465 (TLS)."
          defaultValue={v("port", settings?.port ?? 587)}
          errors={e.port}
        />
        <label className="check">
          <input type="checkbox" name="secure" defaultChecked={settings?.secure ?? false} /> Use TLS from the
          start (port 465)
        </label>
        <TextField
          name="user"
          label="User name"
          autoComplete="off"
          defaultValue={v("user", settings?.user)}
          errors={e.user}
        />
        <TextField
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          hint={settings?.hasPassword ? "A password is saved. Leave empty to keep it." : undefined}
          errors={e.password}
        />
        <TextField
          name="from"
          label="From"
          hint="Your name and address, like Jo Example <jo@example.com>."
          defaultValue={v("from", settings?.from)}
          errors={e.from}
        />
        <TextField
          name="replyTo"
          type="email"
          label="Reply-To (optional)"
          hint="Where answers should go, if not the From address."
          defaultValue={v("replyTo", settings?.replyTo)}
          errors={e.replyTo}
        />
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          Save settings
        </button>
      </Form>
      {settings ? (
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {testing ? "Sending…" : "Send test message"}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Email settings · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
