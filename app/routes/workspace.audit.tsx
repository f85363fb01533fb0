import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { listAuditEvents } from "~/audit/audit-log.server";
import { ACTION_OPTIONS, type AuditFilters, filterQuery } from "~/audit/log-filters";
import { AuditFilterSchema } from "~/audit/log-filters.server";
import { requireScope } from "~/auth/session.server";
import { listSubjectNames, subjectExists } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField, TextField } from "~/ui/forms";
import type { FieldErrors } from "~/utils/forms";
import { formFailure } from "~/utils/forms.server";
import { listMembers } from "~/workspaces/members.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  // Owners and admins only; caseworkers and viewers get 403 like the members page (the page itself is no row
  // of another workspace, so there is no id to hide).
  requirePermission(scope, "audit:read");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = AuditFilterSchema.safeParse(query);
  const members = listMembers(scope).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }));
  // Picking a client means showing their names: each decrypted name is logged as a read (subject.read).
  const subjects = listSubjectNames(scope)
    .map((s) => ({ value: s.id, label: s.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const options = { members, subjects };
  // Issues by filter; one about no single filter (a range that ends before it starts) goes to the whole form.
  let issues: FieldErrors = parsed.success
    ? {}
    : (Object.fromEntries(
        parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), [i.message]]),
      ) as FieldErrors);
  const filters = (parsed.success ? parsed.data : {}) as AuditFilters;
  if (filters.member && !members.some((m) => m.value === filters.member))
    issues = { ...issues, member: ["Choose a member from the list."] };
  if (filters.subject && !subjectExists(scope, filters.subject))
    issues = { ...issues, subject: ["Choose a client from the list."] };
  if (Object.keys(issues).length) {
    const { form = [], ...byField } = issues;
    return formFailure(
      { fieldErrors: byField, formErrors: form },
      { extra: { ...options, filters: query, events: [], next: undefined, query: "" } },
    );
  }
  const { events, next } = listAuditEvents(scope, filters);
  return { ...options, filters: query, events, next, query: filterQuery(filters) };
}

function when(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export default function AuditLog() {
  const page = useLoaderData<typeof loader>();
  const { members, subjects, filters, events, next, query } = page;
  const failed = "formErrors" in page ? page : undefined;
  const fieldErrors = failed?.fieldErrors ?? {};
  const busy = useNavigation().state === "loading";
  const f = filters;
  const older = next ? `${query ? `${query}&` : "?"}before=${next}` : undefined;
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p>
        Everything members did in this organisation, newest first: who opened which client's details, changed
        a case or sent a letter. Times are in UTC. Looking at this page is logged too.
      </p>
      <Form method="get" className="card stack audit-filters" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="h3">
          Filter the events
        </h2>
        <FormErrors errors={failed?.formErrors} />
        <div className="audit-filter-fields">
          <SelectField
            name="member"
            label="Member"
            options={[{ value: "", label: "Any member" }, ...members]}
            defaultValue={f.member ?? ""}
            errors={fieldErrors.member}
          />
          <SelectField
            name="action"
            label="What happened"
            options={[{ value: "", label: "Anything" }, ...ACTION_OPTIONS]}
            defaultValue={f.action ?? ""}
            errors={fieldErrors.action}
          />
          <SelectField
            name="subject"
            label="About client"
            hint="Includes their cases, leaked pages, evidence, letters and replies."
            options={[{ value: "", label: "Any client" }, ...subjects]}
            defaultValue={f.subject ?? ""}
            errors={fieldErrors.subject}
          />
          <TextField name="from" type="date" label="From" defaultValue={f.from} errors={fieldErrors.from} />
          <TextField name="to" type="date" label="Until" defaultValue={f.to} errors={fieldErrors.to} />
        </div>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Looking…" : "Show events"}
          </button>
          <Link to="/workspace/audit" className="button button-secondary">
            Clear filters
          </Link>
        </div>
      </Form>

      {failed ? null : (
        <p>
          <a href={`/workspace/audit/export${query}`} className="button button-secondary" download>
            Download these events (CSV)
          </a>
        </p>
      )}

      {events.length === 0 ? (
        <p className="empty">No events match these filters.</p>
      ) : (
        <table className="audit-table">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Member</th>
              <th scope="col">What happened</th>
              <th scope="col">About</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="mono">{when(e.at)}</td>
                <td>
                  {e.actor ? (
                    <>
                      {e.actor.name}
                      <br />
                      <span className="muted">{e.actor.email}</span>
                    </>
                  ) : (
                    <span className="muted">System</span>
                  )}
                </td>
                <td>{e.actionLabel}</td>
                <td>
                  {e.targetType === "subject" && e.targetId ? (
                    <Link to={`/subjects/${e.targetId}`}>{e.target}</Link>
                  ) : e.targetType === "case" && e.targetId ? (
                    <Link to={`/cases/${e.targetId}`}>{e.target}</Link>
                  ) : (
                    e.target
                  )}
                  {e.targetId ? <span className="muted mono"> {e.targetId.slice(0, 8)}</span> : null}
                </td>
                <td className="muted">{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="row" aria-label="Pages of the audit log">
        {f.before ? <Link to={`/workspace/audit${query}`}>Newest events</Link> : null}
        {older ? <Link to={`/workspace/audit${older}`}>Older events</Link> : null}
      </nav>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Audit log · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
