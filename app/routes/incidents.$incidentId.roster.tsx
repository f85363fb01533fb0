import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { MessageKey, Translator } from "~/i18n/translate";
import { getIncident, importRoster, listRoster, rosterEmailCheck } from "~/incidents/incidents.server";
import { FIELD_LABELS, MAX_ROSTER_BYTES, MAX_ROSTER_ROWS, PAGE_SIZE } from "~/incidents/limits";
import { parseRoster, type RosterPreviewRow } from "~/incidents/roster.server";
import { IncidentParams, RosterSubmitSchema } from "~/incidents/schemas.server";
import { IncidentNav } from "~/incidents/ui";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextArea } from "~/ui/forms";
import { type FailureStatus, formFailure, parseForm, parseParams } from "~/utils/forms.server";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const incident = getIncident(scope, incidentId);
  const url = new URL(request.url);
  const people = listRoster(scope, incidentId);
  const pages = Math.max(1, Math.ceil(people.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return {
    incident: { id: incident.id, title: incident.title },
    total: people.length,
    people: people
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map((p) => ({ subjectId: p.subjectId, caseId: p.caseId, name: p.name, unit: p.unit })),
    page,
    pages,
    imported: Number(url.searchParams.get("imported") ?? "") || 0,
    skipped: Number(url.searchParams.get("skipped") ?? "") || 0,
    canWrite: can(scope, "case:write"),
  };
}

/** A preview row with its problems already in the page's words (column name and sentence). */
type PreviewRow = Omit<RosterPreviewRow, "errors"> & {
  errors: { field: RosterPreviewRow["errors"][number]["field"]; label: string; message: string }[];
};

type Preview = {
  preview: true;
  csv: string;
  rows: PreviewRow[];
  counts: Record<RosterPreviewRow["status"], number>;
};

const fail = (message: string, status?: FailureStatus) => formFailure(message, { status });

const inWords = ({ t }: Translator, rows: RosterPreviewRow[]): PreviewRow[] =>
  rows.map((r) => ({
    ...r,
    errors: r.errors.map((e) => ({
      field: e.field,
      label: t(FIELD_LABELS[e.field]),
      message: t(e.message, e.values),
    })),
  }));

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { incidentId } = parseParams(params, IncidentParams);
  getIncident(scope, incidentId);
  const translator = await getTranslator(request);
  const { t } = translator;
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MAX_ROSTER_BYTES);
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return fail(t("incidents.roster.errors.tooLarge", { mb: MAX_ROSTER_BYTES / 1024 / 1024 }), 413);
    throw e;
  }
  const parsed = parseForm(form, RosterSubmitSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  // A chosen file wins over the paste box; on confirm the text comes back from the preview's hidden field.
  const file = parsed.data.intent === "preview" ? await fileBytes(form.get("file")) : null;
  const csv = file ? file.bytes.toString("utf8") : parsed.data.csv;
  const result = parseRoster(csv, rosterEmailCheck(scope, incidentId));
  if (!result.ok) return fail(t(result.error.key, result.error.values));
  if (parsed.data.intent === "preview") {
    return data({
      preview: true,
      csv,
      rows: inWords(translator, result.rows),
      counts: result.counts,
    } satisfies Preview);
  }
  const rows = result.rows.flatMap((r) => (r.status === "new" && r.data ? [r.data] : []));
  if (!rows.length) return fail(t("incidents.roster.errors.nothingToAdd"));
  const imported = importRoster(scope, incidentId, rows);
  return redirect(
    `/incidents/${incidentId}/roster?imported=${imported.created.length}&skipped=${result.rows.length - imported.created.length}`,
  );
}

const STATUS_TEXT: Record<RosterPreviewRow["status"], MessageKey> = {
  new: "incidents.roster.status.new",
  invalid: "incidents.roster.status.invalid",
  duplicate_in_file: "incidents.roster.status.duplicate_in_file",
  already_on_roster: "incidents.roster.status.already_on_roster",
};

