import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
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
  if (!parsed.ok) return formFailure(parsed);
  const id = createIncident(scope, parsed.data);
  return redirect(`/incidents/${id}`);
}

export default function Incidents() {
  const { incidents, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>Incidents</h1>
      <p className="muted">
        One leak that names many people, such as a staff list posted online: import the list of people and the
        leaked web addresses once, then follow every request in one table.
      </p>
      {incidents.length === 0 ? (
        <p className="empty">No incidents yet.</p>
      ) : (
        <ul className="list" aria-label="Incidents">
          {incidents.map((i) => (
            <li key={i.id} className="list-item">
              <Link to={`/incidents/${i.id}`}>{i.title}</Link>
              <p className="meta-row muted">
                <span>
                  {i.people} {i.people === 1 ? "person" : "people"}
                </span>
                <span>
                  {i.urls} web {i.urls === 1 ? "address" : "addresses"}
                </span>
                <span>Opened {i.createdAt.slice(0, 10)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <section aria-labelledby="new-incident" className="card stack narrow">
          <h2 id="new-incident">New incident</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="create" />
            <FormErrors errors={failure?.formErrors} />
            <TextField
              name="title"
              label="Title"
              hint="A short description only your team sees, e.g. “Staff list posted on a forum, November”."
              errors={failure?.fieldErrors.title}
            />
            <TextArea
              name="description"
              label="What happened (optional)"
              rows={3}
              errors={failure?.fieldErrors.description}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Creating…" : "Create incident"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incidents · Retract" }];
