import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { useT } from "~/i18n/i18n-context";
import { pageTitle } from "~/i18n/meta";
import { getIncident, incidentCounts } from "~/incidents/incidents.server";
import { cellTotals } from "~/incidents/matrix.server";
import { IncidentParams } from "~/incidents/schemas.server";
import { IncidentNav, StateBadge } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { parseParams } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const incident = getIncident(scope, incidentId);
  const counts = incidentCounts(scope, incidentId);
  const cells = cellTotals(scope, incidentId);
  return {
    incident: { ...incident, createdAt: incident.createdAt.toISOString() },
    counts,
    cells,
    canWrite: can(scope, "case:write"),
  };
}

export default function IncidentOverview() {
  const { incident, counts, cells, canWrite } = useLoaderData<typeof loader>();
  const id = incident.id;
  const { t } = useT();
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">{t("incidents.backToAll")}</Link>
      </p>
      <h1>{incident.title}</h1>
      <IncidentNav id={id} />
      {incident.description ? <p>{incident.description}</p> : null}
      <dl className="facts">
        <dt>{t("incidents.overview.people")}</dt>
        <dd>{counts.people}</dd>
        <dt>{t("incidents.overview.urls")}</dt>
        <dd>{counts.urls}</dd>
        <dt>{t("incidents.overview.pairs")}</dt>
        <dd>{t("incidents.overview.pairsValue", { cells: cells.cells, recipients: cells.recipients })}</dd>
      </dl>
      {cells.cells ? (
        <section aria-labelledby="states" className="stack">
          <h2 id="states">{t("incidents.overview.states")}</h2>
          <ul className="list" aria-labelledby="states">
            {Object.entries(cells.totals).map(([state, n]) => (
              <li key={state} className="list-item">
                <StateBadge state={state} /> {n}{" "}
                <Link to={`/incidents/${id}/matrix?state=${state}`}>{t("incidents.overview.showThem")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="next" className="stack">
        <h2 id="next">{t("incidents.overview.next")}</h2>
        <ol>
          <li>
            <Link to={`/incidents/${id}/roster`}>
              {canWrite ? t("incidents.overview.importRoster") : t("incidents.overview.seeRoster")}
            </Link>
          </li>
          <li>
            <Link to={`/incidents/${id}/urls`}>
              {canWrite ? t("incidents.overview.addUrls") : t("incidents.overview.seeUrls")}
            </Link>
          </li>
          <li>
            <Link to={`/incidents/${id}/matrix`}>{t("incidents.overview.seeMatrix")}</Link>
          </li>
        </ol>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.overview.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
