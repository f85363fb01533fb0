// One page per request: what it is, the letter (edit while a draft, send), replies, the next letter, re-checks of
// the places it names, and its history. The old letter page (/cases/:caseId/letters/:letterId) redirects here.

import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { audit } from "~/audit/audit.server";
import { requireScope } from "~/auth/session.server";
import { calendarDateIn } from "~/deadlines/engine";
import { STATUS_LABELS } from "~/exposures/categories";
import { placeStories } from "~/exposures/checked-gone.server";
import { listExposuresByIds } from "~/exposures/exposures.server";
import { useT } from "~/i18n/i18n-context";
import { OUTCOME_TEXT } from "~/rechecks/recheck-section";
import { listChecks } from "~/rechecks/rechecks.server";
import { coveredFronts } from "~/requests/broker-family.server";
import { LETTER_STATUS_LABELS, NOT_LEGAL_ADVICE } from "~/requests/compose/forms";
import { LetterTextSchema } from "~/requests/compose/forms.server";
import { complaintOptions, NextLetterError, writeNextLetter } from "~/requests/compose/next-letter.server";
import { passedOnNotice } from "~/requests/compose/sender-safety";
import { kindALetter } from "~/requests/kinds";
import { langName, langOwnName } from "~/requests/languages";
import { changes } from "~/requests/render/diff";
import { formatLongDate } from "~/requests/render/format";
import { LOOKS_LIKE } from "~/requests/replies/classify";
import { bouncedAt, confirmReply } from "~/requests/replies/confirm.server";
import { ConfirmReplySchema, confirmedEvent, presetFor } from "~/requests/replies/forms.server";
import { recordReply, repliesFor } from "~/requests/replies/replies.server";
import {
  abandonRequest,
  addNote,
  getRequest,
  moveRequest,
  resumeRequest,
  timeline,
  unsentNextLetters,
} from "~/requests/requests.server";
import { LetterNotSendableError } from "~/requests/sendable";
import {
  canCorrectReceivedOn,
  correctReceivedOn,
  evidenceChoices,
  getLetter,
  LetterInputError,
  letterChannel,
  letterProblems,
  saveDraft,
  sendLetter,
  templateOf,
} from "~/requests/store.server";
import {
  AbandonSchema,
  ComplaintQuerySchema,
  ComplaintSchema,
  ExtensionSchema,
  NoteSchema,
  ReceivedOnSchema,
  ReplySchema,
  RequestIntentSchema,
  sentDatesSchema,
} from "~/requests/tracking/forms.server";
import { LETTER_INTENTS, type LetterIntent } from "~/requests/tracking/intents";
import {
  canTake,
  effectiveDue,
  IllegalTransitionError,
  isOverdue,
  OUTCOME_LABELS,
  REFUSAL_REASONS,
  REFUSALS,
  REPLY_OUTCOMES,
  type RequestEvent,
  requestStateLabel,
  suggestedNextLetter,
} from "~/requests/tracking/lifecycle";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseIds(params, "caseId", "letterId");
  // getLetter answers 404 for a letter of another case, workspace or caseworker (and logs the read).
  const letter = getLetter(scope, caseId, letterId);
  const req = getRequest(scope, letterId);
  const exposures = listExposuresByIds(scope, caseId, letter.exposureIds);
  const checks = exposures.map((e) => ({ e, last: listChecks(scope, e.id, 1)[0] ?? null }));
  const stories = placeStories(
    scope,
    exposures.map((e) => e.id),
  );
  const long = (day: string | null | undefined) => (day ? formatLongDate(day, "en") : null);
  // The page shows the leaked pages' addresses, their evidence files and their latest checks: reads of the
  // client's data.
  audit(
    exposures.map((e) => ({
      action: "exposure.read" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "exposure",
      targetId: e.id,
      detail: { fields: "url,evidence,checks", page: "request" },
    })),
  );
  const problems = letter.frozen ? { missing: [], markers: [] } : letterProblems(letter);
  const today = calendarDateIn(new Date(), "UTC");
  const url = new URL(request.url);
  const pick = ComplaintQuerySchema.parse({
    authority: url.searchParams.get("authority") ?? undefined,
    all: url.searchParams.get("all") ?? undefined,
  });
  const writes = can(scope, "case:write");
  const replies = repliesFor(scope, letterId);
  // The newest reply whose suggestion waits for the person (replies come newest first).
  const pending = replies.find((r) => r.suggestion && !r.settled);
  const complaint =
    writes && canTake(req.status, "escalate")
      ? complaintOptions(scope, letterId, { authorityId: pick.authority, all: pick.all === "1" })
      : null;
  return {
    caseId,
    letter: {
      id: letter.id,
      kind: letter.kind,
      reference: letter.reference,
      status: letter.status,
      frozen: letter.frozen,
      channel: letter.channel,
      address: letter.address,
      recipientName: letter.recipientName,
      subject: letter.subject,
      body: letter.body,
      // What the letter asks for, under which law, in the letter's own words (the template's title).
      title: templateOf(letter)?.meta.title ?? null,
      edited: letter.body !== letter.templateBody,
      changes: changes(letter.templateBody, letter.body).slice(0, 200),
      templateLang: letter.templateLang,
      templateVersion: letter.templateVersion,
      attachmentIds: letter.attachmentIds,
      paper: letter.paper,
      sentAt: letter.sentAt?.toISOString() ?? null,
      sentOn: letter.sentOn,
      receivedOn: letter.receivedOn,
      dueOn: letter.dueOn,
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
    places: checks.map(({ e, last }) => {
      const story = stories.get(e.id);
      return {
        exposureId: e.id,
        url: e.url,
        lastCheck: last ? { on: last.checkedAt.toISOString().slice(0, 10), outcome: last.outcome } : null,
        status: story?.status ?? e.status,
        gone: story?.gone ? { on: long(story.gone.on), by: story.gone.by } : null,
        // Only what this request's answer said: another request's "done" is that request's story.
        stillUpOn: story?.saidRemoved?.letterId === letterId ? long(story.stillUpOn) : null,
        nextCheckOn: long(story?.nextCheckOn),
      };
    }),
    evidence: evidenceChoices(scope, exposures),
    problems,
    complaint,
    status: req.status,
    // "Removed" is their word until every place is checked gone.
    statusLabel: requestStateLabel(
      req.status,
      exposures.length > 0 && exposures.every((e) => stories.get(e.id)?.status === "removed"),
    ),
    // A letter the user sent themselves (posted, a web form, their own mail) may get its received date
    // corrected while it waits for the first answer.
    receivedEditable: canCorrectReceivedOn(scope, caseId, letterId),
    sentOn: req.sentOn,
    receivedOn: req.receivedOn,
    unsent: unsentNextLetters(scope, letterId).map((l) => ({
      id: l.id,
      kind: l.kind,
      reference: l.reference,
      writtenOn: l.createdAt.toISOString().slice(0, 10),
    })),
    due: effectiveDue(req),
    announced: req.announcedDueOn !== null,
    overdue: isOverdue(req, today),
    refusalReason: req.refusalReason,
    // They said it was removed, a re-check found it still up: write again.
    next:
      suggestedNextLetter(req.status, req.refusalReason) ??
      (exposures.some((e) => {
        const st = stories.get(e.id);
        return st?.stillUpOn && st.saidRemoved?.letterId === letterId;
      })
        ? "follow-up"
        : null),
    can: {
      write: writes,
      reply: canTake(req.status, "reply"),
      extension: canTake(req.status, "announce_extension"),
      followUp: canTake(req.status, "follow_up"),
      escalate: canTake(req.status, "escalate"),
      authority: canTake(req.status, "authority_outcome"),
      close: canTake(req.status, "close"),
      abandon: canTake(req.status, "abandon"),
      resume: canTake(req.status, "resume"),
    },
    replies: replies.map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString().slice(0, 10),
    })),
    suggestion:
      pending?.suggestion && writes
        ? {
            messageId: pending.id,
            receivedAt: pending.receivedAt.toISOString().slice(0, 10),
            looksLike: LOOKS_LIKE[pending.suggestion.cls],
            preset: presetFor(pending.suggestion.cls, pending.suggestion.reason),
            // "It did not arrive" is offered for an email still waiting for its first answer.
            canBounce: letter.channel === "email" && canTake(req.status, "bounce"),
          }
        : null,
    bouncedOn: bouncedAt(scope, letterId)?.toISOString().slice(0, 10) ?? null,
    covers: coveredFronts(scope, letterId),
    timeline: timeline(scope, caseId, letterId).map((t) => ({ ...t, at: t.at.toISOString() })),
    today,
  };
}

