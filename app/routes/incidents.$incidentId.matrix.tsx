import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { BulkStartForm } from "~/incidents/bulk-form";
import { getIncident, listUnits } from "~/incidents/incidents.server";
import { MATRIX_STATES } from "~/incidents/limits";
import { cellState, matrixView } from "~/incidents/matrix.server";
import { IncidentParams, MatrixFilterSchema } from "~/incidents/schemas.server";
import { IncidentNav, StateBadge, stateLabel } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { parseParams } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const incident = getIncident(scope, incidentId);
  const url = new URL(request.url);
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];
  const parsed = MatrixFilterSchema.safeParse(query);
  if (!parsed.success) {
    throw new Response(parsed.error.issues[0]?.message ?? "These filters could not be read.", {
      status: 400,
    });
  }
  const filter = parsed.data;
  const view = matrixView(scope, incidentId, filter);
  return {
    incident: { id: incident.id, title: incident.title },
    filter,
    units: listUnits(scope, incidentId).map((u) => ({ key: u.key, label: u.label })),
    view: {
      ...view,
      rows: view.rows.map((r) => ({
        ...r,
        cells: Object.fromEntries(
          Object.entries(r.cells).map(([rid, c]) => [
            rid,
            { letterId: c.letterId, state: cellState(c), exposures: c.exposureIds.length },
          ]),
        ),
      })),
    },
    canWrite: can(scope, "case:write"),
  };
}

export default function IncidentMatrix() {
  const { incident, filter, units, view, canWrite } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  const id = incident.id;
  const pageLink = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({
      unit: filter.unit,
      recipient: filter.recipient,
      state: filter.state,
      q: filter.q,
    }))
      if (v) q.set(k, v);
    q.set("page", String(page));
    return `?${q.toString()}`;
  };
  const emptyCells = view.totals.none ?? 0;
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <h1>People × recipients of {incident.title}</h1>
      <IncidentNav id={id} />
      {/* Keyed by the filters: after "Clear filters" (a client-side navigation) the fields show the new values. */}
      <Form
        key={`${filter.q}|${filter.unit}|${filter.recipient}|${filter.state}`}
        method="get"
        className="card matrix-filters"
        aria-label="Filter the table"
      >
        <div className="field">
          <label htmlFor="f-q">Name contains</label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="f-unit">Unit</label>
          <select id="f-unit" name="unit" defaultValue={filter.unit}>
            <option value="">Any unit</option>
            {units.map((u) => (
              <option key={u.key} value={u.key}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-recipient">Recipient</label>
          <select id="f-recipient" name="recipient" defaultValue={filter.recipient}>
            <option value="">Any recipient</option>
            {view.allRecipients.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={filter.state}>
            <option value="">Any state</option>
            {MATRIX_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            Filter
          </button>
          <Link to={`/incidents/${id}/matrix`}>Clear filters</Link>
        </div>
      </Form>
      <section aria-labelledby="totals" className="stack">
        <h2 id="totals">Totals</h2>
        <p>
          {view.peopleCount} {view.peopleCount === 1 ? "person" : "people"}, {view.cellCount} person ×
          recipient {view.cellCount === 1 ? "pair" : "pairs"}
          {filter.unit || filter.recipient || filter.state || filter.q ? " (filtered)" : ""}.
        </p>
        {view.cellCount ? (
          <ul className="totals" aria-label="Pairs by request state">
            {Object.entries(view.totals).map(([state, n]) => (
              <li key={state}>
                <StateBadge state={state} /> <span>{n}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {/* ── BULK: the bulk-letters helper puts its "Generate and queue letters for every empty cell" form here. */}
      <section id="bulk" aria-labelledby="bulk-heading" className="stack">
        <h2 id="bulk-heading">Letters for every empty cell</h2>
        <p>
          {emptyCells} {emptyCells === 1 ? "pair has" : "pairs have"} no request yet
          {canWrite ? "." : ". Only members who can change cases can write letters."}
        </p>
        {canWrite && emptyCells > 0 ? <BulkStartForm incidentId={incident.id} /> : null}
        <p>
          <Link to={`/incidents/${incident.id}/bulk`}>Runs so far, with their summaries</Link>
        </p>
      </section>
      {view.rows.length === 0 ? (
        <p className="empty">
          {view.peopleCount === 0 && !(filter.unit || filter.recipient || filter.state || filter.q)
            ? "Nobody on the roster yet, or no web address linked to anyone."
            : "Nobody matches these filters."}
        </p>
      ) : (
        <section
          className="table-scroll"
          aria-labelledby="matrix-caption"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
        >
          <table className="data-table matrix">
            <caption id="matrix-caption">
              Request state for each person (rows) and recipient (columns), page {view.page} of {view.pages}.
              “—” means the person is not exposed at that recipient.
            </caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                {view.recipients.map((r) => (
                  <th key={r.id} scope="col">
                    {r.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.subjectId}>
                  <th scope="row">
                    <Link to={`/cases/${row.caseId}`}>{row.name}</Link>
                  </th>
                  {view.recipients.map((r) => {
                    const c = row.cells[r.id];
                    if (!c)
                      return (
                        <td key={r.id}>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">Not exposed here</span>
                        </td>
                      );
                    return (
                      <td key={r.id}>
                        {c.letterId ? (
                          <Link to={`/cases/${row.caseId}/requests/${c.letterId}`}>
                            <StateBadge state={c.state} />
                          </Link>
                        ) : (
                          <StateBadge state={c.state} />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {view.pages > 1 ? (
        <nav aria-label="Pages of people" className="row">
          {view.page > 1 ? <Link to={pageLink(view.page - 1)}>← Previous</Link> : null}
          <span>
            Page {view.page} of {view.pages}
          </span>
          {view.page < view.pages ? <Link to={pageLink(view.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident matrix · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
