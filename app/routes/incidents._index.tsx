import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { createIncident, listIncidents } from "~/incidents/incidents.server";
import { IncidentCreateSchema } from "~/incidents/schemas.server";
import { FormErrors, TextArea, TextField } from "~/ui/forms";
import { formFailure, parseForm } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  return {
    incidents: listIncidents(scope).map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    canWrite: can(scope, "case:write"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const parsed = parseForm(await request.formData(), IncidentCreateSchema);
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  const id = createIncident(scope, parsed.data);
  return redirect(`/incidents/${id}`);
}

export default function Incidents() {
  const { incidents, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, locale } = useT();
  return (
    <div className="stack">
      <h1>{t("incidents.list.heading")}</h1>
      <p className="muted">{t("incidents.list.intro")}</p>
      {incidents.length === 0 ? (
        <p className="empty">{t("incidents.list.empty")}</p>
      ) : (
        <ul className="list" aria-label={t("incidents.list.label")}>
          {incidents.map((i) => (
            <li key={i.id} className="list-item">
              <Link to={`/incidents/${i.id}`}>{i.title}</Link>
              <p className="meta-row muted">
                <span>{t("incidents.list.people", { count: i.people })}</span>
                <span>{t("incidents.list.urls", { count: i.urls })}</span>
                <span>{t("incidents.list.opened", { day: formatDay(locale, i.createdAt, "long") })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section aria-labelledby="new-incident" className="card stack narrow">
          <h2 id="new-incident">{t("incidents.new.heading")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create" />
            <FormErrors errors={failure?.formErrors} />
            <TextField
              name="title"
              label={t("incidents.new.title")}
              hint={t("incidents.new.titleHint")}
              errors={failure?.fieldErrors.title}
            />
            <TextArea
              name="description"
              label={t("incidents.new.description")}
              rows={3}
              errors={failure?.fieldErrors.description}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("incidents.new.busy") : t("incidents.new.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.list.heading");
