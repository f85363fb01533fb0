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
import { type ReactNode, useEffect, useState } from "react";
import { audit } from "~/audit/audit.server";
import { requireScope } from "~/auth/session.server";
import { calendarDateIn } from "~/deadlines/engine";
import { STATUS_LABELS } from "~/exposures/categories";
import { placeStories } from "~/exposures/checked-gone.server";
import { listExposuresByIds } from "~/exposures/exposures.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import type { Translator } from "~/i18n/translate";
import { CHECK_OUTCOME_KEYS } from "~/rechecks/outcome";
import { listChecks } from "~/rechecks/rechecks.server";
import { coveredFronts } from "~/requests/broker-family.server";
import { NOT_LEGAL_ADVICE_KEY } from "~/requests/compose/forms";
import { LetterTextSchema } from "~/requests/compose/forms.server";
import { complaintOptions, NextLetterError, writeNextLetter } from "~/requests/compose/next-letter.server";
import { passedOnNoticeKey } from "~/requests/compose/sender-safety";
import { LETTER_STATUS_KEYS } from "~/requests/labels";
import { langName, langOwnName } from "~/requests/languages";
import { changes } from "~/requests/render/diff";
import { LOOKS_LIKE_KEYS } from "~/requests/replies/classify";
import { bouncedAt, confirmReply } from "~/requests/replies/confirm.server";
import { ConfirmReplySchema, confirmedEvent, presetFor } from "~/requests/replies/forms.server";
import { recordReply, repliesFor } from "~/requests/replies/replies.server";
import {
  abandonRequest,
  addNote,
  getRequest,
  moveRequest,
  resumeRequest,
  type TimelineSay,
  timeline,
  unsentNextLetters,
} from "~/requests/requests.server";
import { type Said, saidIn } from "~/requests/said";
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
import { sayTimeline } from "~/requests/timeline-say";
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
  OUTCOME_KEYS,
  REFUSAL_KEYS,
  REFUSAL_REASONS,
  REPLY_OUTCOMES,
  type RequestEvent,
  requestStateKey,
  STATE_KEYS,
  suggestedNextLetter,
} from "~/requests/tracking/lifecycle";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { t, locale } = await getTranslator(request);
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
  const long = (day: string | null | undefined) => (day ? formatDay(locale, day, "long") : null);
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
  const passedOnKey = passedOnNoticeKey(letter.kind);
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
    pageTitle: t("request.pageTitle", { reference: letter.reference }),
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
      passedOn: passedOnKey && !letter.frozen ? t(passedOnKey) : null,
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
    statusLabel: t(
      requestStateKey(
        req.status,
        exposures.length > 0 && exposures.every((e) => stories.get(e.id)?.status === "removed"),
      ),
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
            looksLike: LOOKS_LIKE_KEYS[pending.suggestion.cls],
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

/** A next letter's kind as the select id its sentences take ("Suggested: a follow-up."). */
function nextKind(kind: string): string {
  return kind === "follow-up"
    ? "followUp"
    : kind === "regulator-complaint"
      ? "complaint"
      : kind === "dsa-notice"
        ? "dsaNotice"
        : "other";
}

/** The letter's own form names no intent in its failures. */
const letterForm = { intent: undefined };
const isLetterIntent = (i: string): i is LetterIntent => (LETTER_INTENTS as readonly string[]).includes(i);

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseIds(params, "caseId", "letterId");
  const req = getRequest(scope, letterId);
  if (req.caseId !== caseId) throw new Response("This request could not be found.", { status: 404 });
  const tr = await getTranslator(request);
  const { t } = tr;
  const form = await request.formData();
  const intent = RequestIntentSchema.safeParse(form.get("intent"));
  // The letter's own form answers without an intent (and an unknown action shows there).
  if (!intent.success) return formFailure(t("errors.request.unknownAction"), { extra: letterForm });
  const here = `/cases/${caseId}/requests/${letterId}`;
  if (isLetterIntent(intent.data))
    return letterAction(scope, tr, form, intent.data, { caseId, letterId, here });
  // The request's forms answer with their intent, so the page shows the failure beside the form that failed;
  // only a refused complaint brings its options (named on every failure, so the page's type keeps them).
  const extra = { intent: intent.data, complaint: undefined };
  try {
    switch (intent.data) {
      case "reply": {
        const parsed = parseForm(form, ReplySchema, ["placeIds"]);
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
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
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
        confirmReply(scope, letterId, parsed.data.messageId, confirmedEvent(parsed.data));
        return redirect(`${here}#replies`);
      }
      case "extension": {
        const parsed = parseForm(form, ExtensionSchema);
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
        moveRequest(scope, letterId, { type: "announce_extension", newDueOn: parsed.data.newDueOn });
        return redirect(here);
      }
      case "note": {
        const parsed = parseForm(form, NoteSchema);
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
        addNote(scope, letterId, parsed.data.note);
        return redirect(`${here}#timeline`);
      }
      case "follow-up": {
        const id = writeNextLetter(scope, letterId, "follow-up");
        return redirect(`/cases/${caseId}/requests/${id}`);
      }
      case "received": {
        const parsed = parseForm(form, ReceivedOnSchema);
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
        correctReceivedOn(scope, caseId, letterId, parsed.data.receivedOn);
        return redirect(here);
      }
      case "complaint": {
        const parsed = parseForm(form, ComplaintSchema);
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
        try {
          const id = writeNextLetter(scope, letterId, "regulator-complaint", new Date(), parsed.data);
          return redirect(`/cases/${caseId}/requests/${id}`);
        } catch (e) {
          if (!(e instanceof NextLetterError)) throw e;
          // Show the languages of the authority chosen, so the person can pick one it takes.
          return formFailure(saidIn(tr, e), {
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
        if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra });
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
      return formFailure(new UserError(saidIn(tr, e), { field: e.field ?? "receivedOn" }), { extra });
    // A step the request's state does not allow. lifecycle.ts is shared with the browser, so this is no UserError.
    if (e instanceof IllegalTransitionError) return formFailure(illegalStep(tr, e), { status: 409, extra });
    return formFailureOrThrow(inWords(tr, e), { extra }); // NextLetterError: 409
  }
}

/** A domain error with a message key, in the page's language (same field and status); anything else as it is. */
function inWords(tr: Translator, e: unknown): unknown {
  if (!(e instanceof UserError) || !("said" in e) || !e.said) return e;
  return new UserError(saidIn(tr, e as UserError & { said: Said }), { field: e.field, status: e.status });
}

/** A refused step in the page's language (the lifecycle's own sentence when it is not the usual one). */
function illegalStep({ t }: Translator, e: IllegalTransitionError): string {
  const usual = new IllegalTransitionError(e.from, e.event).message;
  const state = STATE_KEYS[e.from as keyof typeof STATE_KEYS];
  return e.message === usual && state
    ? t("errors.request.notNow", { state: t(state), event: e.event })
    : e.message;
}

/** Saves the draft's text and, for "send" and "record", sends it: the text on screen is what is sent. */
function letterAction(
  scope: Awaited<ReturnType<typeof requireScope>>,
  tr: Translator,
  form: FormData,
  intent: LetterIntent,
  { caseId, letterId, here }: { caseId: string; letterId: string; here: string },
) {
  const parsed = parseForm(form, LetterTextSchema, ["attachmentIds"]);
  if (!parsed.ok) return formFailure(translateFailure(tr, parsed), { extra: letterForm });
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
      return formFailure(translateFailure(tr, { ...dates, formErrors: ["errors.letter.checkDates"] }), {
        extra: letterForm,
      });
    if (intent !== "save") {
      sendLetter(scope, caseId, letterId, new Date(), dates?.ok ? dates.data : undefined);
      return redirect(`${here}?sent=1`);
    }
    return data({ saved: true });
  } catch (e) {
    if (e instanceof LetterNotSendableError) {
      const message = tr.t("errors.letter.notSendable", {
        hasMissing: e.missing.length ? "yes" : "no",
        missing: e.missing.join(", "),
        hasMarkers: e.markers.length ? "yes" : "no",
        markers: e.markers.join(" "),
      });
      return formFailure(message, {
        values: parsed.data,
        extra: letterForm,
      });
    }
    // Shown above the letter and, when it names one, under its field too.
    if (e instanceof LetterInputError) {
      const message = saidIn(tr, e);
      return formFailure(
        { fieldErrors: e.field ? { [e.field]: [message] } : {}, formErrors: [message] },
        { extra: letterForm },
      );
    }
    return formFailureOrThrow(inWords(tr, e), { extra: letterForm }); // LetterFrozenError: 409
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
  const { t, locale } = useT();
  const s = d.suggestion;
  if (!s) return null;
  const outcomes = REPLY_OUTCOMES.filter((o) => o !== d.status || o === s.preset.outcome);
  return (
    <section aria-labelledby="suggestion" className="card medium">
      <h3 id="suggestion">{t("reply.suggestion.title", { day: formatDay(locale, s.receivedAt) })}</h3>
      <p>
        <strong>{t(s.looksLike)}</strong>
      </p>
      <p className="muted">{t("reply.suggestion.help")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="confirm-reply" />
        <input type="hidden" name="messageId" value={s.messageId} />
        <FormErrors errors={errors?.formErrors} />
        <SelectField
          id="confirm-outcome"
          name="outcome"
          label={t("reply.suggestion.what")}
          defaultValue={s.preset.outcome}
          errors={errors?.fieldErrors.outcome}
          options={[
            ...(s.preset.outcome === "" ? [{ value: "", label: t("reply.choose") }] : []),
            { value: "none", label: t("reply.receiptOnly") },
            ...outcomes.map((o) => ({ value: o, label: t(OUTCOME_KEYS[o]) })),
            ...(s.canBounce ? [{ value: "bounce", label: t("reply.bounce") }] : []),
          ]}
        />
        <SelectField
          id="confirm-reason"
          name="reason"
          label={t("reply.suggestion.reason")}
          defaultValue={s.preset.reason}
          errors={errors?.fieldErrors.reason}
          options={[
            { value: "", label: "—" },
            ...REFUSAL_REASONS.map((r) => ({ value: r, label: t(REFUSAL_KEYS[r].label) })),
          ]}
        />
        <button type="submit" className="button" disabled={busy("confirm-reply")}>
          {busy("confirm-reply") ? t("request.saving") : t("reply.confirm")}
        </button>
      </Form>
    </section>
  );
}

function CopyButton({ target, label }: { target: string; label: string }) {
  const { t } = useT();
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
      {copied ? t("letter.copied") : label}
    </button>
  );
}

export default function RequestPage() {
  const { t, rich, locale } = useT();
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = (intent: string) => nav.state === "submitting" && nav.formData?.get("intent") === intent;
  // The request's forms answer with their intent; the letter's form answers without one.
  const failed = data && "formErrors" in data ? data : undefined;
  const errors = (intent: string) => (failed?.intent === intent ? failed : undefined);
  const letterData = data && !("formErrors" in data && data.intent) ? data : undefined;
  const refusal = d.refusalReason ? REFUSAL_KEYS[d.refusalReason] : null;
  const complaint = errors("complaint")?.complaint || d.complaint;
  // A complaint's language named in the page's language (English keeps the directory's English names).
  const languageName = (code: string) =>
    locale === "en"
      ? langName(code)
      : (new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code);
  const letter = d.letter;
  // A history item's words: values that are keys are translated first, days written out in the page's language.
  const say = (s: TimelineSay) => sayTimeline({ t }, locale, s);
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${d.caseId}`}>{t("request.back")}</Link>
      </p>
      <div>
        <p className="muted">
          {rich("request.letterTo", {
            recipient: letter.recipientName,
            reference: letter.reference,
            ref: (chunks) => <span className="mono">{chunks}</span>,
          })}
        </p>
        <h1>{t("request.title", { reference: letter.reference })}</h1>
      </div>

      <section aria-labelledby="about" className="card stack">
        <h2 id="about">{t("request.about.title")}</h2>
        <dl className="facts">
          <dt>{t("request.about.to")}</dt>
          <dd>{letter.recipientName}</dd>
          {letter.title ? (
            <>
              <dt>{t("request.about.asks")}</dt>
              <dd lang={letter.templateLang}>{letter.title}</dd>
            </>
          ) : null}
          <dt>{t("request.about.status")}</dt>
          <dd>
            <span className={`badge badge-request-${d.status}`}>{d.statusLabel}</span>{" "}
            {d.overdue ? (
              <span className="badge badge-request-overdue">{t("request.about.overdue")}</span>
            ) : null}
          </dd>
          {d.sentOn ? (
            <>
              <dt>{t("request.about.sent")}</dt>
              <dd>{formatDay(locale, d.sentOn)}</dd>
              <dt>{t("request.about.received")}</dt>
              <dd>{formatDay(locale, d.receivedOn ?? d.sentOn)}</dd>
            </>
          ) : null}
          <dt>{t("request.about.due")}</dt>
          <dd>
            {d.due
              ? d.announced
                ? t("request.about.dueExtended", { due: formatDay(locale, d.due) })
                : formatDay(locale, d.due)
              : t("request.about.noDue")}
          </dd>
        </dl>
        {d.covers.length ? (
          <div className="stack">
            <h3 id="covers">{t("request.covers.title")}</h3>
            <p>{t("request.covers.text", { recipient: letter.recipientName })}</p>
            <ul aria-labelledby="covers">
              {d.covers.map((f) => (
                <li key={f.id}>{t("request.covers.site", { name: f.name, places: f.places })}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {d.unsent.map((l) => (
        <div key={l.id} className="notice notice-warn" role="note">
          <p>
            {rich("request.unsent.notice", {
              kind: nextKind(l.kind),
              reference: l.reference,
              day: formatDay(locale, l.writtenOn),
              link: (chunks) => <Link to={`/cases/${d.caseId}/requests/${l.id}`}>{chunks}</Link>,
            })}
          </p>
        </div>
      ))}
      {d.overdue ? (
        <div className="notice notice-warn" role="note">
          <p>{rich("request.overdue.notice", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
        </div>
      ) : null}
      {d.bouncedOn ? (
        <div className="notice notice-error" role="alert">
          <p>
            {rich("request.bounced.notice", {
              day: formatDay(locale, d.bouncedOn),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        </div>
      ) : null}
      {d.places
        .filter((p) => p.stillUpOn)
        .map((p) => (
          <div key={p.exposureId} className="notice notice-warn" role="note">
            <p>
              {rich("request.stillUp.notice", {
                day: p.stillUpOn,
                url: p.url,
                strong: (chunks) => <strong>{chunks}</strong>,
                mono: (chunks) => <span className="mono">{chunks}</span>,
              })}
            </p>
          </div>
        ))}
      {d.status === "abandoned" ? (
        <div className="notice" role="note">
          <p>{t("request.abandoned.notice")}</p>
          {d.can.write ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resume" />
              <FormErrors errors={errors("resume")?.formErrors} />
              <button type="submit" className="button button-secondary" disabled={busy("resume")}>
                {busy("resume") ? t("request.resume.busy") : t("request.resume.submit")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {refusal ? (
        <div className="notice notice-warn" role="note">
          <p>
            {rich("request.refusal.notice", {
              label: t(refusal.label),
              advice: t(refusal.advice),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <p className="muted">{t("request.notLegalAdvice")}</p>
        </div>
      ) : null}

      <LetterSection d={d} data={letterData} busy={busy} />

      <section aria-labelledby="replies" className="stack">
        <h2 id="replies">{t("replies.title")}</h2>
        {d.replies.length === 0 ? (
          <p className="empty">{t("replies.none")}</p>
        ) : (
          <ul className="list">
            {d.replies.map((r) => (
              <li key={r.id} className="list-item stack">
                <div className="meta-row">
                  <span>{formatDay(locale, r.receivedAt)}</span>
                  <span>
                    {r.source === "imap"
                      ? r.from
                        ? t("replies.emailFrom", { from: r.from })
                        : t("replies.email")
                      : t("replies.byHand")}
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
            <h3 id="reply">{t("reply.record.title")}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="reply" />
              <FormErrors errors={errors("reply")?.formErrors} />
              <SelectField
                name="outcome"
                label={t("reply.record.what")}
                errors={errors("reply")?.fieldErrors.outcome}
                options={[
                  { value: "none", label: t("reply.receiptOnly") },
                  ...REPLY_OUTCOMES.filter((o) => o !== d.status).map((o) => ({
                    value: o,
                    label: t(OUTCOME_KEYS[o]),
                  })),
                ]}
              />
              <SelectField
                name="reason"
                label={t("reply.record.reason")}
                errors={errors("reply")?.fieldErrors.reason}
                options={[
                  { value: "", label: "—" },
                  ...REFUSAL_REASONS.map((r) => ({ value: r, label: t(REFUSAL_KEYS[r].label) })),
                ]}
              />
              {d.places.length > 1 ? (
                <CheckboxGroup
                  legend={t("reply.record.places")}
                  hint={t("reply.record.placesHint")}
                  name="placeIds"
                  options={d.places.map((p) => ({ value: p.exposureId, label: p.url }))}
                />
              ) : null}
              <TextField
                id="reply-received-on"
                name="receivedOn"
                label={t("reply.record.receivedOn")}
                type="date"
                defaultValue={d.today}
                errors={errors("reply")?.fieldErrors.receivedOn}
              />
              <TextArea
                name="text"
                label={t("reply.record.text")}
                hint={t("reply.record.textHint")}
                rows={5}
              />
              <button type="submit" className="button" disabled={busy("reply")}>
                {busy("reply") ? t("request.saving") : t("reply.record.submit")}
              </button>
            </Form>
          </section>
        ) : null}

        {d.can.write && d.can.extension ? (
          <section aria-labelledby="extension" className="card medium">
            <h3 id="extension">{t("request.extension.title")}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="extension" />
              <TextField
                name="newDueOn"
                label={t("request.extension.label")}
                type="date"
                errors={errors("extension")?.fieldErrors.newDueOn}
              />
              <button type="submit" className="button button-secondary">
                {t("request.extension.submit")}
              </button>
            </Form>
          </section>
        ) : null}

        {d.can.write && d.receivedEditable ? (
          <section aria-labelledby="received" className="card medium">
            <h3 id="received">{t("request.received.title")}</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="received" />
              <TextField
                id="received-on-correction"
                name="receivedOn"
                label={t("letter.dates.received")}
                type="date"
                defaultValue={d.receivedOn ?? d.sentOn ?? d.today}
                hint={t("request.received.hint")}
                errors={errors("received")?.fieldErrors.receivedOn}
              />
              <button type="submit" className="button button-secondary" disabled={busy("received")}>
                {t("request.received.submit")}
              </button>
            </Form>
          </section>
        ) : null}
      </section>

      {d.can.write && (d.can.followUp || d.can.escalate) ? (
        <section aria-labelledby="next" className="card stack">
          <h2 id="next">{t("request.next.title")}</h2>
          {d.next ? <p>{t("request.next.suggested", { kind: nextKind(d.next) })}</p> : null}
          <FormErrors errors={errors("follow-up")?.formErrors ?? errors("complaint")?.formErrors} />
          <div className="row">
            {d.can.followUp ? (
              <Form method="post">
                <input type="hidden" name="intent" value="follow-up" />
                <button type="submit" className="button" disabled={busy("follow-up")}>
                  {busy("follow-up") ? t("request.writing") : t("request.next.followUp")}
                </button>
              </Form>
            ) : null}
          </div>
          {d.can.escalate && complaint ? (
            <Form method="post" className="stack medium" noValidate aria-labelledby="complaint-heading">
              <h3 id="complaint-heading">{t("request.complaint.title")}</h3>
              <input type="hidden" name="intent" value="complaint" />
              {complaint.unavailable ? (
                <p>{t(complaint.unavailable)}</p>
              ) : (
                <SelectField
                  name="authorityId"
                  label={t("request.complaint.authority")}
                  key={complaint.authority?.id ?? "none"}
                  hint={
                    complaint.defaultAuthorityId
                      ? t("request.complaint.hintDefault")
                      : t("request.complaint.hintChoose")
                  }
                  errors={errors("complaint")?.fieldErrors.authorityId}
                  defaultValue={complaint.authority?.id ?? ""}
                  options={[
                    ...(complaint.authority ? [] : [{ value: "", label: t("request.complaint.choose") }]),
                    ...complaint.authorities.map((a) => ({ value: a.id, label: a.label })),
                  ]}
                />
              )}
              {complaint.authority ? (
                <SelectField
                  key={complaint.authority.id}
                  name="lang"
                  label={t("request.complaint.lang")}
                  hint={t("request.complaint.langHint")}
                  errors={errors("complaint")?.fieldErrors.lang}
                  defaultValue={complaint.authority.defaultLang}
                  options={complaint.authority.langs.map((l) => ({ value: l, label: languageName(l) }))}
                />
              ) : null}
              {complaint.authority?.note ? <p className="muted">{complaint.authority.note}</p> : null}
              {complaint.moreOnRequest ? (
                <p className="muted">
                  <Link to="?all=1">{t("request.complaint.more")}</Link>
                </p>
              ) : null}
              {complaint.unavailable ? null : (
                <div>
                  <button type="submit" className="button button-secondary" disabled={busy("complaint")}>
                    {busy("complaint") ? t("request.writing") : t("request.complaint.submit")}
                  </button>
                </div>
              )}
            </Form>
          ) : null}
          <p className="muted">{t("request.next.drafts")}</p>
        </section>
      ) : null}

      {d.places.length ? (
        <section aria-labelledby="checks" className="stack">
          <h2 id="checks">{t("request.checks.title")}</h2>
          <ul className="list">
            {d.places.map((p) => (
              <li key={p.exposureId} className="list-item">
                <span className="mono">{p.url}</span>
                <div className="meta-row">
                  <span className={`badge badge-${p.status}`}>{t(STATUS_LABELS[p.status])}</span>
                  <span>
                    {p.lastCheck
                      ? t("request.checks.last", {
                          outcome: t(CHECK_OUTCOME_KEYS[p.lastCheck.outcome]),
                          day: formatDay(locale, p.lastCheck.on),
                        })
                      : t("request.checks.never")}
                  </span>
                  {p.gone ? (
                    <span>
                      {p.gone.by === "recheck"
                        ? t("request.checks.goneByRecheck", { day: p.gone.on ?? "" })
                        : t("request.checks.goneByHand", { day: p.gone.on ?? "" })}
                    </span>
                  ) : null}
                  {p.nextCheckOn ? <span>{t("request.checks.next", { day: p.nextCheckOn })}</span> : null}
                  <Link to={`/cases/${d.caseId}/exposures/${p.exposureId}#checks`}>
                    {d.can.write ? t("request.checks.again") : t("request.checks.see")}
                    <span className="visually-hidden">: {p.url}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="timeline" className="stack">
        <h2 id="timeline">{t("request.history.title")}</h2>
        <ol className="timeline">
          {d.timeline.map((item, i) => (
            <li key={`${item.at}-${i}`}>
              <time dateTime={item.at}>{formatDay(locale, item.at)}</time> {say(item.say)}
              {item.note ? <p className="muted">{item.note}</p> : null}
            </li>
          ))}
        </ol>
        {d.can.write ? (
          <Form method="post" className="medium" noValidate>
            <input type="hidden" name="intent" value="note" />
            <TextArea
              name="note"
              label={t("request.note.label")}
              rows={2}
              errors={errors("note")?.fieldErrors.note}
            />
            <button type="submit" className="button button-secondary">
              {t("request.note.submit")}
            </button>
          </Form>
        ) : null}
      </section>

      {d.can.write && d.can.abandon ? (
        <section aria-labelledby="abandon" className="card medium">
          <h2 id="abandon">{t("request.abandon.title")}</h2>
          <p className="muted">{t("request.abandon.text")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="abandon" />
            <FormErrors errors={errors("abandon")?.formErrors} />
            <TextArea
              id="abandon-note"
              name="note"
              label={t("request.abandon.note")}
              rows={2}
              errors={errors("abandon")?.fieldErrors.note}
            />
            <button type="submit" className="button button-secondary" disabled={busy("abandon")}>
              {busy("abandon") ? t("request.saving") : t("request.abandon.submit")}
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
                {t("request.authorityDecided")}
              </button>
            </Form>
          ) : null}
          {d.can.close ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button button-secondary">
                {t("request.close")}
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
  const { t, rich, locale } = useT();
  const { caseId, letter, places, evidence, problems, today } = d;
  const day = (s: string) => formatDay(locale, s);
  const canWrite = d.can.write;
  const nav = useNavigation();
  const sending =
    nav.state !== "idle" && nav.formMethod === "POST" && isLetterIntent(`${nav.formData?.get("intent")}`);
  // letters.status is the request's state; once the request has moved on (an answer, a follow-up) the letter
  // itself stays "sent".
  const state = (["draft", "queued", "failed"] as const).find((s) => s === letter.status) ?? "sent";
  // A date the recipient announced instead is said in the request's facts.
  const due = d.announced ? null : letter.dueOn;
  const sendLabel =
    letter.channel === "email"
      ? t("letter.sendEmail", { address: letter.address })
      : letter.channel === "pdf"
        ? t("letter.markPosted")
        : t("letter.markSubmitted");
  const mono = (chunks: ReactNode[]) => <span className="mono">{chunks}</span>;
  const link = (chunks: ReactNode[]) => (
    <a href={letter.address} rel="noreferrer noopener" target="_blank">
      {chunks}
    </a>
  );
  return (
    <section aria-labelledby="letter" className="stack">
      <div className="spread">
        <h2 id="letter">{letter.frozen ? t("letter.titleSent") : t("letter.titleEdit")}</h2>
        <span className={`badge badge-letter-${state}`}>{t(LETTER_STATUS_KEYS[state])}</span>
      </div>

      <aside className="notice notice-warn letter-advice" aria-label={t("request.notLegalAdvice.label")}>
        <p>{t(NOT_LEGAL_ADVICE_KEY)}</p>
      </aside>
      {letter.passedOn ? (
        <aside className="notice passed-on-notice" aria-label={t("letter.whoMaySee")}>
          <p>{letter.passedOn}</p>
        </aside>
      ) : null}

      {state === "failed" && !d.bouncedOn ? (
        <div className="notice notice-error" role="alert">
          <p>{rich("letter.failed", { error: letter.outbox?.lastError ?? "", mono })}</p>
        </div>
      ) : null}
      {state === "queued" ? (
        <div className="notice notice-ok" role="status">
          <p>
            {letter.outbox && letter.outbox.attempts > 0
              ? t("letter.queuedRetry", {
                  attempts: letter.outbox.attempts,
                  next: letter.outbox.nextAttemptAt.slice(0, 16).replace("T", " "),
                  error: letter.outbox.lastError ?? "",
                })
              : t("letter.queued")}
          </p>
        </div>
      ) : null}
      {state === "sent" ? (
        <div className="notice notice-ok" role="status">
          <p>
            {rich("letter.sent", {
              sent: day(letter.sentOn ?? letter.sentAt?.slice(0, 10) ?? ""),
              hasReceived: letter.receivedOn && letter.receivedOn !== letter.sentOn ? "yes" : "no",
              received: letter.receivedOn ? day(letter.receivedOn) : "",
              due: due ? "yes" : "none",
              dueOn: due ? day(due) : "",
              hasRule: letter.dueRule ? "yes" : "no",
              // The deadline rule in the letter's words (it is the letter's variable), marked with its language.
              rule: <span lang={letter.templateLang}>{letter.dueRule ?? ""}</span>,
            })}
          </p>
        </div>
      ) : null}

      <dl className="facts">
        <dt>{t("letter.goesTo")}</dt>
        <dd>
          {letter.channel === "email" ? t("letter.toEmail", { address: letter.address }) : null}
          {letter.channel === "webform" ? rich("letter.toWebform", { address: letter.address, link }) : null}
          {letter.channel === "pdf" ? (
            <span className="pre-line">{letter.address || t("letter.toPost")}</span>
          ) : null}
        </dd>
        <dt>{t("letter.places")}</dt>
        <dd>
          <ul>
            {places.map((p) => (
              <li key={p.exposureId} className="mono">
                {p.url}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("letter.language")}</dt>
        <dd>
          {t("letter.languageValue", {
            // The letter's language named in the page's language (English keeps the language's own name).
            language:
              locale === "en"
                ? langOwnName(letter.templateLang)
                : (new Intl.DisplayNames([locale], { type: "language" }).of(letter.templateLang) ??
                  letter.templateLang),
            version: letter.templateVersion,
            edited: letter.edited ? "yes" : "no",
          })}
        </dd>
      </dl>

      {letter.changes.length ? (
        <details>
          <summary>{t("letter.changes.summary", { count: letter.changes.length })}</summary>
          <ul className="letter-changes">
            {letter.changes.map((c, i) => (
              <li key={i} className={c.kind === "added" ? "letter-added" : "letter-removed"}>
                <span className="visually-hidden">
                  {c.kind === "added" ? t("letter.changes.added") : t("letter.changes.removed")}
                </span>
                <span aria-hidden="true">{c.kind === "added" ? "+ " : "− "}</span>
                <span lang={letter.templateLang}>{c.text}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {problems.markers.length ? (
        <p>{t("letter.pdfWaits")}</p>
      ) : (
        <p>
          <a href={`/cases/${caseId}/letters/${letter.id}/pdf`} className="button button-secondary" download>
            {t("letter.downloadPdf")}
          </a>
        </p>
      )}

      {letter.frozen && letter.channel === "webform" ? null : letter.frozen || !canWrite ? (
        <div className="stack">
          <h3 id="text">{t("letter.text")}</h3>
          <p>
            {rich("letter.subjectLine", {
              subject: <span lang={letter.templateLang}>{letter.subject}</span>,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <pre className="letter-text" lang={letter.templateLang}>
            {letter.body}
          </pre>
        </div>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormErrors errors={data && "formErrors" in data ? data.formErrors : undefined} />
          {data && "saved" in data ? (
            <p className="notice notice-ok" role="status">
              {t("letter.saved")}
            </p>
          ) : null}
          {problems.missing.length || problems.markers.length ? (
            <div className="notice notice-warn">
              <p>{t("letter.beforeSend")}</p>
              <ul>
                {problems.missing.map((m) => (
                  <li key={m}>{rich("letter.missing", { name: m, mono })}</li>
                ))}
                {problems.markers.map((m) => (
                  <li key={m}>{rich("letter.marker", { marker: m, mono })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="letter-subject">{t("letter.subject")}</label>
            <input
              id="letter-subject"
              name="subject"
              lang={letter.templateLang}
              defaultValue={letter.subject}
              aria-describedby="letter-subject-hint"
            />
            <p className="hint" id="letter-subject-hint">
              {t("letter.subjectHint", { reference: letter.reference })}
            </p>
          </div>
          <div className="field">
            <label htmlFor="letter-body">{t("letter.body")}</label>
            <textarea
              id="letter-body"
              name="body"
              rows={28}
              lang={letter.templateLang}
              defaultValue={letter.body}
              className="letter-editor"
            />
          </div>
          {letter.channel === "webform" ? (
            <div className="stack">
              <p>
                {t("letter.webformHelp")}{" "}
                <CopyButton target="letter-subject" label={t("letter.copySubject")} />{" "}
                <CopyButton target="letter-body" label={t("letter.copyText")} />
              </p>
            </div>
          ) : null}
          {evidence.length ? (
            <fieldset className="field">
              <legend>{t("letter.attachments")}</legend>
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
              <summary>{t("letter.ownEmail.summary")}</summary>
              <div className="stack">
                <p>{t("letter.ownEmail.help")}</p>
                <SentDateFields channel="email" today={today} data={data} />
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value="record"
                    className="button button-secondary"
                    disabled={sending}
                  >
                    {t("letter.ownEmail.submit")}
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
              {t("letter.saveDraft")}
            </button>
            <button type="submit" name="intent" value="send" className="button" disabled={sending}>
              {busy("send") ? t("letter.sending") : sendLabel}
            </button>
          </div>
        </Form>
      )}
      {letter.frozen && letter.channel === "webform" ? (
        <div className="stack">
          <h3 id="paste">{t("letter.paste.title")}</h3>
          <p>{rich("letter.paste.open", { address: letter.address, link })}</p>
          <div className="field">
            <label htmlFor="paste-subject">{t("letter.subject")}</label>
            <textarea
              id="paste-subject"
              readOnly
              rows={2}
              lang={letter.templateLang}
              defaultValue={letter.subject}
            />
            <CopyButton target="paste-subject" label={t("letter.copySubject")} />
          </div>
          <div className="field">
            <label htmlFor="paste-body">{t("letter.text")}</label>
            <textarea
              id="paste-body"
              readOnly
              rows={16}
              lang={letter.templateLang}
              defaultValue={letter.body}
            />
            <CopyButton target="paste-body" label={t("letter.copyText")} />
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
  const { t } = useT();
  const failed = data && "formErrors" in data ? data : undefined;
  const errors = failed?.fieldErrors;
  const given = (name: string) => {
    const v = failed?.values[name];
    return typeof v === "string" ? v : today;
  };
  const sent =
    channel === "pdf"
      ? t("letter.dates.posted")
      : channel === "webform"
        ? t("letter.dates.submitted")
        : t("letter.dates.sent");
  return (
    <fieldset className="field">
      <legend>{channel === "pdf" ? t("letter.dates.legendPosted") : t("letter.dates.legendSent")}</legend>
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
        label={t("letter.dates.received")}
        defaultValue={given("receivedOn")}
        errors={errors?.receivedOn}
        hint={channel === "pdf" ? t("letter.dates.hintPost") : t("letter.dates.hint")}
      />
    </fieldset>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "Request · Retract" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
