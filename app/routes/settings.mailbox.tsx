import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { describeMailConnection, mailConnectionKind } from "~/mail/transport-security.server";
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
    connection: s ? describeMailConnection(mailConnectionKind(s.host, s.secure)) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const form = await request.formData();
  const intent = MailboxIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return formFailure("Unknown action.");
  if (intent.data === "fetch") {
    const r = await pollMailbox(scope.workspaceId);
    if (r.error) return formFailure(r.error);
    return data({ fetched: r });
  }
  const parsed = parseForm(form, MailboxSchema);
  if (!parsed.ok) return formFailure(parsed);
  const d = parsed.data;
  if (!d.password && !imapSettingsFor(scope.workspaceId))
    return formFailure(new UserError("Enter the password.", { field: "password" }));
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
      <h1>Mailbox for replies</h1>
      <p>
        Retract reads the mailbox your letters' replies arrive in (over IMAP, read-only: nothing is moved or
        marked there) and attaches each reply to its request. Mail it cannot place waits in the{" "}
        <Link to="/inbox">inbox</Link>. The password is stored encrypted.
      </p>
      {connection ? (
        <p className="notice" data-testid="imap-connection">
          <strong>Connection:</strong> {connection}
        </p>
      ) : null}
      {answer && "saved" in answer ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      {fetched ? (
        <p className="notice notice-ok" role="status">
          {fetched.fetched} new message(s): {fetched.matched} attached to a request, {fetched.unmatched} in
          the inbox.
        </p>
      ) : null}
      <FormErrors errors={failed?.formErrors} />
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="host"
          label="IMAP server"
          hint="For example imap.example.com"
          defaultValue={v("host")}
          errors={failed?.fieldErrors.host}
        />
        <TextField
          name="port"
          label="Port"
          inputMode="text"
          defaultValue={v("port") ?? "993"}
          errors={failed?.fieldErrors.port}
        />
        <SelectField
          name="security"
          label="Connection"
          defaultValue={v("security") ?? "tls"}
          errors={failed?.fieldErrors.security}
          options={[
            { value: "tls", label: "TLS from the start (usually port 993)" },
            { value: "starttls", label: "STARTTLS, required (usually port 143)" },
          ]}
        />
        <TextField
          name="user"
          label="User name"
          autoComplete="off"
          defaultValue={v("user")}
          errors={failed?.fieldErrors.user}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={
            settings
              ? "Leave empty to keep the saved password."
              : "An app password, if your provider offers them."
          }
          errors={failed?.fieldErrors.password}
        />
        <TextField
          name="mailbox"
          label="Folder"
          defaultValue={v("mailbox") ?? "INBOX"}
          errors={failed?.fieldErrors.mailbox}
        />
        <button type="submit" className="button" disabled={busy("save")}>
          {busy("save") ? "Saving…" : "Save"}
        </button>
      </Form>
      {settings ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="fetch" />
          <p className="muted">
            {settings.lastPolledAt
              ? `Last read ${settings.lastPolledAt.slice(0, 16).replace("T", " ")} UTC.`
              : "Not read yet."}{" "}
            {settings.lastError ? `Last problem: ${settings.lastError}` : ""}
          </p>
          <button type="submit" className="button button-secondary" disabled={busy("fetch")}>
            {busy("fetch") ? "Reading the mailbox…" : "Read the mailbox now"}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mailbox · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