function PreviewTable({ data }: { data: Preview }) {
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  const { counts } = data;
  const problems = counts.invalid + counts.duplicate_in_file + counts.already_on_roster;
  return (
    <section aria-labelledby="preview" className="stack">
      <h2 id="preview">{t("incidents.roster.check")}</h2>
      <p role="status">
        {[
          t("incidents.roster.willAdd", { count: counts.new }),
          problems ? t("incidents.roster.problems", { count: problems }) : "",
          t("incidents.roster.nothingSaved"),
        ]
          .filter(Boolean)
          .join(" ")}
      </p>
      {problems ? (
        <div className="notice notice-warn">
          <h3>{t("incidents.roster.rowsWithProblem")}</h3>
          <ul aria-label={t("incidents.roster.rowsWithProblem")}>
            {data.rows
              .filter((r) => r.errors.length)
              .map((r) => (
                <li key={r.row}>
                  {t("incidents.roster.rowProblem", {
                    row: r.row,
                    problems: r.errors
                      .map((e) => t("incidents.roster.fieldProblem", { field: e.label, message: e.message }))
                      .join(" "),
                  })}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <section
        className="table-scroll"
        aria-labelledby="preview-caption"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="data-table">
          <caption id="preview-caption">{t("incidents.roster.previewCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t(FIELD_LABELS.row)}</th>
              <th scope="col">{t(FIELD_LABELS.name)}</th>
              <th scope="col">{t(FIELD_LABELS.email)}</th>
              <th scope="col">{t(FIELD_LABELS.unit)}</th>
              <th scope="col">{t(FIELD_LABELS.country)}</th>
              <th scope="col">{t("incidents.roster.result")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.row}>
                <th scope="row">{r.row}</th>
                <td>{r.data?.name ?? r.raw.name}</td>
                <td>{r.data?.email ?? r.raw.email}</td>
                <td>{r.data?.unit ?? r.raw.unit}</td>
                <td>{r.data?.country ?? r.raw.country}</td>
                <td>
                  <span
                    className={
                      r.status === "new" ? "badge badge-request-removed" : "badge badge-request-failed"
                    }
                  >
                    {t(STATUS_TEXT[r.status])}
                  </span>
                  {r.errors.length ? (
                    <span className="hint">
                      {" "}
                      {r.errors
                        .map((e) =>
                          t("incidents.roster.fieldProblemShort", { field: e.label, message: e.message }),
                        )
                        .join(" ")}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {counts.new ? (
        <Form method="post" encType="multipart/form-data" className="row">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="csv" value={data.csv} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common.saving") : t("incidents.roster.confirm", { count: counts.new })}
          </button>
          <Link to="." className="button button-secondary">
            {t("incidents.roster.startAgain")}
          </Link>
        </Form>
      ) : (
        <p>{t("incidents.roster.noneAddable")}</p>
      )}
    </section>
  );
}

export default function Roster() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const preview = result && "preview" in result ? result : null;
  const failure = result && "formErrors" in result ? result : null;
  const id = data.incident.id;
  const { t, rich } = useT();
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">{t("incidents.backToAll")}</Link>
      </p>
      <h1>{t("incidents.roster.heading", { title: data.incident.title })}</h1>
      <IncidentNav id={id} />
      {data.imported ? (
        <p className="notice notice-ok" role="status">
          {t("incidents.roster.imported", { count: data.imported })}
          {data.skipped ? ` ${t("incidents.roster.skipped", { count: data.skipped })}` : ""}
        </p>
      ) : null}
      {preview ? <PreviewTable data={preview} /> : null}
      {data.canWrite && !preview ? (
        <section aria-labelledby="import" className="card stack medium">
          <h2 id="import">{t("incidents.roster.import")}</h2>
          <p className="hint">
            {rich("incidents.roster.hint", {
              rows: MAX_ROSTER_ROWS,
              mb: Math.round(MAX_ROSTER_BYTES / 1024 / 1024),
              b: (chunks) => <strong>{chunks}</strong>,
              // The English column names, which every roster may use, marked as English.
              en: (chunks) => <span lang="en">{chunks}</span>,
            })}
          </p>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="preview" />
            <FormErrors errors={failure?.formErrors} />
            <div className="field">
              <label htmlFor="f-file">{t("incidents.roster.file")}</label>
              <input id="f-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
            </div>
            <TextArea
              name="csv"
              label={t("incidents.roster.paste")}
              rows={6}
              errors={failure?.fieldErrors.csv}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("incidents.roster.reading") : t("incidents.roster.preview")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="people" className="stack">
        <h2 id="people">{t("incidents.roster.people", { count: data.total })}</h2>
        {data.total === 0 ? (
          <p className="empty">{t("incidents.roster.nobody")}</p>
        ) : (
          <>
            <table className="data-table">
              <caption className="visually-hidden">
                {t("incidents.roster.caption", { page: data.page, pages: data.pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(FIELD_LABELS.name)}</th>
                  <th scope="col">{t(FIELD_LABELS.unit)}</th>
                </tr>
              </thead>
              <tbody>
                {data.people.map((p) => (
                  <tr key={p.subjectId}>
                    <th scope="row">
                      <Link to={`/cases/${p.caseId}`}>{p.name}</Link>
                    </th>
                    <td>{p.unit || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.pages > 1 ? (
              <nav aria-label={t("incidents.roster.pagesLabel")} className="row">
                {data.page > 1 ? (
                  <Link to={`?page=${data.page - 1}`}>{t("incidents.pages.previous")}</Link>
                ) : null}
                <span>{t("incidents.pages.position", { page: data.page, pages: data.pages })}</span>
                {data.page < data.pages ? (
                  <Link to={`?page=${data.page + 1}`}>{t("incidents.pages.next")}</Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.roster.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
