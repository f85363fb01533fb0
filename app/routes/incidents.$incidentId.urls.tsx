import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { SharedExposureFields } from "~/exposures/shared-fields";
import {
  getIncident,
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
  const parsed = parseForm(await request.formData(), UrlImportSchema, ["people", "exposed"]);
  if (!parsed.ok) return formFailure(parsed);
  const { urls, target, unit, people, ...fields } = parsed.data;
  const lines = urls.split(/\r?\n/);
  if (lines.filter((l) => l.trim()).length > MAX_INCIDENT_URLS) {
    return formFailure(`At most ${MAX_INCIDENT_URLS} web addresses at a time. Paste the rest afterwards.`);
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
    return formFailureOrThrow(e); // IncidentInputError: nobody chosen is on the roster, too many links
  }
}

export default function IncidentUrls() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const done = result && "done" in result ? result : null;
  const failure = result && !("done" in result) ? result : null;
  const id = data.incident.id;
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <h1>Web addresses of {data.incident.title}</h1>
      <IncidentNav id={id} />
      {done ? (
        <div className="notice notice-ok" role="status">
          <p>
            {done.added} new {done.added === 1 ? "address" : "addresses"} saved
            {done.existing ? `, ${done.existing} already on this incident` : ""}; {done.linked} new{" "}
            {done.linked === 1 ? "link" : "links"} to people.
          </p>
          {done.invalid.length ? (
            <ul aria-label="Lines not saved">
              {done.invalid.map((l) =>
                l.status === "invalid" ? (
                  <li key={l.line}>
                    Line {l.line}: <span className="mono">{l.input}</span> — {l.error}
                  </li>
                ) : null,
              )}
            </ul>
          ) : null}
        </div>
      ) : null}
      <section aria-labelledby="list" className="stack">
        <h2 id="list">Leaked web addresses ({data.urls.length})</h2>
        {data.urls.length === 0 ? (
          <p className="empty">No web addresses yet.</p>
        ) : (
          <section
            className="table-scroll"
            aria-labelledby="urls-caption"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
            tabIndex={0}
          >
            <table className="data-table">
              <caption id="urls-caption">
                Each address, who answers for it, and how many people it exposes
              </caption>
              <thead>
                <tr>
                  <th scope="col">Web address</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">People</th>
                  <th scope="col">
                    <span className="visually-hidden">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.urls.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" className="mono url-cell">
                      {u.url}
                    </th>
                    <td>{u.recipientName ?? <span className="muted">Not in the directory</span>}</td>
                    <td>{u.people}</td>
                    <td>
                      <Link to={`/incidents/${id}/urls/${u.id}`}>
                        {data.canWrite ? "Change who it exposes" : "Who it exposes"}
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
          <h2 id="add">Add web addresses</h2>
          {data.people.length === 0 ? (
            <p>
              Import the <Link to={`/incidents/${id}/roster`}>roster</Link> first: each address is linked to
              the people it exposes.
            </p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="import" />
              <FormErrors errors={failure?.formErrors} />
              <TextArea
                name="urls"
                label="Web addresses, one per line"
                hint={`Each address is stored once for the incident, however many people it exposes. At most ${MAX_INCIDENT_URLS} at a time.`}
                rows={6}
                errors={failure?.fieldErrors.urls}
              />
              <fieldset className="field">
                <legend>Who do these addresses expose?</legend>
                {failure?.fieldErrors.target ? (
                  <p className="error">{failure.fieldErrors.target.join(" ")}</p>
                ) : null}
                <label className="check">
                  <input type="radio" name="target" value="all" defaultChecked /> Everyone on the roster (
                  {data.people.length} {data.people.length === 1 ? "person" : "people"})
                </label>
                {data.units.length ? (
                  <label className="check">
                    <input type="radio" name="target" value="unit" /> Everyone in one unit (choose it below)
                  </label>
                ) : null}
                <label className="check">
                  <input type="radio" name="target" value="chosen" /> Only the people I tick below
                </label>
              </fieldset>
              {data.units.length ? (
                <div className="field">
                  <label htmlFor="f-unit">Unit</label>
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
                    <option value="">Choose a unit</option>
                    {data.units.map((u) => (
                      <option key={u.key} value={u.key}>
                        {u.label} ({u.people})
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <details open={Boolean(failure?.fieldErrors.people)}>
                <summary>Choose people one by one</summary>
                <CheckboxGroup
                  legend="People these addresses expose"
                  name="people"
                  hint="Used with “Only the people I tick below”. To pick everyone, choose “Everyone on the roster” above."
                  options={data.people.map((p) => ({
                    value: p.id,
                    label: p.unit ? `${p.name} (${p.unit})` : p.name,
                  }))}
                  errors={failure?.fieldErrors.people}
                />
              </details>
              <SharedExposureFields today={data.today} errors={failure?.fieldErrors} />
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Saving and linking…" : "Save and link"}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident web addresses · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
