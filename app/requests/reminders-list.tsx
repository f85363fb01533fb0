// The dashboard's list of requests that are overdue or due within three days.
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

export function RemindersList({ reminders }: { reminders: ReminderView[] }) {
  if (!reminders.length) return null;
  return (
    <section aria-labelledby="reminders" className="card stack">
      <h2 id="reminders">Requests that need you</h2>
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
    </section>
  );
}
