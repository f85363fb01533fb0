import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireScope } from "~/auth/session.server";
import { describeMailConnection, mailConnectionKind } from "~/mail/transport-security.server";
import { imapSettingsFor, pollMailbox, saveImapSettings } from "~/requests/replies/replies.server";
import { MailboxSchema } from "~/requests/tracking/forms";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import { type FieldErrors, parseForm } from "~/utils/forms";
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

const IntentSchema = z.enum(["save", "fetch"]);

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "workspace:manage");
  const form = await request.formData();
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success)
    return Response.json({ formErrors: ["Unknown action."], fieldErrors: {} }, { status: 400 });
  if (intent.data === "fetch") {
    const r = await pollMailbox(scope.workspaceId);
    if (r.error) return Response.json({ formErrors: [r.error], fieldErrors: {} }, { status: 400 });
    return Response.json({ fetched: r, fieldErrors: {} });
  }
  const parsed = parseForm(form, MailboxSchema);
  if (!parsed.ok) return Response.json(parsed, { status: 400 });
  const d = parsed.data;
  if (!d.password && !imapSettingsFor(scope.workspaceId))
    return Response.json({ fieldErrors: { password: ["Enter the password."] }, values: {} }, { status: 400 });
  saveImapSettings(scope, {
    host: d.host,
    port: d.port,
    secure: d.security === "tls",
    user: d.user,
    password: d.password,
    mailbox: d.mailbox,
  });
  return Response.json({ saved: true, fieldErrors: {} });
}

type ActionData = {
  saved?: boolean;
  fetched?: { fetched: number; matched: number; unmatched: number };
  fieldErrors: FieldErrors;
  formErrors?: string[];
  values?: Record<string, string>;
};

export default function MailboxSettings() {
  const { settings, connection } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const nav = useNavigation();
  const busy = (i: string) => nav.state === "submitting" && nav.formData?.get("intent") === i;
  const v = (k: string) =>
    data?.values?.[k] ?? (settings as Record<string, string | null> | null)?.[k] ?? undefined;
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
      {data?.saved ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      {data?.fetched ? (
        <p className="notice notice-ok" role="status">
          {data.fetched.fetched} new message(s): {data.fetched.matched} attached to a request,{" "}
          {data.fetched.unmatched} in the inbox.
        </p>
      ) : null}
      <FormErrors errors={data?.formErrors} />
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="host"
          label="IMAP server"
          hint="For example imap.example.com"
          defaultValue={v("host")}
          errors={data?.fieldErrors.host}
        />
        <TextField
          name="port"
          label="Port"
          inputMode="text"
          defaultValue={v("port") ?? "993"}
          errors={data?.fieldErrors.port}
        />
        <SelectField
          name="security"
          label="Connection"
          defaultValue={v("security") ?? "tls"}
          errors={data?.fieldErrors.security}
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
          errors={data?.fieldErrors.user}
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
          errors={data?.fieldErrors.password}
        />
        <TextField
          name="mailbox"
          label="Folder"
          defaultValue={v("mailbox") ?? "INBOX"}
          errors={data?.fieldErrors.mailbox}
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
