import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { requireScope } from "~/auth/session.server";
import { listExposuresByIds } from "~/exposures/exposures.server";
import { LETTER_STATUS_LABELS, LetterTextSchema, NOT_LEGAL_ADVICE } from "~/requests/compose/forms";
import { passedOnNotice } from "~/requests/compose/sender-safety";
import { kindLabel } from "~/requests/kinds";
import { OWN_NAMES } from "~/requests/languages";
import { changes } from "~/requests/render/diff";
import { LetterNotSendableError } from "~/requests/sendable";
import {
  evidenceChoices,
  getLetter,
  LetterFrozenError,
  LetterInputError,
  letterChannel,
  letterProblems,
  saveDraft,
  sendLetter,
  todayUtc,
} from "~/requests/store.server";
import { sentDatesSchema } from "~/requests/tracking/forms";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { type FieldErrors, parseForm, parseParams } from "~/utils/forms";
import { can } from "~/workspaces/scope.server";

const ParamsSchema = z.object({ caseId: z.string().min(1).max(40), letterId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseParams(params, ParamsSchema);
  const letter = getLetter(scope, caseId, letterId);
  const exposures = listExposuresByIds(scope, caseId, letter.exposureIds);
  // The page shows the leaked pages' addresses and their evidence files: reads of the client's data.
  audit(
    exposures.map((e) => ({
      action: "exposure.read" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "exposure",
      targetId: e.id,
      detail: { fields: "url,evidence", page: "letter" },
    })),
  );
  const problems = letter.frozen ? { missing: [], markers: [] } : letterProblems(letter);
  return {
    caseId,
    letter: {
      id: letter.id,
      reference: letter.reference,
      status: letter.status,
      frozen: letter.frozen,
      channel: letter.channel,
      address: letter.address,
      recipientName: letter.recipientName,
      subject: letter.subject,
      body: letter.body,
      edited: letter.body !== letter.templateBody,
      changes: changes(letter.templateBody, letter.body).slice(0, 200),
      // The kind in words (never its id), and whether the workspace's own wording was used.
      template: `${kindLabel(letter.kind)}${letter.workspaceTemplateVersionId ? ", your workspace's wording" : ""}`,
      templateLang: letter.templateLang,
      templateVersion: letter.templateVersion,
      attachmentIds: letter.attachmentIds,
      paper: letter.paper,
      sentAt: letter.sentAt?.toISOString() ?? null,
      sentOn: letter.sentOn,
      receivedOn: letter.receivedOn,
      dueOn: letter.dueOn,
      extendedDueOn: letter.extendedDueOn,
      acknowledgeBy: letter.acknowledgeBy,
      dueRule: letter.variables.dueRule ?? null,
      // Said before sending: the recipient may pass this kind of letter on to whoever posted the content.
      passedOn: letter.frozen ? null : passedOnNotice(letter.kind),
      outbox: letter.outbox
        ? {
            state: letter.outbox.state,
            attempts: letter.outbox.attempts,
            lastError: letter.outbox.lastError,
            nextAttemptAt: letter.outbox.nextAttemptAt.toISOString(),
          }
        : null,
    },
    urls: exposures.map((e) => e.url),
    evidence: evidenceChoices(scope, exposures),
    problems,
    canWrite: can(scope, "case:write"),
    today: todayUtc(),
  };
}

// "record": an email letter the user sent from their own mail, recorded with its dates instead of queued.
const IntentSchema = z.object({ intent: z.enum(["save", "send", "record"], "Unknown action.") });

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseParams(params, ParamsSchema);
  const form = await request.formData();
  const intent = IntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success)
    return Response.json({ formErrors: ["Unknown action."], fieldErrors: {} }, { status: 400 });
  const parsed = parseForm(form, LetterTextSchema, ["attachmentIds"]);
  if (!parsed.ok) return Response.json(parsed, { status: 400 });
  try {
    // The text on screen is what is sent: save it first, then send that.
    saveDraft(scope, caseId, letterId, parsed.data);
    // Posted, submitted in a web form, or sent from the user's own mail: the dates they give (the form fills
    // in today; a post without the fields means today). An email Retract sends takes no dates: it is received
    // the day the mail server accepts it.
    const wantsDates =
      intent.data.intent === "record" ||
      (intent.data.intent === "send" && letterChannel(scope, caseId, letterId) !== "email");
    const given = form.has("sentOn") || form.has("receivedOn") || intent.data.intent === "record";
    const dates = wantsDates && given ? parseForm(form, sentDatesSchema()) : null;
    if (dates && !dates.ok)
      return Response.json(
        { ...dates, formErrors: ["Check the dates: the letter was saved but not marked as sent."] },
        { status: 400 },
      );
    if (intent.data.intent !== "save") {
      sendLetter(scope, caseId, letterId, new Date(), dates?.ok ? dates.data : undefined);
      return redirect(`/cases/${caseId}/letters/${letterId}?sent=1`);
    }
    return Response.json({ saved: true, fieldErrors: {} });
  } catch (e) {
    if (e instanceof LetterNotSendableError) {
      const parts = [
        e.missing.length ? `These details are still empty: ${e.missing.join(", ")}.` : "",
        e.markers.length ? `Replace what is still in double braces: ${e.markers.join(" ")}.` : "",
      ].filter(Boolean);
      return Response.json(
        {
          formErrors: [`This letter cannot be sent yet. ${parts.join(" ")}`],
          fieldErrors: {},
          values: parsed.data,
        },
        { status: 400 },
      );
    }
    if (e instanceof LetterInputError)
      return Response.json(
        { formErrors: [e.message], fieldErrors: e.field ? { [e.field]: [e.message] } : {} },
        { status: 400 },
      );
    if (e instanceof LetterFrozenError)
      return Response.json({ formErrors: [e.message], fieldErrors: {} }, { status: 409 });
    throw e;
  }
}

