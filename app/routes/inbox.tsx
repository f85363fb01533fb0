import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { assignReplyByReference, inbox } from "~/requests/replies/replies.server";
import { AssignSchema } from "~/requests/tracking/forms.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { formFailure, parseForm, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:read_all");
  return {
    messages: inbox(scope).map((m) => ({
      ...m,
      receivedAt: m.receivedAt.toISOString().slice(0, 10),
      text: m.text.slice(0, 2000),
    })),
    canWrite: can(scope, "case:write"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const form = await request.formData();
  // Which message's form failed, so its errors show under that message only.
  const messageId = String(form.get("messageId") ?? "");
  const parsed = parseForm(form, AssignSchema);
  if (!parsed.ok) return formFailure(parsed, { extra: { messageId } });
  try {
    const letter = assignReplyByReference(scope, parsed.data.messageId, parsed.data.reference);
    return redirect(`/cases/${letter.caseId}/requests/${letter.letterId}`);
  } catch (e) {
    if (e instanceof UserError) return formFailure(e, { extra: { messageId } });
    throw e;
  }
}

export default function Inbox() {
  const { messages, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Inbox</h1>
      <p>
        Mail from your mailbox that Retract could not attach to a request. Attach it by the letter's
        reference.
      </p>
      {messages.length === 0 ? (
        <p className="empty">Nothing waiting.</p>
      ) : (
        <ul className="list">
          {messages.map((m) => (
            <li key={m.id} className="list-item stack">
              <div className="meta-row">
                <span>{m.receivedAt}</span>
                <span>{m.from}</span>
              </div>
              <strong>{m.subject || "(no subject)"}</strong>
              <pre className="letter-text">{m.text}</pre>
              {canWrite ? (
                <Form method="post" className="row" noValidate>
                  <input type="hidden" name="messageId" value={m.id} />
                  {data?.messageId === m.id ? <FormErrors errors={data.formErrors} /> : null}
                  <TextField
                    id={`ref-${m.id}`}
                    name="reference"
                    label="Letter reference"
                    hint="For example RX-7KQ2-M9"
                    errors={data?.messageId === m.id ? data.fieldErrors.reference : undefined}
                  />
                  <button type="submit" className="button button-secondary">
                    Attach
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Inbox · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
