// An incident's numbers (decision 115): the chart of places over time for everyone or one unit, and the counts
// per unit in a table, with a CSV of the same counts. Counts and unit names only, never a person.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { incidentNumbers, incidentProgress, type UnitNumbers } from "~/dashboard/incident-progress.server";
import { ProgressChart } from "~/dashboard/progress-chart";
import { getIncident } from "~/incidents/incidents.server";
import { IncidentParams, ProgressQuerySchema } from "~/incidents/schemas.server";
import { IncidentNav } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { parseParams } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const incident = getIncident(scope, incidentId);
  const query = ProgressQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const numbers = incidentNumbers(scope, incidentId);
  // Only a unit of this roster can be chosen; anything else shows everyone.
  const unit = numbers.units.find((u) => u.key !== null && u.key === query.unit) ?? null;
  return {
    incident: { id: incident.id, title: incident.title },
    numbers,
    unit: unit ? { key: unit.key, label: unit.label } : null,
    progress: incidentProgress(scope, incidentId, unit?.key ?? null),
  };
}

const COLUMNS: [Exclude<keyof UnitNumbers, "key" | "label">, string][] = [
  ["people", "People"],
  ["places", "Places found"],
  ["active", "Still up"],
  ["requested", "Removal requested"],
  ["saidRemoved", "They say it is removed"],
  ["removed", "Removed (checked)"],
  ["reappeared", "Back up again"],
  ["requestsSent", "Requests sent"],
  ["answered", "Answered"],
  ["refused", "Refused"],
  ["ignored", "No answer by the due date"],
];

export default function IncidentProgress() {
  const { incident, numbers, unit, progress } = useLoaderData<typeof loader>();
  const id = incident.id;
  const units = numbers.units.filter((u) => u.key !== null);
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <h1>{incident.title}</h1>
      <IncidentNav id={id} />
      <h2>Progress and numbers</h2>
      {units.length ? (
        <Form method="get" className="row">
          <label htmlFor="unit-choice">Show the chart for</label>
          <select id="unit-choice" name="unit" defaultValue={unit?.key ?? ""}>
            <option value="">Everyone on the roster</option>
            {units.map((u) => (
              <option key={u.key} value={u.key ?? ""}>
                {u.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary">
            Show
          </button>
        </Form>
      ) : null}
      <ProgressChart
        data={progress}
        title={unit ? `Progress in the unit ${unit.label}` : "Progress for everyone on the roster"}
      />
      <section
        className="table-scroll"
        aria-labelledby="units-caption"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="data-table scorecard-table">
          <caption id="units-caption">Numbers per unit, today</caption>
          <thead>
            <tr>
              <th scope="col">Unit</th>
              {COLUMNS.map(([k, label]) => (
                <th scope="col" key={k}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...numbers.units, numbers.total].map((u) => (
              <tr key={u === numbers.total ? "total" : (u.key ?? "none")}>
                <th scope="row">{u.label}</th>
                {COLUMNS.map(([k]) => (
                  <td key={k}>{u[k]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p>
        <a href={`/incidents/${id}/progress.csv`} download>
          Download these numbers as a spreadsheet (CSV)
        </a>
      </p>
      <p className="muted">The file holds the counts per unit only: no names, no web addresses.</p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident progress · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
