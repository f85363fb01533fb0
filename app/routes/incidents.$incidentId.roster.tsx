import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
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

type Preview = {
  preview: true;
  csv: string;
  rows: RosterPreviewRow[];
  counts: Record<RosterPreviewRow["status"], number>;
};

const fail = (message: string, status?: FailureStatus) => formFailure(message, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { incidentId } = parseParams(params, IncidentParams);
  getIncident(scope, incidentId);
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MAX_ROSTER_BYTES);
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return fail("The roster is larger than 2 MB. Split it into smaller files.", 413);
    throw e;
  }
  const parsed = parseForm(form, RosterSubmitSchema);
  if (!parsed.ok) return formFailure(parsed);
  // A chosen file wins over the paste box; on confirm the text comes back from the preview's hidden field.
  const file = parsed.data.intent === "preview" ? await fileBytes(form.get("file")) : null;
  const csv = file ? file.bytes.toString("utf8") : parsed.data.csv;
  const result = parseRoster(csv, rosterEmailCheck(scope, incidentId));
  if (!result.ok) return fail(result.error);
  if (parsed.data.intent === "preview") {
    return data({ preview: true, csv, rows: result.rows, counts: result.counts } satisfies Preview);
  }
  const rows = result.rows.flatMap((r) => (r.status === "new" && r.data ? [r.data] : []));
  if (!rows.length)
    return fail("No row of this roster can be added: every row has a problem or is already on it.");
  const imported = importRoster(scope, incidentId, rows);
  return redirect(
    `/incidents/${incidentId}/roster?imported=${imported.created.length}&skipped=${result.rows.length - imported.created.length}`,
  );
}

const STATUS_TEXT: Record<RosterPreviewRow["status"], string> = {
  new: "Will be added (a person and a case for this incident)",
  invalid: "Not added",
  duplicate_in_file: "Not added (repeated)",
  already_on_roster: "Not added (already on the roster)",
};

function PreviewTable({ data }: { data: Preview }) {
  const busy = useNavigation().state === "submitting";
  const { counts } = data;
  const problems = counts.invalid + counts.duplicate_in_file + counts.already_on_roster;
  return (
    <section aria-labelledby="preview" className="stack">
      <h2 id="preview">Check the roster before saving</h2>
      <p role="status">
        {counts.new} {counts.new === 1 ? "person" : "people"} will be added.{" "}
        {problems
          ? `${problems} ${problems === 1 ? "row has" : "rows have"} a problem and will be left out.`
          : ""}{" "}
        Nothing is saved until you confirm.
      </p>
      {problems ? (
        <div className="notice notice-warn">
          <h3>Rows with a problem</h3>
          <ul aria-label="Rows with a problem">
            {data.rows
              .filter((r) => r.errors.length)
              .map((r) => (
                <li key={r.row}>
                  Row {r.row}: {r.errors.map((e) => `${FIELD_LABELS[e.field]} — ${e.message}`).join(" ")}
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
          <caption id="preview-caption">Every row of the roster and what will happen to it</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Name</th>
              <th scope="col">Work email</th>
              <th scope="col">Unit</th>
              <th scope="col">Country</th>
              <th scope="col">Result</th>
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
                    {STATUS_TEXT[r.status]}
                  </span>
                  {r.errors.length ? (
                    <span className="hint">
                      {" "}
                      {r.errors.map((e) => `${FIELD_LABELS[e.field]}: ${e.message}`).join(" ")}
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
            {busy ? "Saving…" : `Confirm and add ${counts.new} ${counts.new === 1 ? "person" : "people"}`}
          </button>
          <Link to="." className="button button-secondary">
            Start again
          </Link>
        </Form>
      ) : (
        <p>No row can be added. Correct the file and preview it again.</p>
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
  return (
    <div className="stack">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <h1>Roster of {data.incident.title}</h1>
      <IncidentNav id={id} />
      {data.imported ? (
        <p className="notice notice-ok" role="status">
          {data.imported} {data.imported === 1 ? "person was" : "people were"} added to the roster, each with
          a case for this incident.
          {data.skipped ? ` ${data.skipped} ${data.skipped === 1 ? "row was" : "rows were"} left out.` : ""}
        </p>
      ) : null}
      {preview ? <PreviewTable data={preview} /> : null}
      {data.canWrite && !preview ? (
        <section aria-labelledby="import" className="card stack medium">
          <h2 id="import">Import people</h2>
          <p className="hint">
            A CSV file whose first row names the columns: <strong>name</strong>, <strong>work email</strong>,{" "}
            <strong>unit</strong> and <strong>country</strong> (a two-letter code such as DE; unit and country
            may be left out). Other spellings such as “Full name”, “E-mail” or “Team” work too; commas,
            semicolons or tabs. At most {MAX_ROSTER_ROWS.toLocaleString("en")} rows and{" "}
            {Math.round(MAX_ROSTER_BYTES / 1024 / 1024)} MB at a time. You will see every row before anything
            is saved.
          </p>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="preview" />
            <FormErrors errors={failure?.formErrors} />
            <div className="field">
              <label htmlFor="f-file">CSV file</label>
              <input id="f-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
            </div>
            <TextArea
              name="csv"
              label="Or paste the rows (with the header row)"
              rows={6}
              errors={failure?.fieldErrors.csv}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Reading the roster…" : "Preview"}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="people" className="stack">
        <h2 id="people">People on the roster ({data.total})</h2>
        {data.total === 0 ? (
          <p className="empty">Nobody yet.</p>
        ) : (
          <>
            <table className="data-table">
              <caption className="visually-hidden">
                People on the roster, page {data.page} of {data.pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Unit</th>
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
              <nav aria-label="Pages of the roster" className="row">
                {data.page > 1 ? <Link to={`?page=${data.page - 1}`}>← Previous</Link> : null}
                <span>
                  Page {data.page} of {data.pages}
                </span>
                {data.page < data.pages ? <Link to={`?page=${data.page + 1}`}>Next →</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Incident roster · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
