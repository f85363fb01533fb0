import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getCase } from "~/cases/cases.server";
import { caseRequests } from "~/requests/case-requests.server";
import { timelinePage } from "~/requests/requests.server";
import { countLetters } from "~/requests/store.server";
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
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${d.caseId}`}>← Back to the case</Link>
      </p>
      <h1>Requests and timeline</h1>
      <section aria-labelledby="requests" className="stack">
        <h2 id="requests">Requests</h2>
        {d.requestsTotal > d.requests.length ? (
          <p>
            Showing the newest {d.requests.length} of {d.requestsTotal.toLocaleString("en")} requests.{" "}
            <Link to={`/cases/${d.caseId}/timeline?letters=all${d.allEvents ? "&events=all" : ""}#requests`}>
              Show all {d.requestsTotal.toLocaleString("en")} requests
            </Link>
          </p>
        ) : null}
        {d.requests.length === 0 ? (
          <p className="empty">No letters yet.</p>
        ) : (
          <ul className="list">
            {d.requests.map((r) => (
              <li key={r.id} className="list-item spread">
                <Link to={`/cases/${d.caseId}/requests/${r.id}`}>
                  {r.reference} to {r.recipientName}
                </Link>
                <span className="meta-row">
                  <span className={`badge badge-request-${r.status}`}>{r.stateLabel}</span>
                  {r.overdue ? <span className="badge badge-request-overdue">overdue</span> : null}
                  {r.due ? <span>due {r.due}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="timeline" className="stack">
        <h2 id="timeline">Timeline</h2>
        {d.timelineTotal > d.timeline.length ? (
          <p>
            Showing the newest {d.timeline.length} of {d.timelineTotal.toLocaleString("en")} events, newest
            first.{" "}
            <Link
              to={`/cases/${d.caseId}/timeline?events=all${d.allRequests ? "&letters=all" : ""}#timeline`}
            >
              Show older events
            </Link>
          </p>
        ) : d.timeline.length > 0 ? (
          <p className="muted">
            {d.timelineTotal === 1 ? "1 event" : `All ${d.timelineTotal.toLocaleString("en")} events`}, newest
            first.
          </p>
        ) : null}
        {d.timeline.length === 0 ? (
          <p className="empty">Nothing has happened yet.</p>
        ) : (
          <ol className="timeline">
            {d.timeline.map((t, i) => (
              <li key={`${t.at}-${i}`}>
                <time dateTime={t.at}>{t.at.slice(0, 10)}</time>{" "}
                <Link to={`/cases/${d.caseId}/requests/${t.letterId}`}>{t.text}</Link>
                {t.note ? <p className="muted">{t.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
        {d.timelineTotal > d.timeline.length ? (
          <p>
            <Link
              to={`/cases/${d.caseId}/timeline?events=all${d.allRequests ? "&letters=all" : ""}#timeline`}
            >
              Show older events
            </Link>
          </p>
        ) : d.allEvents && d.timelineTotal > EVENTS_SHOWN ? (
          <p>
            <Link to={`/cases/${d.caseId}/timeline#timeline`}>Show only the newest events</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Case timeline · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
