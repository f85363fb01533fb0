// The case page's list of letters: status at a glance, and a clear word when one was not delivered.
import { Link } from "@remix-run/react";
import { kindLabel } from "./kinds";
import { LETTER_STATUS_LABELS } from "./labels";

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
};

export function CaseLetters({
  caseId,
  letters,
  total = letters.length,
  collapsible = false,
  canWrite,
}: {
  caseId: string;
  /** The newest letters, or all of them. */
  letters: CaseLetter[];
  /** How many the case has in all: when more than `letters`, a link lists them all. */
  total?: number;
  /** Every letter is listed at the user's request: offer the shorter list again. */
  collapsible?: boolean;
  canWrite: boolean;
}) {
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
              <Link to={`/cases/${caseId}/requests/${l.id}`}>
                {kindLabel(l.kind)} to {l.recipientName}
              </Link>{" "}
              <span className="mono">{l.reference}</span>
              <div className="meta-row">
                <span className={`badge badge-letter-${l.status}`}>
                  {LETTER_STATUS_LABELS[l.status] ?? l.status}
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
