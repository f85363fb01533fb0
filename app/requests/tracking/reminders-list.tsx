// The dashboard's list of requests that are overdue or due within three days, and of letters written three or
// more days ago and never sent.
import { Link } from "@remix-run/react";

export type ReminderView = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  due: string;
  overdue: boolean;
  daysLate: number;
};

export type UnsentView = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  writtenOn: string;
};

/** A request waiting for the person (app/dashboard/attention.server.ts). */
export type NeedsYouView = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  reason: "more_info" | "check_removed";
};

const NEEDS_YOU_TEXT: Record<NeedsYouView["reason"], string> = {
  more_info: "They asked for more information before they act.",
  check_removed: "They say it is removed. Check that it is gone, then mark it removed.",
};

/** The reminder line for a letter written and never sent, in plain words (dashboard and digest). */
export function unsentText(u: { writtenOn: string }) {
  return `You wrote this letter on ${u.writtenOn} and have not sent it yet.`;
}

export function RemindersList({
  reminders,
  unsent = [],
  needsYou = [],
}: {
  reminders: ReminderView[];
  unsent?: UnsentView[];
  needsYou?: NeedsYouView[];
}) {
  if (!reminders.length && !unsent.length && !needsYou.length) return null;
  return (
    <section aria-labelledby="reminders" className="card stack">
      <h2 id="reminders">Requests that need you</h2>
      {reminders.length ? (
        <ul className="list">
          {reminders.map((r) => (
            <li key={r.letterId} className="list-item spread">
              <Link to={`/cases/${r.caseId}/requests/${r.letterId}`}>
                {r.reference} to {r.recipientName}
              </Link>
              <span>
                {r.overdue ? (
                  <span className="badge badge-request-overdue">
                    overdue by {r.daysLate} day{r.daysLate === 1 ? "" : "s"}
                  </span>
                ) : (
                  <span className="badge badge-request-sent">due {r.due}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {needsYou.length ? (
        <>
          <h3 id="needs-you">Waiting for you</h3>
          <ul className="list" aria-labelledby="needs-you">
            {needsYou.map((n) => (
              <li key={`${n.reason}-${n.letterId}`} className="list-item spread">
                <Link to={`/cases/${n.caseId}/requests/${n.letterId}`}>
                  {n.reference} to {n.recipientName}
                </Link>
                <span>{NEEDS_YOU_TEXT[n.reason]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unsent.length ? (
        <>
          <h3 id="unsent">Letters not sent yet</h3>
          <ul className="list" aria-labelledby="unsent">
            {unsent.map((u) => (
              <li key={u.letterId} className="list-item spread">
                <Link to={`/cases/${u.caseId}/requests/${u.letterId}`}>
                  {u.reference} to {u.recipientName}
                </Link>
                <span>{unsentText(u)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
