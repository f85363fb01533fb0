import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
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
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <h1>{incident.title}</h1>
      <IncidentNav id={id} />
      {incident.description ? <p>{incident.description}</p> : null}
      <dl className="facts">
        <dt>People on the roster</dt>
        <dd>{counts.people}</dd>
        <dt>Leaked web addresses</dt>
        <dd>{counts.urls}</dd>
        <dt>Person × recipient pairs</dt>
        <dd>
          {cells.cells} (across {cells.recipients} {cells.recipients === 1 ? "recipient" : "recipients"})
        </dd>
      </dl>
      {cells.cells ? (
        <section aria-labelledby="states" className="stack">
          <h2 id="states">Requests by state</h2>
          <ul className="list" aria-labelledby="states">
            {Object.entries(cells.totals).map(([state, n]) => (
              <li key={state} className="list-item">
                <StateBadge state={state} /> {n}{" "}
                <Link to={`/incidents/${id}/matrix?state=${state}`}>Show them</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="next" className="stack">
        <h2 id="next">Next steps</h2>
        <ol>
          <li>
            <Link to={`/incidents/${id}/roster`}>
              {canWrite ? "Import the list of people (roster)" : "See the roster"}
            </Link>
          </li>
          <li>
            <Link to={`/incidents/${id}/urls`}>
              {canWrite ? "Add the leaked web addresses and who each exposes" : "See the web addresses"}
            </Link>
          </li>
          <li>
            <Link to={`/incidents/${id}/matrix`}>
              See every person × recipient and the state of each request
            </Link>
          </li>
        </ol>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
