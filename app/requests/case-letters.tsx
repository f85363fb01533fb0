// The case page's list of letters: status at a glance, and a clear word when one was not delivered. With
// `bulk`, each sent request has a checkbox and one form below changes the chosen ones (works without JavaScript:
// the checkboxes belong to that form through their `form` attribute).
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";
import { kindLabel } from "./kinds";
import { LETTER_STATUS_LABELS } from "./labels";
import type { BulkRequestResult } from "./tracking/bulk-status.server";

export type CaseLetter = {
  id: string;
  kind: string;
  channel: string;
  reference: string;
  status: string;
  recipientName: string;
  sentAt: string | null;
  sentOn?: string | null;
  dueOn: string | null;
  problem: string | null;
  attempts: number;
  /** The request's state in words, when the page worked it out (else the letter's status). */
  stateLabel?: string;
  /** Whether the bulk form may change it (sent, not closed). */
  selectable?: boolean;
};

export type BulkView = {
  result?: BulkRequestResult | null;
  errors?: string[];
  busy: boolean;
};

const BULK_ACTION_LABELS = {
  abandon: "Stop reminding me (set them aside)",
  close: "Close them",
  said_done: "They say it is done",
} as const;

export function CaseLetters({
  caseId,
  letters,
  total = letters.length,
  collapsible = false,
  canWrite,
  bulk,
}: {
  caseId: string;
  /** The newest letters, or all of them. */
  letters: CaseLetter[];
  /** How many the case has in all: when more than `letters`, a link lists them all. */
  total?: number;
  /** Every letter is listed at the user's request: offer the shorter list again. */
  collapsible?: boolean;
  canWrite: boolean;
  bulk?: BulkView;
}) {
  const { t } = useT();
  const selectable = canWrite && bulk ? letters.filter((l) => l.selectable) : [];
  return (
    <section aria-labelledby="letters" className="stack">
      <div className="spread">
        <h2 id="letters">Letters</h2>
        {canWrite ? (
          <Link to={`/cases/${caseId}/letters/new`} className="button">
            Write a letter
          </Link>
        ) : null}
      </div>
      {letters.length === 0 ? (
        <p className="muted">No letters yet.</p>
      ) : (
        <ul className="list">
          {letters.map((l) => (
            <li key={l.id}>
              {bulk && l.selectable ? (
                <label className="check">
                  <input type="checkbox" name="letterIds" value={l.id} form="bulk-requests" />{" "}
                  <span className="visually-hidden">Choose request {l.reference}</span>
                </label>
              ) : null}
              <Link to={`/cases/${caseId}/requests/${l.id}`}>
                {t(kindLabel(l.kind))} to {l.recipientName}
              </Link>{" "}
              <span className="mono">{l.reference}</span>
              <div className="meta-row">
                <span className={`badge badge-letter-${l.status}`}>
                  {l.stateLabel ?? LETTER_STATUS_LABELS[l.status] ?? l.status}
                </span>
                <span>
                  {l.channel === "email" ? "Email" : l.channel === "pdf" ? "Post (PDF)" : "Web form"}
                </span>
                {l.sentAt ? <span>Sent {l.sentOn ?? l.sentAt.slice(0, 10)}</span> : null}
                {l.dueOn ? <span>Answer due {l.dueOn}</span> : null}
                {l.status === "failed" ? (
                  <span className="error">Not delivered: {l.problem ?? "the mail server refused it"}</span>
                ) : null}
                {l.status === "queued" && l.attempts > 0 ? (
                  <span>
                    Retrying ({l.attempts} {l.attempts === 1 ? "try" : "tries"}: {l.problem})
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {bulk?.result ? (
        <div className="notice notice-ok" role="status">
          {bulk.result.moved.length ? (
            <p>Changed: {bulk.result.moved.join(", ")}.</p>
          ) : (
            <p>No request was changed.</p>
          )}
          {bulk.result.refused.map((r) => (
            <p key={r.reference}>
              {r.reference} was not changed: this change does not apply to a request that is “{r.state}”.
            </p>
          ))}
        </div>
      ) : null}
      {selectable.length > 0 && bulk ? (
        <Form method="post" id="bulk-requests" className="card medium stack" noValidate>
          <input type="hidden" name="intent" value="bulk-requests" />
          {bulk.errors?.length ? (
            <div className="notice notice-error" role="alert">
              {bulk.errors.map((e) => (
                <p key={e}>{e}</p>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="bulk-action">Change the requests you ticked</label>
            <select id="bulk-action" name="action" defaultValue="abandon">
              {Object.entries(BULK_ACTION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button button-secondary" disabled={bulk.busy}>
              {bulk.busy ? "Changing…" : "Apply to the ticked requests"}
            </button>
          </div>
        </Form>
      ) : null}
      {total > letters.length ? (
        <p>
          Showing the newest {letters.length} of {total} letters.{" "}
          <Link to={`/cases/${caseId}?letters=all#letters`}>Show all {total} letters</Link>
        </p>
      ) : collapsible ? (
        <p>
          <Link to={`/cases/${caseId}#letters`}>Show only the newest letters</Link>
        </p>
      ) : null}
    </section>
  );
}