/** The letter's own form names no intent in its failures. */
const letterForm = { intent: undefined };
const isLetterIntent = (i: string): i is LetterIntent => (LETTER_INTENTS as readonly string[]).includes(i);

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseIds(params, "caseId", "letterId");
  const req = getRequest(scope, letterId);
  if (req.caseId !== caseId) throw new Response("This request could not be found.", { status: 404 });
  const form = await request.formData();
  const intent = RequestIntentSchema.safeParse(form.get("intent"));
  // The letter's own form answers without an intent (and an unknown action shows there).
  if (!intent.success) return formFailure("Unknown action.", { extra: letterForm });
  const here = `/cases/${caseId}/requests/${letterId}`;
  if (isLetterIntent(intent.data)) return letterAction(scope, form, intent.data, { caseId, letterId, here });
  // The request's forms answer with their intent, so the page shows the failure beside the form that failed;
  // only a refused complaint brings its options (named on every failure, so the page's type keeps them).
  const extra = { intent: intent.data, complaint: undefined };
  try {
    switch (intent.data) {
      case "reply": {
        const parsed = parseForm(form, ReplySchema, ["placeIds"]);
        if (!parsed.ok) return formFailure(parsed, { extra });
        const d = parsed.data;
        const event: RequestEvent | null =
          d.outcome === "none"
            ? null
            : d.outcome === "refused"
              ? { type: "reply", outcome: "refused", reason: d.reason as (typeof REFUSAL_REASONS)[number] }
              : { type: "reply", outcome: d.outcome };
        const placeIds = d.outcome === "partly_removed" ? d.placeIds : undefined;
        if (d.text) recordReply(scope, letterId, { text: d.text, receivedOn: d.receivedOn, event, placeIds });
        else if (event)
          moveRequest(scope, letterId, event, { at: new Date(`${d.receivedOn}T12:00:00Z`), placeIds });
        else moveRequest(scope, letterId, { type: "acknowledge" });
        return redirect(here);
      }
      case "confirm-reply": {
        const parsed = parseForm(form, ConfirmReplySchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        confirmReply(scope, letterId, parsed.data.messageId, confirmedEvent(parsed.data));
        return redirect(`${here}#replies`);
      }
      case "extension": {
        const parsed = parseForm(form, ExtensionSchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        moveRequest(scope, letterId, { type: "announce_extension", newDueOn: parsed.data.newDueOn });
        return redirect(here);
      }
      case "note": {
        const parsed = parseForm(form, NoteSchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        addNote(scope, letterId, parsed.data.note);
        return redirect(`${here}#timeline`);
      }
      case "follow-up": {
        const id = writeNextLetter(scope, letterId, "follow-up");
        return redirect(`/cases/${caseId}/requests/${id}`);
      }
      case "received": {
        const parsed = parseForm(form, ReceivedOnSchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        correctReceivedOn(scope, caseId, letterId, parsed.data.receivedOn);
        return redirect(here);
      }
      case "complaint": {
        const parsed = parseForm(form, ComplaintSchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        try {
          const id = writeNextLetter(scope, letterId, "regulator-complaint", new Date(), parsed.data);
          return redirect(`/cases/${caseId}/requests/${id}`);
        } catch (e) {
          if (!(e instanceof NextLetterError)) throw e;
          // Show the languages of the authority chosen, so the person can pick one it takes.
          return formFailure(e.message, {
            extra: {
              ...extra,
              complaint: complaintOptions(scope, letterId, { authorityId: parsed.data.authorityId }),
            },
          });
        }
      }
      case "authority":
        moveRequest(scope, letterId, { type: "authority_outcome" });
        return redirect(here);
      case "close":
        moveRequest(scope, letterId, { type: "close" });
        return redirect(here);
      case "abandon": {
        const parsed = parseForm(form, AbandonSchema);
        if (!parsed.ok) return formFailure(parsed, { extra });
        abandonRequest(scope, letterId, parsed.data.note || undefined);
        return redirect(here);
      }
      case "resume":
        resumeRequest(scope, letterId);
        return redirect(here);
    }
  } catch (e) {
    // A date the letter cannot take: under its field (the date received when it names none).
    if (e instanceof LetterInputError)
      return formFailure(new UserError(e.message, { field: e.field ?? "receivedOn" }), { extra });
    // A step the request's state does not allow. lifecycle.ts is shared with the browser, so this is no UserError.
    if (e instanceof IllegalTransitionError) return formFailure(e.message, { status: 409, extra });
    return formFailureOrThrow(e, { extra }); // NextLetterError: 409
  }
}

/** Saves the draft's text and, for "send" and "record", sends it: the text on screen is what is sent. */
function letterAction(
  scope: Awaited<ReturnType<typeof requireScope>>,
  form: FormData,
  intent: LetterIntent,
  { caseId, letterId, here }: { caseId: string; letterId: string; here: string },
) {
  const parsed = parseForm(form, LetterTextSchema, ["attachmentIds"]);
  if (!parsed.ok) return formFailure(parsed, { extra: letterForm });
  try {
    saveDraft(scope, caseId, letterId, parsed.data);
    // Posted, submitted in a web form, or sent from the user's own mail: the dates they give (the form fills
    // in today; a post without the fields means today). An email Retract sends takes no dates: it is received
    // the day the mail server accepts it.
    const wantsDates =
      intent === "record" || (intent === "send" && letterChannel(scope, caseId, letterId) !== "email");
    const given = form.has("sentOn") || form.has("receivedOn") || intent === "record";
    const dates = wantsDates && given ? parseForm(form, sentDatesSchema()) : null;
    if (dates && !dates.ok)
      return formFailure(
        { ...dates, formErrors: ["Check the dates: the letter was saved but not marked as sent."] },
        { extra: letterForm },
      );
    if (intent !== "save") {
      sendLetter(scope, caseId, letterId, new Date(), dates?.ok ? dates.data : undefined);
      return redirect(`${here}?sent=1`);
    }
    return data({ saved: true });
  } catch (e) {
    if (e instanceof LetterNotSendableError) {
      const parts = [
        e.missing.length ? `These details are still empty: ${e.missing.join(", ")}.` : "",
        e.markers.length ? `Replace what is still in double braces: ${e.markers.join(" ")}.` : "",
      ].filter(Boolean);
      return formFailure(`This letter cannot be sent yet. ${parts.join(" ")}`, {
        values: parsed.data,
        extra: letterForm,
      });
    }
    // Shown above the letter and, when it names one, under its field too.
    if (e instanceof LetterInputError)
      return formFailure(
        { fieldErrors: e.field ? { [e.field]: [e.message] } : {}, formErrors: [e.message] },
        { extra: letterForm },
      );
    return formFailureOrThrow(e, { extra: letterForm }); // LetterFrozenError: 409
  }
}

/** What the action answered: a saved draft, or a failure (with the intent of the request's form that failed). */
type Answer = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

/** "This looks like…": the reply's suggestion, pre-selected, confirmed (or changed) in one click. */
function SuggestionForm({
  d,
  errors,
  busy,
}: {
  d: ReturnType<typeof useLoaderData<typeof loader>>;
  errors: Extract<Answer, { formErrors: string[] }> | undefined;
  busy: (intent: string) => boolean;
}) {
  const s = d.suggestion;
  if (!s) return null;
  const outcomes = REPLY_OUTCOMES.filter((o) => o !== d.status || o === s.preset.outcome);
  return (
    <section aria-labelledby="suggestion" className="card medium">
      <h3 id="suggestion">What the reply of {s.receivedAt} says</h3>
      <p>
        <strong>{s.looksLike}</strong>
      </p>
      <p className="muted">
        Read the reply, then confirm or choose what it says instead. The request changes only when you
        confirm.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="confirm-reply" />
        <input type="hidden" name="messageId" value={s.messageId} />
        <FormErrors errors={errors?.formErrors} />
        <SelectField
          id="confirm-outcome"
          name="outcome"
          label="What does it say?"
          defaultValue={s.preset.outcome}
          errors={errors?.fieldErrors.outcome}
          options={[
            ...(s.preset.outcome === "" ? [{ value: "", label: "Choose what they answered" }] : []),
            { value: "none", label: "They confirmed receipt (no decision yet)" },
            ...outcomes.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })),
            ...(s.canBounce ? [{ value: "bounce", label: "My letter did not arrive (it came back)" }] : []),
          ]}
        />
        <SelectField
          id="confirm-reason"
          name="reason"
          label="The reason they gave, if they refused"
          defaultValue={s.preset.reason}
          errors={errors?.fieldErrors.reason}
          options={[
            { value: "", label: "—" },
            ...REFUSAL_REASONS.map((r) => ({ value: r, label: REFUSALS[r].label })),
          ]}
        />
        <button type="submit" className="button" disabled={busy("confirm-reply")}>
          {busy("confirm-reply") ? "Saving…" : "Confirm"}
        </button>
      </Form>
    </section>
  );
}

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

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useT();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = (intent: string) => nav.state === "submitting" && nav.formData?.get("intent") === intent;
  // The request's forms answer with their intent; the letter's form answers without one.
  const failed = data && "formErrors" in data ? data : undefined;
  const errors = (intent: string) => (failed?.intent === intent ? failed : undefined);
  const letterData = data && !("formErrors" in data && data.intent) ? data : undefined;
  const refusal = d.refusalReason ? REFUSALS[d.refusalReason] : null;
  const complaint = errors("complaint")?.complaint || d.complaint;
  const letter = d.letter;
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${d.caseId}`}>Back to the case</Link>
      </p>
      <div>
        <p className="muted">
          Letter to {letter.recipientName} · reference <span className="mono">{letter.reference}</span>
        </p>
        <h1>Request {letter.reference}</h1>
      </div>

      <section aria-labelledby="about" className="card stack">
        <h2 id="about">What this request is</h2>
        <dl className="facts">
          <dt>To</dt>
          <dd>{letter.recipientName}</dd>
          {letter.title ? (
            <>
              <dt>What it asks</dt>
              <dd>{letter.title}</dd>
            </>
          ) : null}
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-request-${d.status}`}>{d.statusLabel}</span>{" "}
            {d.overdue ? <span className="badge badge-request-overdue">overdue</span> : null}
          </dd>
          {d.sentOn ? (
            <>
              <dt>Sent</dt>
              <dd>{d.sentOn}</dd>
              <dt>Received by them</dt>
              <dd>{d.receivedOn ?? d.sentOn}</dd>
            </>
          ) : null}
          <dt>Answer due</dt>
          <dd>
            {d.due
              ? `${d.due}${d.announced ? " (extended by the recipient)" : ""}`
              : "No date (not sent yet, or no legal deadline)"}
          </dd>
        </dl>
        {d.covers.length ? (
          <div className="stack">
            <h3 id="covers">Sites this request also covers</h3>
            <p>
              {letter.recipientName} runs these sites too. An opt-out at the parent company covers them: your
              places on them move with this request, and they are checked again once it says it is done.
            </p>
            <ul aria-labelledby="covers">
              {d.covers.map((f) => (
                <li key={f.id}>
                  {f.name}
                  {f.places === 0
                    ? null
                    : f.places === 1
                      ? " (1 of your places is on this site)"
                      : ` (${f.places} of your places are on this site)`}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {d.unsent.map((l) => (
        <div key={l.id} className="notice notice-warn" role="note">
          <p>
            You wrote {kindALetter(l.kind)} ({l.reference}) on {l.writtenOn} and have not sent it yet. This
            request moves on when it is sent.{" "}
            <Link to={`/cases/${d.caseId}/requests/${l.id}`}>Open it to send it</Link>
          </p>
        </div>
      ))}
      {d.overdue ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>The deadline has passed without an answer.</strong> Send a follow-up with a final date, or
            complain to the authority.
          </p>
        </div>
      ) : null}
      {d.bouncedOn ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Your letter did not arrive.</strong> On {d.bouncedOn} the recipient's mail server sent it
            back, so no deadline runs. Check their address in the directory (it may have changed) and write
            the letter again, or send it another way: through their web form or by post.
          </p>
        </div>
      ) : null}
      {d.places
        .filter((p) => p.stillUpOn)
        .map((p) => (
          <div key={p.exposureId} className="notice notice-warn" role="note">
            <p>
              <strong>They said it was removed, but it is still up on {p.stillUpOn}:</strong>{" "}
              <span className="mono">{p.url}</span>. Write to them again: a follow-up is suggested below.
            </p>
          </div>
        ))}
      {d.status === "abandoned" ? (
        <div className="notice" role="note">
          <p>This request is set aside: Retract does not remind you about it or count it as overdue.</p>
          {d.can.write ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resume" />
              <FormErrors errors={errors("resume")?.formErrors} />
              <button type="submit" className="button button-secondary" disabled={busy("resume")}>
                {busy("resume") ? "Taking it up again…" : "Take this request up again"}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {refusal ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>{refusal.label}.</strong> {refusal.advice}
          </p>
          <p className="muted">Not legal advice.</p>
        </div>
      ) : null}

      <LetterSection d={d} data={letterData} busy={busy} />

      <section aria-labelledby="replies" className="stack">
        <h2 id="replies">Replies</h2>
        {d.replies.length === 0 ? (
          <p className="empty">No reply yet.</p>
        ) : (
          <ul className="list">
            {d.replies.map((r) => (
              <li key={r.id} className="list-item stack">
                <div className="meta-row">
                  <span>{r.receivedAt}</span>
                  <span>
                    {r.source === "imap" ? `Email${r.from ? ` from ${r.from}` : ""}` : "Recorded by hand"}
                  </span>
                  {r.subject ? <span>{r.subject}</span> : null}
                </div>
                {r.text ? <pre className="letter-text">{r.text}</pre> : null}
              </li>
            ))}
          </ul>
        )}

        {d.suggestion ? <SuggestionForm d={d} errors={errors("confirm-reply")} busy={busy} /> : null}

        {d.can.write && d.can.reply ? (
          <section aria-labelledby="reply" className="card medium">
            <h3 id="reply">Record their answer</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="reply" />
              <FormErrors errors={errors("reply")?.formErrors} />
              <SelectField
                name="outcome"
                label="What did they answer?"
                errors={errors("reply")?.fieldErrors.outcome}
                options={[
                  { value: "none", label: "They confirmed receipt (no decision yet)" },
                  ...REPLY_OUTCOMES.filter((o) => o !== d.status).map((o) => ({
                    value: o,
                    label: OUTCOME_LABELS[o],
                  })),
                ]}
              />
              <SelectField
                name="reason"
                label="If they refused: the reason they gave"
                errors={errors("reply")?.fieldErrors.reason}
                options={[
                  { value: "", label: "—" },
                  ...REFUSAL_REASONS.map((r) => ({ value: r, label: REFUSALS[r].label })),
                ]}
              />
              {d.places.length > 1 ? (
                <CheckboxGroup
                  legend="If they removed some of it: which places they name"
                  hint="Leave them all unticked if they did not say which."
                  name="placeIds"
                  options={d.places.map((p) => ({ value: p.exposureId, label: p.url }))}
                />
              ) : null}
              <TextField
                id="reply-received-on"
                name="receivedOn"
                label="Received on"
                type="date"
                defaultValue={d.today}
                errors={errors("reply")?.fieldErrors.receivedOn}
              />
              <TextArea
                name="text"
                label="Their reply (optional)"
                hint="Paste a reply that came by post, phone or a web form. Emails to your mailbox are attached automatically."
                rows={5}
              />
              <button type="submit" className="button" disabled={busy("reply")}>
                {busy("reply") ? "Saving…" : "Save the answer"}
              </button>
            </Form>
          </section>
        ) : null}

        {d.can.write && d.can.extension ? (
          <section aria-labelledby="extension" className="card medium">
            <h3 id="extension">They extended the deadline</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="extension" />
              <TextField
                name="newDueOn"
                label="New due date"
                type="date"
                errors={errors("extension")?.fieldErrors.newDueOn}
              />
              <button type="submit" className="button button-secondary">
                Save the new date
              </button>
            </Form>
          </section>
        ) : null}

        {d.can.write && d.receivedEditable ? (
          <section aria-labelledby="received" className="card medium">
            <h3 id="received">When they received it</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="received" />
              <TextField
                id="received-on-correction"
                name="receivedOn"
                label="Date they received it"
                type="date"
                defaultValue={d.receivedOn ?? d.sentOn ?? d.today}
                hint="If you learn the delivery date later (tracking, a signed receipt), enter it here: the deadline is counted again from that day."
                errors={errors("received")?.fieldErrors.receivedOn}
              />
              <button type="submit" className="button button-secondary" disabled={busy("received")}>
                Save the date received
              </button>
            </Form>
          </section>
        ) : null}
      </section>

      {d.can.write && (d.can.followUp || d.can.escalate) ? (
        <section aria-labelledby="next" className="card stack">
          <h2 id="next">Next step</h2>
          {d.next ? <p>Suggested: {kindALetter(d.next)}.</p> : null}
          <FormErrors errors={errors("follow-up")?.formErrors ?? errors("complaint")?.formErrors} />
          <div className="row">
            {d.can.followUp ? (
              <Form method="post">
                <input type="hidden" name="intent" value="follow-up" />
                <button type="submit" className="button" disabled={busy("follow-up")}>
                  {busy("follow-up") ? "Writing…" : "Write the follow-up"}
                </button>
              </Form>
            ) : null}
          </div>
          {d.can.escalate && complaint ? (
            <Form method="post" className="stack medium" noValidate aria-labelledby="complaint-heading">
              <h3 id="complaint-heading">Complain to the authority</h3>
              <input type="hidden" name="intent" value="complaint" />
              {complaint.unavailable ? (
                <p>{complaint.unavailable}</p>
              ) : (
                <SelectField
                  name="authorityId"
                  label="Authority"
                  key={complaint.authority?.id ?? "none"}
                  hint={
                    complaint.defaultAuthorityId
                      ? "The authority where you live is chosen first. You may complain to another one."
                      : "Choose the authority where you live (in Germany: the one of your Land)."
                  }
                  errors={errors("complaint")?.fieldErrors.authorityId}
                  defaultValue={complaint.authority?.id ?? ""}
                  options={[
                    ...(complaint.authority ? [] : [{ value: "", label: "Choose the authority" }]),
                    ...complaint.authorities.map((a) => ({ value: a.id, label: a.label })),
                  ]}
                />
              )}
              {complaint.authority ? (
                <SelectField
                  key={complaint.authority.id}
                  name="lang"
                  label="Language of the complaint"
                  hint="The languages this authority takes complaints in."
                  errors={errors("complaint")?.fieldErrors.lang}
                  defaultValue={complaint.authority.defaultLang}
                  options={complaint.authority.langs.map((l) => ({ value: l, label: langName(l) }))}
                />
              ) : null}
              {complaint.authority?.note ? <p className="muted">{complaint.authority.note}</p> : null}
              {complaint.moreOnRequest ? (
                <p className="muted">
                  <Link to="?all=1">Show church and broadcasting data-protection authorities too</Link>
                </p>
              ) : null}
              {complaint.unavailable ? null : (
                <div>
                  <button type="submit" className="button button-secondary" disabled={busy("complaint")}>
                    {busy("complaint") ? "Writing…" : "Write the complaint to the authority"}
                  </button>
                </div>
              )}
            </Form>
          ) : null}
          <p className="muted">
            Both are drafts filled from this request's dates and replies: you read them before they go.
          </p>
        </section>
      ) : null}

      {d.places.length ? (
        <section aria-labelledby="checks" className="stack">
          <h2 id="checks">Are the pages still there?</h2>
          <ul className="list">
            {d.places.map((p) => (
              <li key={p.exposureId} className="list-item">
                <span className="mono">{p.url}</span>
                <div className="meta-row">
                  <span className={`badge badge-${p.status}`}>{t(STATUS_LABELS[p.status])}</span>
                  <span>
                    {p.lastCheck
                      ? `${OUTCOME_TEXT[p.lastCheck.outcome]} (checked ${p.lastCheck.on})`
                      : "Not checked yet"}
                  </span>
                  {p.gone ? (
                    <span>
                      {p.gone.by === "recheck"
                        ? `Checked gone on ${p.gone.on} by a re-check`
                        : `Confirmed gone by hand on ${p.gone.on}`}
                    </span>
                  ) : null}
                  {p.nextCheckOn ? <span>Next re-check on {p.nextCheckOn}</span> : null}
                  <Link to={`/cases/${d.caseId}/exposures/${p.exposureId}#checks`}>
                    {d.can.write ? "Check it again" : "See the checks"}
                    <span className="visually-hidden">: {p.url}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="timeline" className="stack">
        <h2 id="timeline">History</h2>
        <ol className="timeline">
          {d.timeline.map((t, i) => (
            <li key={`${t.at}-${i}`}>
              <time dateTime={t.at}>{t.at.slice(0, 10)}</time> {t.text}
              {t.note ? <p className="muted">{t.note}</p> : null}
            </li>
          ))}
        </ol>
        {d.can.write ? (
          <Form method="post" className="medium" noValidate>
            <input type="hidden" name="intent" value="note" />
            <TextArea name="note" label="Add a note" rows={2} errors={errors("note")?.fieldErrors.note} />
            <button type="submit" className="button button-secondary">
              Add the note
            </button>
          </Form>
        ) : null}
      </section>

      {d.can.write && d.can.abandon ? (
        <section aria-labelledby="abandon" className="card medium">
          <h2 id="abandon">Stop reminding me about this</h2>
          <p className="muted">
            The request stays as it is, with its history. Retract stops reminding you and does not count it as
            overdue. You can take it up again at any time.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="abandon" />
            <FormErrors errors={errors("abandon")?.formErrors} />
            <TextArea
              id="abandon-note"
              name="note"
              label="Why (optional, only for you and your team)"
              rows={2}
              errors={errors("abandon")?.fieldErrors.note}
            />
            <button type="submit" className="button button-secondary" disabled={busy("abandon")}>
              {busy("abandon") ? "Saving…" : "Stop reminding me"}
            </button>
          </Form>
        </section>
      ) : null}

      {d.can.write && (d.can.authority || d.can.close) ? (
        <div className="row">
          {d.can.authority ? (
            <Form method="post">
              <input type="hidden" name="intent" value="authority" />
              <button type="submit" className="button button-secondary">
                The authority has decided
              </button>
            </Form>
          ) : null}
          {d.can.close ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button button-secondary">
                Close this request
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The letter itself: its text (edited while a draft), the checks it must pass, the PDF, and sending it. */
function LetterSection({ d, data, busy }: { d: PageData; data?: Answer; busy: (intent: string) => boolean }) {
  const { caseId, letter, places, evidence, problems, today } = d;
  const canWrite = d.can.write;
  const nav = useNavigation();
  const sending =
    nav.state !== "idle" && nav.formMethod === "POST" && isLetterIntent(`${nav.formData?.get("intent")}`);
  // letters.status is the request's state; once the request has moved on (an answer, a follow-up) the letter
  // itself stays "sent".
  const state = ["draft", "queued", "failed"].includes(letter.status) ? letter.status : "sent";
  // A date the recipient announced instead is said in the request's facts.
  const due = d.announced ? null : letter.dueOn;
  const sendLabel =
    letter.channel === "email"
      ? `Send by email to ${letter.address}`
      : letter.channel === "pdf"
        ? "Mark as posted"
        : "Mark as submitted in their form";
  return (
    <section aria-labelledby="letter" className="stack">
      <div className="spread">
        <h2 id="letter">{letter.frozen ? "The letter as sent" : "Check and edit the letter"}</h2>
        <span className={`badge badge-letter-${state}`}>{LETTER_STATUS_LABELS[state]}</span>
      </div>

      <aside className="notice notice-warn letter-advice" aria-label="Not legal advice">
        <p>{NOT_LEGAL_ADVICE}</p>
      </aside>
      {letter.passedOn ? (
        <aside className="notice passed-on-notice" aria-label="Who may see this letter">
          <p>{letter.passedOn}</p>
        </aside>
      ) : null}

      {state === "failed" && !d.bouncedOn ? (
        <div className="notice notice-error" role="alert">
          <p>
            This letter was not delivered. The mail server said:{" "}
            <span className="mono">{letter.outbox?.lastError}</span>. Check the address and your email
            settings, then write it again.
          </p>
        </div>
      ) : null}
      {state === "queued" ? (
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
      {state === "sent" ? (
        <div className="notice notice-ok" role="status">
          <p>
            Sent {letter.sentOn ?? letter.sentAt?.slice(0, 10)}
            {letter.receivedOn && letter.receivedOn !== letter.sentOn
              ? `, received ${letter.receivedOn}`
              : ""}
            . It is kept exactly as sent and can no longer be changed.
            {due ? ` Answer due by ${due}` : ""}
            {due && letter.dueRule ? ` (${letter.dueRule}).` : due ? "." : ""}
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
            {places.map((p) => (
              <li key={p.exposureId} className="mono">
                {p.url}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Language</dt>
        <dd>
          {langOwnName(letter.templateLang)}, template version {letter.templateVersion}
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
        <div className="stack">
          <h3 id="text">Text</h3>
          <p>
            <strong>Subject:</strong> {letter.subject}
          </p>
          <pre className="letter-text">{letter.body}</pre>
        </div>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormErrors errors={data && "formErrors" in data ? data.formErrors : undefined} />
          {data && "saved" in data ? (
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
                    disabled={sending}
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
              disabled={sending}
            >
              Save draft
            </button>
            <button type="submit" name="intent" value="send" className="button" disabled={sending}>
              {busy("send") ? "Sending…" : sendLabel}
            </button>
          </div>
        </Form>
      )}
      {letter.frozen && letter.channel === "webform" ? (
        <div className="stack">
          <h3 id="paste">Text for their form</h3>
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
        </div>
      ) : null}
    </section>
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
  data?: Answer;
}) {
  const failed = data && "formErrors" in data ? data : undefined;
  const errors = failed?.fieldErrors;
  const given = (name: string) => {
    const v = failed?.values[name];
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Request ${data.letter.reference} · Retract` : "Request · Retract" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
