import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { SharedExposureFields } from "~/exposures/shared-fields";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import {
  getIncident,
  IncidentInputError,
  importUrls,
  listIncidentUrls,
  listRoster,
  listUnits,
  subjectsInUnit,
  type UrlLineResult,
} from "~/incidents/incidents.server";
import { MAX_INCIDENT_URLS } from "~/incidents/limits";
import { IncidentParams, UrlImportSchema } from "~/incidents/schemas.server";
import { IncidentNav } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { CheckboxGroup, FormErrors, TextArea } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseParams } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const incident = getIncident(scope, incidentId);
  const canWrite = can(scope, "case:write");
  return {
    incident: { id: incident.id, title: incident.title },
    urls: listIncidentUrls(scope, incidentId),
    // The picker is only for members who may link people.
    people: canWrite
      ? listRoster(scope, incidentId).map((p) => ({ id: p.subjectId, name: p.name, unit: p.unit }))
      : [],
    units: canWrite ? listUnits(scope, incidentId) : [],
    canWrite,
    today: new Date().toISOString().slice(0, 10),
  };
}

type Done = { done: true; added: number; existing: number; linked: number; invalid: UrlLineResult[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { incidentId } = parseParams(params, IncidentParams);
  getIncident(scope, incidentId);
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), UrlImportSchema, ["people", "exposed"]);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const { urls, target, unit, people, ...fields } = parsed.data;
  const lines = urls.split(/\r?\n/);
  if (lines.filter((l) => l.trim()).length > MAX_INCIDENT_URLS) {
    return formFailure(translator.t("incidents.urls.errors.tooMany", { max: MAX_INCIDENT_URLS }));
  }
  const who = target === "all" ? "all" : target === "unit" ? subjectsInUnit(scope, incidentId, unit) : people;
  try {
    const results = importUrls(scope, incidentId, lines, who, fields);
    return data({
      done: true,
      added: results.filter((r) => r.status === "added").length,
      existing: results.filter((r) => r.status === "existing").length,
      linked: results.reduce((n, r) => n + ("linked" in r ? r.linked : 0), 0),
      invalid: results.filter((r) => r.status === "invalid"),
    } satisfies Done);
  } catch (e) {
    // IncidentInputError: nobody chosen is on the roster, too many links
    return formFailureOrThrow(e instanceof IncidentInputError ? e.translated(translator) : e);
  }
}

export default function IncidentUrls() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const done = result && "done" in result ? result : null;
  const failure = result && !("done" in result) ? result : null;
  const id = data.incident.id;
  const { t, rich } = useT();
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">{t("incidents.backToAll")}</Link>
      </p>
      <h1>{t("incidents.urls.heading", { title: data.incident.title })}</h1>
      <IncidentNav id={id} />
      {done ? (
        <div className="notice notice-ok" role="status">
          <p>
            {t("incidents.urls.saved", { added: done.added, existing: done.existing, linked: done.linked })}
          </p>
          {done.invalid.length ? (
            <ul aria-label={t("incidents.urls.notSaved")}>
              {done.invalid.map((l) =>
                l.status === "invalid" ? (
                  <li key={l.line}>
                    {rich("incidents.urls.lineProblem", {
                      line: l.line,
                      input: l.input,
                      error: l.error,
                      mono: (chunks) => <span className="mono">{chunks}</span>,
                    })}
                  </li>
                ) : null,
              )}
            </ul>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="list" className="stack">
        <h2 id="list">{t("incidents.urls.list", { count: data.urls.length })}</h2>
        {data.urls.length === 0 ? (
          <p className="empty">{t("incidents.urls.none")}</p>
        ) : (
          <section
            className="table-scroll"
            aria-labelledby="urls-caption"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
            tabIndex={0}
          >
            <table className="data-table">
              <caption id="urls-caption">{t("incidents.urls.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("incidents.urls.col.url")}</th>
                  <th scope="col">{t("incidents.urls.col.recipient")}</th>
                  <th scope="col">{t("incidents.urls.col.people")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("incidents.urls.col.links")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.urls.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" className="mono url-cell">
                      {u.url}
                    </th>
                    <td>
                      {u.recipientName ?? <span className="muted">{t("incidents.urls.notInDirectory")}</span>}
                    </td>
                    <td>{u.people}</td>
                    <td>
                      <Link to={`/incidents/${id}/urls/${u.id}`}>
                        {data.canWrite ? t("incidents.urls.change") : t("incidents.urls.who")}
                        <span className="visually-hidden"> ({u.url})</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      {data.canWrite ? (
        <section aria-labelledby="add" className="card stack medium">
          <h2 id="add">{t("incidents.urls.add")}</h2>
          {data.people.length === 0 ? (
            <p>
              {rich("incidents.urls.rosterFirst", {
                link: (chunks) => <Link to={`/incidents/${id}/roster`}>{chunks}</Link>,
              })}
            </p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="import" />
              <FormErrors errors={failure?.formErrors} />
              <TextArea
                name="urls"
                label={t("incidents.urls.field")}
                hint={t("incidents.urls.fieldHint", { max: MAX_INCIDENT_URLS })}
                rows={6}
                errors={failure?.fieldErrors.urls}
              />
              <fieldset className="field">
                <legend>{t("incidents.urls.whoLegend")}</legend>
                {failure?.fieldErrors.target ? (
                  <p className="error">{failure.fieldErrors.target.join(" ")}</p>
                ) : null}
                <label className="check">
                  <input type="radio" name="target" value="all" defaultChecked />{" "}
                  {t("incidents.urls.targetAll", { count: data.people.length })}
                </label>
                {data.units.length ? (
                  <label className="check">
                    <input type="radio" name="target" value="unit" /> {t("incidents.urls.targetUnit")}
                  </label>
                ) : null}
                <label className="check">
                  <input type="radio" name="target" value="chosen" /> {t("incidents.urls.targetChosen")}
                </label>
              </fieldset>
              {data.units.length ? (
                <div className="field">
                  <label htmlFor="f-unit">{t("incidents.urls.unit")}</label>
                  {failure?.fieldErrors.unit ? (
                    <p className="error" id="f-unit-error">
                      {failure.fieldErrors.unit.join(" ")}
                    </p>
                  ) : null}
                  <select
                    id="f-unit"
                    name="unit"
                    defaultValue=""
                    aria-describedby={failure?.fieldErrors.unit ? "f-unit-error" : undefined}
                  >
                    <option value="">{t("incidents.urls.chooseUnit")}</option>
                    {data.units.map((u) => (
                      <option key={u.key} value={u.key}>
                        {u.label} ({u.people})
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <details open={Boolean(failure?.fieldErrors.people)}>
                <summary>{t("incidents.urls.oneByOne")}</summary>
                <CheckboxGroup
                  legend={t("incidents.urls.peopleLegend")}
                  name="people"
                  hint={t("incidents.urls.peopleHint")}
                  options={data.people.map((p) => ({
                    value: p.id,
                    label: p.unit ? `${p.name} (${p.unit})` : p.name,
                  }))}
                  errors={failure?.fieldErrors.people}
                />
              </details>
              <SharedExposureFields today={data.today} errors={failure?.fieldErrors} />
              <button type="submit" className="button" disabled={busy}>
                {busy ? t("incidents.urls.saving") : t("incidents.urls.save")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.urls.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
