import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getCurrentSession } from "~/auth/session.server";
import { mustSetUpTwoFactor } from "~/auth/two-factor.server";
import { listCases } from "~/cases/cases.server";
import { needsYou } from "~/dashboard/attention.server";
import { progressFor } from "~/dashboard/progress.server";
import { ProgressChart } from "~/dashboard/progress-chart";
import { useT } from "~/i18n/i18n-context";
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
  // The first page is the overview; later pages are only the list, for finding a case (decision 153).
  const overview = page === 1;
  const reminders = overview
    ? reminderSummary(session, new Date(), REMINDERS_SHOWN)
    : { items: [], total: 0, more: false };
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
    unsent: overview ? unsentLetters(session, new Date(), REMINDERS_SHOWN) : [],
    // Requests waiting for the person: more information asked, a place said removed to check (decision 114).
    needsYou: overview ? needsYou(session, REMINDERS_SHOWN) : [],
    // Places found, requested, said removed, checked gone and back up over time (decision 112).
    progress: overview && total > 0 ? progressFor(session) : null,
  };
}

function Welcome() {
  const { t } = useT();
  return (
    <div className="stack medium">
      <h1>{t("dashboard.welcome.title")}</h1>
      <p>{t("dashboard.welcome.intro")}</p>
      <div className="row">
        <Link to="/signup" className="button">
          {t("dashboard.welcome.signUp")}
        </Link>
        <Link to="/login" className="button button-secondary">
          {t("dashboard.welcome.logIn")}
        </Link>
      </div>
      <p className="muted">{t("dashboard.welcome.private")}</p>
    </div>
  );
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, rich } = useT();
  if (!data.signedIn) return <Welcome />;
  return (
    <div className="stack">
      {params.get("erased") ? (
        <p className="notice notice-ok" role="status">
          {t("dashboard.erased")}
        </p>
      ) : null}
      <div className="spread">
        <h1>{t("dashboard.title")}</h1>
        <Link to="/cases/new" className="button">
          {t("dashboard.newCase")}
        </Link>
      </div>
      {data.page === 1 ? (
        <RemindersList reminders={data.reminders} unsent={data.unsent} needsYou={data.needsYou} />
      ) : (
        <p>{rich("dashboard.overviewElsewhere", { link: (chunks) => <Link to="/">{chunks}</Link> })}</p>
      )}
      {data.progress ? (
        <>
          <ProgressChart data={data.progress} title={t("dashboard.progressTitle")} />
          <p>
            <Link to="/scorecards">{t("dashboard.scorecardsLink")}</Link>
          </p>
        </>
      ) : null}
      {data.remindersTotal > data.reminders.length ? (
        <p className="muted">
          {t("dashboard.remindersShown", {
            shown: data.reminders.length,
            total: data.remindersTotal,
            moreThan: data.remindersMore ? "yes" : "no",
          })}
        </p>
      ) : null}
      {data.cases.length === 0 ? (
        <div className="empty stack">
          <h2>{t("dashboard.empty.title")}</h2>
          <p>{t("dashboard.empty.text")}</p>
          <p>
            <Link to="/cases/new" className="button">
              {t("dashboard.empty.action")}
            </Link>
          </p>
        </div>
      ) : (
        <ul className="list" aria-label={t("dashboard.casesLabel")}>
          {data.cases.map((c) => (
            <li key={c.id} className="list-item">
              <h2 className="h3">
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
              </h2>
              <div className="meta-row">
                <span>{t("dashboard.case.about", { name: c.subjectName })}</span>
                <span>{t("dashboard.case.places", { count: c.exposures })}</span>
                <span>{t("dashboard.case.stillUp", { count: c.stillUp })}</span>
                <span>{t("dashboard.case.removed", { count: c.removed })}</span>
                <span className={`badge badge-${c.status}`}>
                  {t(c.status === "open" ? "dashboard.case.open" : "dashboard.case.closed")}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data.pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="row">
          {data.page > 1 ? <Link to={`/?page=${data.page - 1}`}>{t("pagination.previous")}</Link> : null}
          <span>{t("pagination.position", { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages ? <Link to={`/?page=${data.page + 1}`}>{t("pagination.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Retract" }];
