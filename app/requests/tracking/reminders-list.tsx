// The dashboard's list of requests that are overdue or due within three days, and of letters written three or
// more days ago and never sent.
import { Link } from "@remix-run/react";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import type { MessageKey } from "~/i18n/translate";

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

const NEEDS_YOU_TEXT = {
  more_info: "reminders.needsYou.more_info",
  check_removed: "reminders.needsYou.check_removed",
} as const satisfies Record<NeedsYouView["reason"], MessageKey>;

export function RemindersList({
  reminders,
  unsent = [],
  needsYou = [],
}: {
  reminders: ReminderView[];
  unsent?: UnsentView[];
  needsYou?: NeedsYouView[];
}) {
  const { t, locale } = useT();
  if (!reminders.length && !unsent.length && !needsYou.length) return null;
  const to = (r: { reference: string; recipientName: string }) =>
    t("reminders.request", { reference: r.reference, recipient: r.recipientName });
  return (
    <section aria-labelledby="reminders" className="card stack">
      <h2 id="reminders">{t("reminders.title")}</h2>
      {reminders.length ? (
        <ul className="list">
          {reminders.map((r) => (
            <li key={r.letterId} className="list-item spread">
              <Link to={`/cases/${r.caseId}/requests/${r.letterId}`}>{to(r)}</Link>
              <span>
                {r.overdue ? (
                  <span className="badge badge-request-overdue">
                    {t("reminders.overdue", { days: r.daysLate })}
                  </span>
                ) : (
                  <span className="badge badge-request-sent">
                    {t("reminders.due", { due: formatDay(locale, r.due) })}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {needsYou.length ? (
        <>
          <h3 id="needs-you">{t("reminders.waiting")}</h3>
          <ul className="list" aria-labelledby="needs-you">
            {needsYou.map((n) => (
              <li key={`${n.reason}-${n.letterId}`} className="list-item spread">
                <Link to={`/cases/${n.caseId}/requests/${n.letterId}`}>{to(n)}</Link>
                <span>{t(NEEDS_YOU_TEXT[n.reason])}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unsent.length ? (
        <>
          <h3 id="unsent">{t("reminders.unsentTitle")}</h3>
          <ul className="list" aria-labelledby="unsent">
            {unsent.map((u) => (
              <li key={u.letterId} className="list-item spread">
                <Link to={`/cases/${u.caseId}/requests/${u.letterId}`}>{to(u)}</Link>
                <span>{t("reminders.unsent", { writtenOn: formatDay(locale, u.writtenOn) })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
