import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getCase } from "~/cases/cases.server";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import { pageTitle } from "~/i18n/meta";
import { caseRequests } from "~/requests/case-requests.server";
import { timelinePage } from "~/requests/requests.server";
import { countLetters } from "~/requests/store.server";
import { sayTimeline } from "~/requests/timeline-say";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { parseIds } from "~/utils/forms.server";

/** The page shows the newest events; `?events=all` shows every one (a case can have thousands). */
const EVENTS_SHOWN = 100;
/** And the newest requests; `?letters=all` lists every one (an employer's case can have hundreds). */
const REQUESTS_SHOWN = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId } = parseIds(params, "caseId");
  getCase(scope, caseId); // 404 outside the scope
  const search = new URL(request.url).searchParams;
  const allEvents = search.get("events") === "all";
  const allRequests = search.get("letters") === "all";
  const page = timelinePage(scope, caseId, allEvents ? {} : { limit: EVENTS_SHOWN });
  const requests = caseRequests(scope, caseId, allRequests ? {} : { limit: REQUESTS_SHOWN });
  return {
    caseId,
    requests,
    // Counted only when the list was cut.
    requestsTotal:
      allRequests || requests.length < REQUESTS_SHOWN ? requests.length : countLetters(scope, caseId),
    allRequests,
    allEvents,
    timeline: page.items.map((t) => ({ ...t, at: t.at.toISOString() })),
    timelineTotal: page.total,
  };
}

export default function CaseTimeline() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${d.caseId}`}>{t("timelinePage.back")}</Link>
      </p>
      <h1>{t("timelinePage.title")}</h1>
      <section aria-labelledby="requests" className="stack">
        <h2 id="requests">{t("timelinePage.requests")}</h2>
        {d.requestsTotal > d.requests.length ? (
          <p>
            {t("timelinePage.requestsShowing", { shown: d.requests.length, total: d.requestsTotal })}{" "}
            <Link to={`/cases/${d.caseId}/timeline?letters=all${d.allEvents ? "&events=all" : ""}#requests`}>
              {t("timelinePage.requestsAll", { total: d.requestsTotal })}
            </Link>
          </p>
        ) : null}
        {d.requests.length === 0 ? (
          <p className="empty">{t("caseLetters.none")}</p>
        ) : (
          <ul className="list">
            {d.requests.map((r) => (
              <li key={r.id} className="list-item spread">
                <Link to={`/cases/${d.caseId}/requests/${r.id}`}>
                  {t("timelinePage.requestTo", { reference: r.reference, recipient: r.recipientName })}
                </Link>
                <span className="meta-row">
                  <span className={`badge badge-request-${r.status}`}>{t(r.stateKey)}</span>
                  {r.overdue ? (
                    <span className="badge badge-request-overdue">{t("request.about.overdue")}</span>
                  ) : null}
                  {r.due ? <span>{t("timelinePage.due", { day: formatDay(locale, r.due) })}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="timeline" className="stack">
        <h2 id="timeline">{t("timelinePage.timeline")}</h2>
        {d.timelineTotal > d.timeline.length ? (
          <p>
            {t("timelinePage.eventsShowing", { shown: d.timeline.length, total: d.timelineTotal })}{" "}
            <Link
              to={`/cases/${d.caseId}/timeline?events=all${d.allRequests ? "&letters=all" : ""}#timeline`}
            >
              {t("timelinePage.older")}
            </Link>
          </p>
        ) : d.timeline.length > 0 ? (
          <p className="muted">{t("timelinePage.eventsAll", { total: d.timelineTotal })}</p>
        ) : null}
        {d.timeline.length === 0 ? (
          <p className="empty">{t("timelinePage.empty")}</p>
        ) : (
          <ol className="timeline">
            {d.timeline.map((item, i) => (
              <li key={`${item.at}-${i}`}>
                <time dateTime={item.at}>{formatDay(locale, item.at)}</time>{" "}
                <Link to={`/cases/${d.caseId}/requests/${item.letterId}`}>
                  {sayTimeline({ t }, locale, item.say)}
                </Link>
                {item.note ? <p className="muted">{item.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {d.timelineTotal > d.timeline.length ? (
          <p>
            <Link
              to={`/cases/${d.caseId}/timeline?events=all${d.allRequests ? "&letters=all" : ""}#timeline`}
            >
              {t("timelinePage.older")}
            </Link>
          </p>
        ) : d.allEvents && d.timelineTotal > EVENTS_SHOWN ? (
          <p>
            <Link to={`/cases/${d.caseId}/timeline#timeline`}>{t("timelinePage.newestOnly")}</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "timelinePage.pageTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
