import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getCurrentSession } from "~/auth/session.server";
import { mustSetUpTwoFactor } from "~/auth/two-factor.server";
import { listCases } from "~/cases/cases.server";
import { needsYou } from "~/dashboard/attention.server";
import { progressFor } from "~/dashboard/progress.server";
import { ProgressChart } from "~/dashboard/progress-chart";
import { reminderSummary, unsentLetters } from "~/requests/tracking/reminders.server";
import { RemindersList } from "~/requests/tracking/reminders-list";

const REMINDERS_SHOWN = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getCurrentSession(request);
  if (!session) return { signedIn: false as const };
  if (mustSetUpTwoFactor(session.userId, session.workspaceId)) throw redirect("/two-factor?required=1");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const perPage = 50;
  const { items, total } = listCases(session, { limit: perPage, offset: (page - 1) * perPage });
  const reminders = reminderSummary(session, new Date(), REMINDERS_SHOWN);
  return {
    signedIn: true as const,
    // Only what the list shows: everything here is serialised into the page a second time for hydration.
    cases: items.map((c) => ({
      id: c.id,
      title: c.title,
      subjectName: c.subjectName,
      status: c.status,
      exposures: c.exposures,
      stillUp: c.stillUp,
      removed: c.removed,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
    // The most urgent few: an organisation can have thousands of overdue requests.
    reminders: reminders.items,
    remindersTotal: reminders.total,
    // Counting stops at a thousand (reading 90,000 index entries on every view cost more than the page).
    remindersMore: reminders.more,
    // Letters written three or more days ago and never sent are reminders too (the oldest few).
    unsent: unsentLetters(session, new Date(), REMINDERS_SHOWN),
    // Requests waiting for the person: more information asked, a place said removed to check (decision 114).
    needsYou: needsYou(session, REMINDERS_SHOWN),
    // Places found, requested, said removed, checked gone and back up over time (decision 112).
    progress: total > 0 ? progressFor(session) : null,
  };
}

function Welcome() {
  return (
    <div className="stack medium">
      <h1>Get your details taken down</h1>
      <p>
        If your name, address, phone number or photos have been posted somewhere they should not be, Retract
        helps you keep a private record of every place, write the right request to the right people, and
        follow up until it is gone. You can also use it to help someone else.
      </p>
      <div className="row">
        <Link to="/signup" className="button">
          Create an account
        </Link>
        <Link to="/login" className="button button-secondary">
          Log in
        </Link>
      </div>
      <p className="muted">
        Everything you enter is encrypted on this server and never shared unless you send it.
      </p>
    </div>
  );
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if (!data.signedIn) return <Welcome />;
  return (
    <div className="stack">
      {params.get("erased") ? (
        <p className="notice notice-ok" role="status">
          Erased. Those details are gone from Retract; the audit log keeps only that it happened.
        </p>
      ) : null}
      <div className="spread">
        <h1>Your cases</h1>
        <Link to="/cases/new" className="button">
          Open a new case
        </Link>
      </div>
      <RemindersList reminders={data.reminders} unsent={data.unsent} needsYou={data.needsYou} />
      {data.progress ? (
        <>
          <ProgressChart data={data.progress} title="Progress across all your cases" />
          <p>
            <Link to="/scorecards">How each recipient answered your requests</Link>
          </p>
        </>
      ) : null}
      {data.remindersTotal > data.reminders.length ? (
        <p className="muted">
          The {data.reminders.length} most urgent of {data.remindersMore ? "more than " : ""}
          {data.remindersTotal.toLocaleString("en")} requests that need you; each case's timeline lists the
          rest.
        </p>
      ) : null}
      {data.cases.length === 0 ? (
        <div className="empty stack">
          <h2>No cases yet</h2>
          <p>
            A case is one leak about one person: for example “Telegram channel post, June”. Open one, then
            record each place where the details appear.
          </p>
          <p>
            <Link to="/cases/new" className="button">
              Open your first case
            </Link>
          </p>
        </div>
      ) : (
        <ul className="list" aria-label="Cases">
          {data.cases.map((c) => (
            <li key={c.id} className="list-item">
              <h2 className="h3">
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
              </h2>
              <div className="meta-row">
                <span>About {c.subjectName}</span>
                <span>
                  {c.exposures} {c.exposures === 1 ? "place" : "places"} recorded
                </span>
                <span>{c.stillUp} still up</span>
                <span>{c.removed} removed</span>
                <span className={`badge badge-${c.status}`}>{c.status === "open" ? "Open" : "Closed"}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data.pages > 1 ? (
        <nav aria-label="Pages" className="row">
          {data.page > 1 ? <Link to={`/?page=${data.page - 1}`}>Previous page</Link> : null}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages ? <Link to={`/?page=${data.page + 1}`}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Retract" }];
