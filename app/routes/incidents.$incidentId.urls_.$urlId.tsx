import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_LABELS } from "~/exposures/categories";
import { useT } from "~/i18n/i18n-context";
import {
  getIncident,
  getIncidentUrl,
  type LinkChange,
  listRoster,
  setUrlLinks,
} from "~/incidents/incidents.server";
import { IncidentUrlParams, UrlLinksSchema } from "~/incidents/schemas.server";
import { IncidentNav } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors } from "~/ui/forms";
import { formFailure, parseForm, parseParams } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId, urlId } = parseParams(params, IncidentUrlParams);
  const incident = getIncident(scope, incidentId);
  const url = getIncidentUrl(scope, incidentId, urlId);
  const linked = new Set(url.linked);
  return {
    incident: { id: incident.id, title: incident.title },
    url: { ...url, linked: undefined },
    people: listRoster(scope, incidentId).map((p) => ({
      id: p.subjectId,
      name: p.name,
      unit: p.unit,
      linked: linked.has(p.subjectId),
    })),
    canWrite: can(scope, "case:write"),
  };
}

type Done = { done: true } & LinkChange;

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { incidentId, urlId } = parseParams(params, IncidentUrlParams);
  getIncident(scope, incidentId);
  getIncidentUrl(scope, incidentId, urlId);
  const parsed = parseForm(await request.formData(), UrlLinksSchema, ["people", "shown"]);
  if (!parsed.ok) return formFailure(parsed);
  let { people, shown } = parsed.data;
  if (parsed.data.intent === "all") {
    people = listRoster(scope, incidentId).map((p) => p.subjectId);
    shown = people;
  }
  const change = setUrlLinks(scope, incidentId, urlId, people, shown);
  return data({ done: true, ...change } satisfies Done);
}

export default function IncidentUrl() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const id = data.incident.id;
  const done = result && "done" in result ? result : null;
  const failure = result && !("done" in result) ? result : null;
  const linkedCount = data.people.filter((p) => p.linked).length;
  return (
    <div className="stack">
      <p>
        <Link to={`/incidents/${id}/urls`}>← All web addresses of this incident</Link>
      </p>
      <h1>Who this web address exposes</h1>
      <IncidentNav id={id} />
      <dl className="facts">
        <dt>Web address</dt>
        <dd className="mono url-cell">{data.url.url}</dd>
        <dt>Recipient</dt>
        <dd>{data.url.recipientName ?? "Not in the directory"}</dd>
        <dt>What is exposed</dt>
        <dd>
          {data.url.exposed.length
            ? data.url.exposed.map((k) => t(EXPOSED_LABELS[k])).join(", ")
            : "Not said"}
        </dd>
        <dt>Found on</dt>
        <dd>{data.url.foundOn}</dd>
        <dt>People linked</dt>
        <dd>{linkedCount}</dd>
      </dl>
      {done ? (
        <p className="notice notice-ok" role="status">
          {done.linked} linked, {done.unlinked} unlinked.
          {done.kept ? ` ${done.kept} stayed linked because a letter already names this page for them.` : ""}
        </p>
      ) : null}
      <FormErrors errors={failure?.formErrors} />
      {data.canWrite ? (
        <>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="all" />
            <button type="submit" className="button button-secondary" disabled={busy}>
              Link everyone on the roster
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="links" />
            {data.people.map((p) => (
              <input key={p.id} type="hidden" name="shown" value={p.id} />
            ))}
            <fieldset className="field">
              <legend>People this address exposes</legend>
              <p className="hint">
                Untick someone to remove this address from their case (unless a letter already names it).
              </p>
              <div className="checks">
                {data.people.map((p) => (
                  <label key={`${p.id}-${p.linked}`} className="check">
                    <input type="checkbox" name="people" value={p.id} defaultChecked={p.linked} />{" "}
                    {p.unit ? `${p.name} (${p.unit})` : p.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Saving…" : "Save who it exposes"}
            </button>
          </Form>
        </>
      ) : (
        <ul className="list" aria-label="People this address exposes">
          {data.people
            .filter((p) => p.linked)
            .map((p) => (
              <li key={p.id} className="list-item">
                {p.name}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident web address · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
