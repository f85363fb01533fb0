import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { listAuditEvents } from "~/audit/audit-log.server";
import { ACTION_KEYS, type AuditFilters, filterQuery } from "~/audit/log-filters";
import { AuditFilterSchema } from "~/audit/log-filters.server";
import { requireScope } from "~/auth/session.server";
import { isMessageKey } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
  const translator = await getTranslator(request);
  const { t } = translator;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = AuditFilterSchema.safeParse(query);
  const members = listMembers(scope).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` }));
  // Picking a client means showing their names: each decrypted name is logged as a read (subject.read).
  const subjects = listSubjectNames(scope)
    .map((s) => ({ value: s.id, label: s.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // The actions by their words in the page's language (the codes never show).
  const actions = Object.entries(ACTION_KEYS)
    .map(([value, key]) => ({ value, label: t(key) }))
    .sort((a, b) => a.label.localeCompare(b.label, translator.locale));
  const options = { members, subjects, actions };
  const say = (m: string) => (isMessageKey(m) ? t(m) : m);
  // Issues by filter; one about no single filter (a range that ends before it starts) goes to the whole form.
  let issues: FieldErrors = parsed.success
    ? {}
    : (Object.fromEntries(
        parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), [say(i.message)]]),
      ) as FieldErrors);
  const filters = (parsed.success ? parsed.data : {}) as AuditFilters;
  if (filters.member && !members.some((m) => m.value === filters.member))
    issues = { ...issues, member: [t("errors.audit.chooseMember")] };
  if (filters.subject && !subjectExists(scope, filters.subject))
    issues = { ...issues, subject: [t("errors.audit.chooseClient")] };
  if (Object.keys(issues).length) {
    const { form = [], ...byField } = issues;
    return formFailure(
      { fieldErrors: byField, formErrors: form },
      { extra: { ...options, filters: query, events: [], next: undefined, query: "" } },
    );
  }
  const { events, next } = listAuditEvents(scope, filters, translator);
  return { ...options, filters: query, events, next, query: filterQuery(filters) };
}

/** The moment as YYYY-MM-DD HH:MM (UTC): the same in every language, and sortable by eye. */
function when(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export default function AuditLog() {
  const page = useLoaderData<typeof loader>();
  const { members, subjects, actions, filters, events, next, query } = page;
  const { t } = useT();
  const failed = "formErrors" in page ? page : undefined;
  const fieldErrors = failed?.fieldErrors ?? {};
  const busy = useNavigation().state === "loading";
  const f = filters;
  const older = next ? `${query ? `${query}&` : "?"}before=${next}` : undefined;
  return (
    <div className="stack">
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="card stack audit-filters" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="h3">
          {t("audit.filter.title")}
        </h2>
        <FormErrors errors={failed?.formErrors} />
        <div className="audit-filter-fields">
          <SelectField
            name="member"
            label={t("audit.filter.member")}
            options={[{ value: "", label: t("audit.filter.anyMember") }, ...members]}
            defaultValue={f.member ?? ""}
            errors={fieldErrors.member}
          />
          <SelectField
            name="action"
            label={t("audit.filter.action")}
            options={[{ value: "", label: t("audit.filter.anything") }, ...actions]}
            defaultValue={f.action ?? ""}
            errors={fieldErrors.action}
          />
          <SelectField
            name="subject"
            label={t("audit.filter.subject")}
            hint={t("audit.filter.subjectHint")}
            options={[{ value: "", label: t("audit.filter.anyClient") }, ...subjects]}
            defaultValue={f.subject ?? ""}
            errors={fieldErrors.subject}
          />
          <TextField
            name="from"
            type="date"
            label={t("audit.filter.from")}
            defaultValue={f.from}
            errors={fieldErrors.from}
          />
          <TextField
            name="to"
            type="date"
            label={t("audit.filter.to")}
            defaultValue={f.to}
            errors={fieldErrors.to}
          />
        </div>
        <div className="row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("audit.filter.submitting") : t("audit.filter.submit")}
          </button>
          <Link to="/workspace/audit" className="button button-secondary">
            {t("audit.filter.clear")}
          </Link>
        </div>
      </Form>

      {failed ? null : (
        <p>
          <a href={`/workspace/audit/export${query}`} className="button button-secondary" download>
            {t("audit.download")}
          </a>
        </p>
      )}

      {events.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <table className="audit-table">
          <caption className="visually-hidden">{t("audit.table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.table.when")}</th>
              <th scope="col">{t("audit.table.member")}</th>
              <th scope="col">{t("audit.table.action")}</th>
              <th scope="col">{t("audit.table.about")}</th>
              <th scope="col">{t("audit.table.detail")}</th>
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
                    <span className="muted">{t("audit.system")}</span>
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
      <nav className="row" aria-label={t("audit.pages")}>
        {f.before ? <Link to={`/workspace/audit${query}`}>{t("audit.newest")}</Link> : null}
        {older ? <Link to={`/workspace/audit${older}`}>{t("audit.older")}</Link> : null}
      </nav>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
