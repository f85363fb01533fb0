import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireScope } from "~/auth/session.server";
import { calendarDateIn } from "~/deadlines/engine";
import { complaintOptions, NextLetterError, writeNextLetter } from "~/requests/compose/next-letter.server";
import { LANGS } from "~/requests/compose/variables";
import { kindALetter } from "~/requests/kinds";
import { langName } from "~/requests/languages";
import { recordReply, repliesFor } from "~/requests/replies/replies.server";
import { addNote, getRequest, moveRequest, timeline, unsentNextLetters } from "~/requests/requests.server";
import {
  canCorrectReceivedOn,
  correctReceivedOn,
  LetterInputError,
  listLetters,
} from "~/requests/store.server";
import { ExtensionSchema, NoteSchema, ReceivedOnSchema, ReplySchema } from "~/requests/tracking/forms";
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
  STATE_LABELS,
  suggestedNextLetter,
} from "~/requests/tracking/lifecycle";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { type FieldErrors, parseForm, parseParams } from "~/utils/forms";
import { can } from "~/workspaces/scope.server";

const ParamsSchema = z.object({ caseId: z.string().min(1).max(40), letterId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseParams(params, ParamsSchema);
  const req = getRequest(scope, letterId);
  if (req.caseId !== caseId) throw new Response("This request could not be found.", { status: 404 });
  const letter = listLetters(scope, caseId).find((l) => l.id === letterId)!;
  const today = calendarDateIn(new Date(), "UTC");
  const due = effectiveDue(req);
  const url = new URL(request.url);
  const pick = ComplaintQuerySchema.parse({
    authority: url.searchParams.get("authority") ?? undefined,
    all: url.searchParams.get("all") ?? undefined,
  });
  const complaint =
    can(scope, "case:write") && canTake(req.status, "escalate")
      ? complaintOptions(scope, letterId, { authorityId: pick.authority, all: pick.all === "1" })
      : null;
  return {
    complaint,
    caseId,
    letter: {
      id: letter.id,
      kind: letter.kind,
      reference: letter.reference,
      recipientName: letter.recipientName,
      channel: letter.channel,
    },
    status: req.status,
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
    due,
    announced: req.announcedDueOn !== null,
    overdue: isOverdue(req, today),
    refusalReason: req.refusalReason,
    next: suggestedNextLetter(req.status, req.refusalReason),
    can: {
      write: can(scope, "case:write"),
      reply: canTake(req.status, "reply"),
      extension: canTake(req.status, "announce_extension"),
      followUp: canTake(req.status, "follow_up"),
      escalate: canTake(req.status, "escalate"),
      authority: canTake(req.status, "authority_outcome"),
      close: canTake(req.status, "close"),
    },
    replies: repliesFor(scope, letterId).map((r) => ({
      ...r,
      receivedAt: r.receivedAt.toISOString().slice(0, 10),
    })),
    timeline: timeline(scope, caseId, letterId).map((t) => ({ ...t, at: t.at.toISOString() })),
    today,
  };
}

const ComplaintQuerySchema = z.object({
  authority: z.string().max(200).optional().catch(undefined),
  all: z.enum(["1"]).optional().catch(undefined),
});

const ComplaintSchema = z.object({
  authorityId: z
    .string("Choose the authority to complain to.")
    .min(1, "Choose the authority to complain to.")
    .max(200),
  lang: z.enum(LANGS, "Choose the language of the complaint.").optional(),
});

const IntentSchema = z.enum([
  "reply",
  "extension",
  "note",
  "follow-up",
  "complaint",
  "authority",
  "close",
  "received",
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseParams(params, ParamsSchema);
  const req = getRequest(scope, letterId);
  if (req.caseId !== caseId) throw new Response("This request could not be found.", { status: 404 });
  const form = await request.formData();
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success)
    return Response.json({ formErrors: ["Unknown action."], fieldErrors: {} }, { status: 400 });
  const here = `/cases/${caseId}/requests/${letterId}`;
  try {
    switch (intent.data) {
      case "reply": {
        const parsed = parseForm(form, ReplySchema);
        if (!parsed.ok) return Response.json({ intent: "reply", ...parsed }, { status: 400 });
        const d = parsed.data;
        const event: RequestEvent | null =
          d.outcome === "none"
            ? null
            : d.outcome === "refused"
              ? { type: "reply", outcome: "refused", reason: d.reason as (typeof REFUSAL_REASONS)[number] }
              : { type: "reply", outcome: d.outcome };
        if (d.text) recordReply(scope, letterId, { text: d.text, receivedOn: d.receivedOn, event });
        else if (event) moveRequest(scope, letterId, event, { at: new Date(`${d.receivedOn}T12:00:00Z`) });
        else moveRequest(scope, letterId, { type: "acknowledge" });
        return redirect(here);
      }
      case "extension": {
        const parsed = parseForm(form, ExtensionSchema);
        if (!parsed.ok) return Response.json({ intent: "extension", ...parsed }, { status: 400 });
        moveRequest(scope, letterId, { type: "announce_extension", newDueOn: parsed.data.newDueOn });
        return redirect(here);
      }
      case "note": {
        const parsed = parseForm(form, NoteSchema);
        if (!parsed.ok) return Response.json({ intent: "note", ...parsed }, { status: 400 });
        addNote(scope, letterId, parsed.data.note);
        return redirect(`${here}#timeline`);
      }
      case "follow-up": {
        const id = writeNextLetter(scope, letterId, "follow-up");
        return redirect(`/cases/${caseId}/letters/${id}`);
      }
      case "received": {
        const parsed = parseForm(form, ReceivedOnSchema);
        if (!parsed.ok) return Response.json({ intent: "received", ...parsed }, { status: 400 });
        correctReceivedOn(scope, caseId, letterId, parsed.data.receivedOn);
        return redirect(here);
      }
      case "complaint": {
        const parsed = parseForm(form, ComplaintSchema);
        if (!parsed.ok) return Response.json({ intent: "complaint", ...parsed }, { status: 400 });
        try {
          const id = writeNextLetter(scope, letterId, "regulator-complaint", new Date(), parsed.data);
          return redirect(`/cases/${caseId}/letters/${id}`);
        } catch (e) {
          if (!(e instanceof NextLetterError)) throw e;
          // Show the languages of the authority chosen, so the person can pick one it takes.
          return Response.json(
            {
              intent: "complaint",
              formErrors: [e.message],
              fieldErrors: {},
              complaint: complaintOptions(scope, letterId, { authorityId: parsed.data.authorityId }),
            },
            { status: 400 },
          );
        }
      }
      case "authority":
        moveRequest(scope, letterId, { type: "authority_outcome" });
        return redirect(here);
      case "close":
        moveRequest(scope, letterId, { type: "close" });
        return redirect(here);
    }
  } catch (e) {
    if (e instanceof LetterInputError)
      return Response.json(
        {
          intent: intent.data,
          formErrors: [],
          fieldErrors: { [e.field ?? "receivedOn"]: [e.message] },
        },
        { status: 400 },
      );
    if (e instanceof IllegalTransitionError || e instanceof NextLetterError)
      return Response.json(
        { intent: intent.data, formErrors: [e.message], fieldErrors: {} },
        { status: 409 },
      );
    throw e;
  }
}

type ActionData = {
  intent?: string;
  fieldErrors: FieldErrors;
  formErrors?: string[];
  complaint?: ReturnType<typeof complaintOptions>;
};

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const nav = useNavigation();
  const busy = (intent: string) => nav.state === "submitting" && nav.formData?.get("intent") === intent;
  const errors = (intent: string) => (data?.intent === intent ? data : undefined);
  const refusal = d.refusalReason ? REFUSALS[d.refusalReason] : null;
  const complaint = (data?.intent === "complaint" && data.complaint) || d.complaint;
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${d.caseId}`}>← Back to the case</Link>
      </p>
      <h1>Request {d.letter.reference}</h1>
      <div className="card">
        <dl className="facts">
          <dt>To</dt>
          <dd>{d.letter.recipientName}</dd>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-request-${d.status}`}>
              {STATE_LABELS[d.status as keyof typeof STATE_LABELS] ?? d.status}
            </span>{" "}
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
        <p>
          <Link to={`/cases/${d.caseId}/letters/${d.letter.id}`}>Read the letter</Link>
        </p>
      </div>

      {d.unsent.map((l) => (
        <div key={l.id} className="notice notice-warn" role="note">
          <p>
            You wrote {kindALetter(l.kind)} ({l.reference}) on {l.writtenOn} and have not sent it yet. This
            request moves on when it is sent.{" "}
            <Link to={`/cases/${d.caseId}/letters/${l.id}`}>Open it to send it</Link>
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
      {refusal ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>{refusal.label}.</strong> {refusal.advice}
          </p>
          <p className="muted">Not legal advice.</p>
        </div>
      ) : null}

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

      {d.can.write && d.receivedEditable ? (
        <section aria-labelledby="received" className="card medium">
          <h2 id="received">When they received it</h2>
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

      {d.can.write && d.can.reply ? (
        <section aria-labelledby="reply" className="card medium">
          <h2 id="reply">Record their answer</h2>
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
            <TextField
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
          <h2 id="extension">They extended the deadline</h2>
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
      </section>

      <section aria-labelledby="timeline" className="stack">
        <h2 id="timeline">Timeline</h2>
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

export const meta: MetaFunction = () => [{ title: "Request · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
