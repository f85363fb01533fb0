import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { assignReplyByReference, inbox, ReferenceNotFoundError } from "~/requests/replies/replies.server";
import { saidIn } from "~/requests/said";
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
  const translator = await getTranslator(request);
  const form = await request.formData();
  // Which message's form failed, so its errors show under that message only.
  const messageId = String(form.get("messageId") ?? "");
  const parsed = parseForm(form, AssignSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra: { messageId } });
  try {
    const letter = assignReplyByReference(scope, parsed.data.messageId, parsed.data.reference);
    return redirect(`/cases/${letter.caseId}/requests/${letter.letterId}`);
  } catch (e) {
    if (e instanceof ReferenceNotFoundError)
      return formFailure(new UserError(saidIn(translator, e), { field: e.field }), { extra: { messageId } });
    if (e instanceof UserError) return formFailure(e, { extra: { messageId } });
    throw e;
  }
}

export default function Inbox() {
  const { messages, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="stack">
      <h1>{t("inbox.title")}</h1>
      <p>{t("inbox.intro")}</p>
      {messages.length === 0 ? (
        <p className="empty">{t("inbox.none")}</p>
      ) : (
        <ul className="list">
          {messages.map((m) => (
            <li key={m.id} className="list-item stack">
              <div className="meta-row">
                <span>{formatDay(locale, m.receivedAt)}</span>
                <span>{m.from}</span>
              </div>
              <strong>{m.subject || t("inbox.noSubject")}</strong>
              <pre className="letter-text">{m.text}</pre>
              {canWrite ? (
                <Form method="post" className="row" noValidate>
                  <input type="hidden" name="messageId" value={m.id} />
                  {data?.messageId === m.id ? <FormErrors errors={data.formErrors} /> : null}
                  <TextField
                    id={`ref-${m.id}`}
                    name="reference"
                    label={t("inbox.reference")}
                    hint={t("inbox.referenceHint")}
                    errors={data?.messageId === m.id ? data.fieldErrors.reference : undefined}
                  />
                  <button type="submit" className="button button-secondary">
                    {t("inbox.attach")}
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

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox.title");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
