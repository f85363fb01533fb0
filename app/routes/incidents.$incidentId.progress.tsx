// An incident's numbers (decision 115): the chart of places over time for everyone or one unit, and the counts
// per unit in a table, with a CSV of the same counts. Counts and unit names only, never a person.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { incidentNumbers, incidentProgress, type UnitNumbers } from "~/dashboard/incident-progress.server";
import { ProgressChart } from "~/dashboard/progress-chart";
import { useT } from "~/i18n/i18n-context";
import { pageTitle } from "~/i18n/meta";
import type { MessageKey } from "~/i18n/translate";
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

const COLUMNS: [Exclude<keyof UnitNumbers, "key" | "label">, MessageKey][] = [
  ["people", "incidents.progress.col.people"],
  ["places", "incidents.progress.col.places"],
  ["active", "incidents.progress.col.active"],
  ["requested", "incidents.progress.col.requested"],
  ["saidRemoved", "incidents.progress.col.saidRemoved"],
  ["removed", "incidents.progress.col.removed"],
  ["reappeared", "incidents.progress.col.reappeared"],
  ["requestsSent", "incidents.progress.col.requestsSent"],
  ["answered", "incidents.progress.col.answered"],
  ["refused", "incidents.progress.col.refused"],
  ["ignored", "incidents.progress.col.ignored"],
];

export default function IncidentProgress() {
  const { incident, numbers, unit, progress } = useLoaderData<typeof loader>();
  const id = incident.id;
  const units = numbers.units.filter((u) => u.key !== null);
  const { t } = useT();
  // The rows without a unit and the total carry the server's English names; the page says them in its language.
  const rowLabel = (u: UnitNumbers) =>
    u === numbers.total
      ? t("incidents.progress.total")
      : u.key === null
        ? t("incidents.progress.noUnit")
        : u.label;
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">{t("incidents.backToAll")}</Link>
      </p>
      <h1>{incident.title}</h1>
      <IncidentNav id={id} />
      <h2>{t("incidents.progress.heading")}</h2>
      {units.length ? (
        <Form method="get" className="row">
          <label htmlFor="unit-choice">{t("incidents.progress.chartFor")}</label>
          <select id="unit-choice" name="unit" defaultValue={unit?.key ?? ""}>
            <option value="">{t("incidents.progress.everyone")}</option>
            {units.map((u) => (
              <option key={u.key} value={u.key ?? ""}>
                {u.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary">
            {t("incidents.progress.show")}
          </button>
        </Form>
      ) : null}
      <ProgressChart
        data={progress}
        title={
          unit
            ? t("incidents.progress.chartUnit", { unit: unit.label })
            : t("incidents.progress.chartEveryone")
        }
      />
      <section
        className="table-scroll"
        aria-labelledby="units-caption"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="data-table scorecard-table">
          <caption id="units-caption">{t("incidents.progress.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("incidents.progress.unit")}</th>
              {COLUMNS.map(([k, label]) => (
                <th scope="col" key={k}>
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...numbers.units, numbers.total].map((u) => (
              <tr key={u === numbers.total ? "total" : (u.key ?? "none")}>
                <th scope="row">{rowLabel(u)}</th>
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
          {t("incidents.progress.download")}
        </a>
      </p>
      <p className="muted">{t("incidents.progress.fileNote")}</p>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.progress.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
