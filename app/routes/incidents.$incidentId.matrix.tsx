import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { isMessageKey } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
  const { t } = await getTranslator(request);
  const parsed = MatrixFilterSchema.safeParse(query);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    throw new Response(message && isMessageKey(message) ? t(message) : t("incidents.errors.filters"), {
      status: 400,
    });
  }
  const filter = parsed.data;
  const view = matrixView(scope, incidentId, filter, t("incidents.matrix.unknownRecipient"));
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
  const { t, locale } = useT();
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
  const filtered = Boolean(filter.unit || filter.recipient || filter.state || filter.q);
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">{t("incidents.backToAll")}</Link>
      </p>
      <h1>{t("incidents.matrix.heading", { title: incident.title })}</h1>
      <IncidentNav id={id} />
      {/* Keyed by the filters: after "Clear filters" (a client-side navigation) the fields show the new values. */}
      <Form
        key={`${filter.q}|${filter.unit}|${filter.recipient}|${filter.state}`}
        method="get"
        className="card matrix-filters"
        aria-label={t("incidents.matrix.filters")}
      >
        <div className="field">
          <label htmlFor="f-q">{t("incidents.matrix.nameContains")}</label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="f-unit">{t("incidents.matrix.unit")}</label>
          <select id="f-unit" name="unit" defaultValue={filter.unit}>
            <option value="">{t("incidents.matrix.anyUnit")}</option>
            {units.map((u) => (
              <option key={u.key} value={u.key}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-recipient">{t("incidents.matrix.recipient")}</label>
          <select id="f-recipient" name="recipient" defaultValue={filter.recipient}>
            <option value="">{t("incidents.matrix.anyRecipient")}</option>
            {view.allRecipients.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">{t("incidents.matrix.state")}</label>
          <select id="f-state" name="state" defaultValue={filter.state}>
            <option value="">{t("incidents.matrix.anyState")}</option>
            {MATRIX_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(t, s, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {t("incidents.matrix.filter")}
          </button>
          <Link to={`/incidents/${id}/matrix`}>{t("incidents.matrix.clear")}</Link>
        </div>
      </Form>
      <section aria-labelledby="totals" className="stack">
        <h2 id="totals">{t("incidents.matrix.totals")}</h2>
        <p>
          {t(filtered ? "incidents.matrix.totalsLineFiltered" : "incidents.matrix.totalsLine", {
            people: view.peopleCount,
            pairs: view.cellCount,
          })}
        </p>
        {view.cellCount ? (
          <ul className="totals" aria-label={t("incidents.matrix.byState")}>
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
        <h2 id="bulk-heading">{t("incidents.bulk.heading")}</h2>
        <p>
          {t(canWrite ? "incidents.matrix.emptyCells" : "incidents.matrix.emptyCellsViewer", {
            count: emptyCells,
          })}
        </p>
        {canWrite && emptyCells > 0 ? <BulkStartForm incidentId={incident.id} /> : null}
        <p>
          <Link to={`/incidents/${incident.id}/bulk`}>{t("incidents.matrix.runs")}</Link>
        </p>
      </section>
      {view.rows.length === 0 ? (
        <p className="empty">
          {view.peopleCount === 0 && !filtered ? t("incidents.matrix.nobody") : t("incidents.matrix.noMatch")}
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
              {t("incidents.matrix.caption", { page: view.page, pages: view.pages })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.matrix.person")}</th>
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
                          <span className="visually-hidden">{t("incidents.matrix.notExposed")}</span>
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
        <nav aria-label={t("incidents.matrix.pagesLabel")} className="row">
          {view.page > 1 ? <Link to={pageLink(view.page - 1)}>{t("incidents.pages.previous")}</Link> : null}
          <span>{t("incidents.pages.position", { page: view.page, pages: view.pages })}</span>
          {view.page < view.pages ? (
            <Link to={pageLink(view.page + 1)}>{t("incidents.pages.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.matrix.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
