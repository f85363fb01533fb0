import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_LABELS } from "~/exposures/categories";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
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
  const { t, locale } = useT();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const id = data.incident.id;
  const done = result && "done" in result ? result : null;
  const failure = result && !("done" in result) ? result : null;
  const linkedCount = data.people.filter((p) => p.linked).length;
  return (
    <div className="stack">
      <p>
        <Link to={`/incidents/${id}/urls`}>{t("incidents.url.back")}</Link>
      </p>
      <h1>{t("incidents.url.heading")}</h1>
      <IncidentNav id={id} />
      <dl className="facts">
        <dt>{t("incidents.urls.col.url")}</dt>
        <dd className="mono url-cell">{data.url.url}</dd>
        <dt>{t("incidents.urls.col.recipient")}</dt>
        <dd>{data.url.recipientName ?? t("incidents.urls.notInDirectory")}</dd>
        <dt>{t("incidents.url.exposed")}</dt>
        <dd>
          {data.url.exposed.length
            ? data.url.exposed.map((k) => t(EXPOSED_LABELS[k])).join(", ")
            : t("incidents.url.notSaid")}
        </dd>
        <dt>{t("incidents.url.foundOn")}</dt>
        <dd>{formatDay(locale, data.url.foundOn, "long")}</dd>
        <dt>{t("incidents.url.linkedCount")}</dt>
        <dd>{linkedCount}</dd>
      </dl>
      {done ? (
        <p className="notice notice-ok" role="status">
          {t("incidents.url.done", { linked: done.linked, unlinked: done.unlinked })}
          {done.kept ? ` ${t("incidents.url.kept", { kept: done.kept })}` : ""}
        </p>
      ) : null}
      <FormErrors errors={failure?.formErrors} />
      {data.canWrite ? (
        <>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="all" />
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("incidents.url.linkAll")}
            </button>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="links" />
            {data.people.map((p) => (
              <input key={p.id} type="hidden" name="shown" value={p.id} />
            ))}
            <fieldset className="field">
              <legend>{t("incidents.url.peopleLegend")}</legend>
              <p className="hint">{t("incidents.url.untickHint")}</p>
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
              {busy ? t("common.saving") : t("incidents.url.save")}
            </button>
          </Form>
        </>
      ) : (
        <ul className="list" aria-label={t("incidents.url.peopleLegend")}>
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

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.url.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