const LANG_NAMES: Record<string, string> = OWN_NAMES;

type ActionData = {
  saved?: boolean;
  fieldErrors: FieldErrors;
  formErrors?: string[];
  values?: Record<string, unknown>;
};

function CopyButton({ target, label }: { target: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={async () => {
        const el = document.getElementById(target) as HTMLTextAreaElement | null;
        if (!el) return;
        try {
          await navigator.clipboard.writeText(el.value);
        } catch {
          el.select();
        }
        setCopied(true);
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}

export default function LetterPage() {
  const { caseId, letter, urls, evidence, problems, canWrite, today } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const nav = useNavigation();
  const busy = nav.state !== "idle" && nav.formMethod === "POST";
  const sendingIntent = busy && nav.formData?.get("intent") === "send";
  const status = LETTER_STATUS_LABELS[letter.status] ?? letter.status;
  const sendLabel =
    letter.channel === "email"
      ? `Send by email to ${letter.address}`
      : letter.channel === "pdf"
        ? "Mark as posted"
        : "Mark as submitted in their form";
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${caseId}`}>Back to the case</Link>
      </p>
      <div className="spread">
        <div>
          <p className="muted">
            Letter to {letter.recipientName} · reference <span className="mono">{letter.reference}</span>
          </p>
          <h1>{letter.frozen ? "The letter as sent" : "Check and edit the letter"}</h1>
        </div>
        <span className={`badge badge-letter-${letter.status}`}>{status}</span>
      </div>

      <aside className="notice notice-warn letter-advice" aria-label="Not legal advice">
        <p>{NOT_LEGAL_ADVICE}</p>
      </aside>
      {letter.passedOn ? (
        <aside className="notice passed-on-notice" aria-label="Who may see this letter">
          <p>{letter.passedOn}</p>
        </aside>
      ) : null}

      {letter.status === "failed" ? (
        <div className="notice notice-error" role="alert">
          <p>
            This letter was not delivered. The mail server said:{" "}
            <span className="mono">{letter.outbox?.lastError}</span>. Check the address and your email
            settings, then write it again.
          </p>
        </div>
      ) : null}
      {letter.status === "queued" ? (
        <div className="notice notice-ok" role="status">
          <p>
            Queued for sending
            {letter.outbox && letter.outbox.attempts > 0
              ? ` — tried ${letter.outbox.attempts} ${letter.outbox.attempts === 1 ? "time" : "times"}, next try ${letter.outbox.nextAttemptAt.slice(0, 16).replace("T", " ")} UTC (${letter.outbox.lastError ?? ""})`
              : ""}
            . Reload to see when it has gone.
          </p>
        </div>
      ) : null}
      {letter.status === "sent" ? (
        <div className="notice notice-ok" role="status">
          <p>
            Sent {letter.sentOn ?? letter.sentAt?.slice(0, 10)}
            {letter.receivedOn && letter.receivedOn !== letter.sentOn
              ? `, received ${letter.receivedOn}`
              : ""}
            . It is kept exactly as sent and can no longer be changed.
            {letter.dueOn ? ` Answer due by ${letter.dueOn}` : ""}
            {letter.dueOn && letter.dueRule ? ` (${letter.dueRule}).` : letter.dueOn ? "." : ""}
          </p>
        </div>
      ) : null}

      <dl className="facts">
        <dt>Goes to</dt>
        <dd>
          {letter.channel === "email" ? `Email: ${letter.address}` : null}
          {letter.channel === "webform" ? (
            <>
              Their web form:{" "}
              <a href={letter.address} rel="noreferrer noopener" target="_blank">
                {letter.address}
              </a>
            </>
          ) : null}
          {letter.channel === "pdf" ? (
            <span className="pre-line">{letter.address || "Post (address on the PDF)"}</span>
          ) : null}
        </dd>
        <dt>Places</dt>
        <dd>
          <ul>
            {urls.map((u) => (
              <li key={u} className="mono">
                {u}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Template</dt>
        <dd>
          {letter.template} ({LANG_NAMES[letter.templateLang] ?? letter.templateLang}), version{" "}
          {letter.templateVersion}
          {letter.edited ? " — edited by you" : ""}
        </dd>
      </dl>

      {letter.changes.length ? (
        <details>
          <summary>What you changed in the template's text ({letter.changes.length} lines)</summary>
          <ul className="letter-changes">
            {letter.changes.map((c, i) => (
              <li key={i} className={c.kind === "added" ? "letter-added" : "letter-removed"}>
                <span className="visually-hidden">{c.kind === "added" ? "Added: " : "Removed: "}</span>
                <span aria-hidden="true">{c.kind === "added" ? "+ " : "− "}</span>
                {c.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {problems.markers.length ? (
        <p>The PDF can be downloaded once the text below has no gaps left to fill in.</p>
      ) : (
        <p>
          <a href={`/cases/${caseId}/letters/${letter.id}/pdf`} className="button button-secondary" download>
            Download PDF
          </a>
        </p>
      )}

      {letter.frozen && letter.channel === "webform" ? null : letter.frozen || !canWrite ? (
        <section aria-labelledby="text" className="stack">
          <h2 id="text">Text</h2>
          <p>
            <strong>Subject:</strong> {letter.subject}
          </p>
          <pre className="letter-text">{letter.body}</pre>
        </section>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormErrors errors={data?.formErrors} />
          {data?.saved ? (
            <p className="notice notice-ok" role="status">
              Draft saved.
            </p>
          ) : null}
          {problems.missing.length || problems.markers.length ? (
            <div className="notice notice-warn">
              <p>Before this letter can be sent:</p>
              <ul>
                {problems.missing.map((m) => (
                  <li key={m}>
                    A detail is empty: <span className="mono">{m}</span> (write the letter again with it
                    filled in)
                  </li>
                ))}
                {problems.markers.map((m) => (
                  <li key={m}>
                    Replace <span className="mono">{m}</span> in the text
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="letter-subject">Subject</label>
            <input
              id="letter-subject"
              name="subject"
              defaultValue={letter.subject}
              aria-describedby="letter-subject-hint"
            />
            <p className="hint" id="letter-subject-hint">
              Keep the reference {letter.reference} in it, so replies can be matched to this letter.
            </p>
          </div>
          <div className="field">
            <label htmlFor="letter-body">Letter text</label>
            <textarea
              id="letter-body"
              name="body"
              rows={28}
              defaultValue={letter.body}
              className="letter-editor"
            />
          </div>
          {letter.channel === "webform" ? (
            <div className="stack">
              <p>
                Paste the subject and the text into their form, then mark the letter as submitted.{" "}
                <CopyButton target="letter-subject" label="Copy the subject" />{" "}
                <CopyButton target="letter-body" label="Copy the text" />
              </p>
            </div>
          ) : null}
          {evidence.length ? (
            <fieldset className="field">
              <legend>Attachments</legend>
              <div className="checks">
                {evidence.map((f) => (
                  <label key={f.id} className="check">
                    <input
                      type="checkbox"
                      name="attachmentIds"
                      value={f.id}
                      defaultChecked={letter.attachmentIds.includes(f.id)}
                    />{" "}
                    {f.filename}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <input type="hidden" name="paper" value={letter.paper} />
          {letter.channel === "email" ? (
            <details>
              <summary>Sent it from your own email instead?</summary>
              <div className="stack">
                <p>
                  Record the day you sent it and the day they received it (for an email, usually the same
                  day). The deadline counts from the day they received it.
                </p>
                <SentDateFields channel="email" today={today} data={data} />
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value="record"
                    className="button button-secondary"
                    disabled={busy}
                  >
                    Record as sent from my own email
                  </button>
                </p>
              </div>
            </details>
          ) : (
            <SentDateFields channel={letter.channel} today={today} data={data} />
          )}
          <div className="row">
            <button
              type="submit"
              name="intent"
              value="save"
              className="button button-secondary"
              disabled={busy}
            >
              Save draft
            </button>
            <button type="submit" name="intent" value="send" className="button" disabled={busy}>
              {sendingIntent ? "Sending…" : sendLabel}
            </button>
          </div>
        </Form>
      )}
      {letter.frozen && letter.channel === "webform" ? (
        <section aria-labelledby="paste" className="stack">
          <h2 id="paste">Text for their form</h2>
          <p>
            Open their form:{" "}
            <a href={letter.address} rel="noreferrer noopener" target="_blank">
              {letter.address}
            </a>
          </p>
          <div className="field">
            <label htmlFor="paste-subject">Subject</label>
            <textarea id="paste-subject" readOnly rows={2} defaultValue={letter.subject} />
            <CopyButton target="paste-subject" label="Copy the subject" />
          </div>
          <div className="field">
            <label htmlFor="paste-body">Text</label>
            <textarea id="paste-body" readOnly rows={16} defaultValue={letter.body} />
            <CopyButton target="paste-body" label="Copy the text" />
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** When a letter the user sends themselves went out and arrived; both default to today. */
function SentDateFields({
  channel,
  today,
  data,
}: {
  channel: "email" | "pdf" | "webform";
  today: string;
  data?: ActionData;
}) {
  const errors = data?.fieldErrors;
  const given = (name: string) => {
    const v = data?.values?.[name];
    return typeof v === "string" ? v : today;
  };
  const sent = channel === "pdf" ? "Date posted" : channel === "webform" ? "Date submitted" : "Date sent";
  return (
    <fieldset className="field">
      <legend>{channel === "pdf" ? "When you posted it" : "When you sent it"}</legend>
      <TextField
        name="sentOn"
        type="date"
        label={sent}
        defaultValue={given("sentOn")}
        errors={errors?.sentOn}
      />
      <TextField
        name="receivedOn"
        type="date"
        label="Date they received it"
        defaultValue={given("receivedOn")}
        errors={errors?.receivedOn}
        hint={
          channel === "pdf"
            ? "The deadline counts from this day. Use the delivery date from the tracking or the signed receipt if you have one."
            : "The deadline counts from this day."
        }
      />
    </fieldset>
  );
}

export const meta: MetaFunction = () => [{ title: "Letter · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
