import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { letters } from "#db/schema";
import { requireScope } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { assignReply, inbox } from "~/requests/replies/replies.server";
import { AssignSchema } from "~/requests/tracking/forms";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { type FieldErrors, parseForm } from "~/utils/forms";
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
  const parsed = parseForm(form, AssignSchema);
  if (!parsed.ok) return Response.json({ ...parsed, messageId: form.get("messageId") }, { status: 400 });
  const letter = getDb()
    .select({ id: letters.id, caseId: letters.caseId })
    .from(letters)
    .where(and(eq(letters.workspaceId, scope.workspaceId), eq(letters.reference, parsed.data.reference)))
    .get();
  if (!letter)
    return Response.json(
      {
        messageId: parsed.data.messageId,
        fieldErrors: { reference: ["No letter of this workspace has this reference."] },
      },
      { status: 400 },
    );
  assignReply(scope, parsed.data.messageId, letter.id);
  return redirect(`/cases/${letter.caseId}/requests/${letter.id}`);
}

type ActionData = { messageId?: string; fieldErrors: FieldErrors; formErrors?: string[] };

export default function Inbox() {
  const { messages, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
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
