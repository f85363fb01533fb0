import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getCase } from "~/cases/cases.server";
import { entriesFromCsv, entriesFromPaste, MAX_BULK_LINES } from "~/exposures/bulk.server";
import { createExposuresBulk } from "~/exposures/exposures.server";
import { BulkExposuresSchema } from "~/exposures/schemas.server";
import { SharedExposureFields } from "~/exposures/shared-fields";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextArea } from "~/ui/forms";
import { formFailure, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { caseId } = parseIds(params, "caseId");
  getCase(scope, caseId);
  return { caseId, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { caseId } = parseIds(params, "caseId");
  getCase(scope, caseId);
  let form: FormData;
  try {
    form = await readFormWithFiles(request, 5 * 1024 * 1024);
  } catch (e) {
    if (e instanceof UploadTooLargeError) {
      return formFailure("The CSV file is larger than 5 MB. Split it into smaller files.", { status: 413 });
    }
    throw e;
  }
  const parsed = parseForm(form, BulkExposuresSchema, ["exposed"]);
  if (!parsed.ok) return formFailure(parsed);
  const { urls, ...rest } = parsed.data;
  const shared = { ...rest, status: "active" as const, severityOverride: null };
  const csv = await fileBytes(form.get("csv"));
  const fromCsv = csv ? entriesFromCsv(csv.bytes.toString("utf8"), shared) : { entries: [], errors: [] };
  const pasted = entriesFromPaste(urls, shared);
  const entries = [...pasted, ...fromCsv.entries];
  if (entries.length === 0 && fromCsv.errors.length === 0) {
    return formFailure(
      new UserError("Paste at least one web address, or choose a CSV file.", { field: "urls" }),
    );
  }
  if (entries.length > MAX_BULK_LINES) {
    return formFailure(`At most ${MAX_BULK_LINES.toLocaleString("en")} addresses at a time. Split the list.`);
  }
  const results = createExposuresBulk(scope, caseId, entries);
  const source = (line: number, fromPaste: boolean) => (fromPaste ? `Line ${line}` : `CSV line ${line}`);
  const pastedCount = pasted.length;
  return data({
    done: true as const,
    saved: results.filter((r) => r.status === "saved").length,
    lines: [
      ...results.map((r, i) => ({ ...r, where: source(r.line, i < pastedCount) })),
      ...fromCsv.errors.map((e) => ({ ...e, status: "invalid" as const, where: `CSV line ${e.line}` })),
    ].filter((r) => r.status !== "saved"),
  });
}

export default function BulkAdd() {
  const { caseId, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const result = answer && "done" in answer ? answer : null;
  const failure = answer && "formErrors" in answer ? answer : null;
  return (
    <div className="stack medium">
      <p>
        <Link to={`/cases/${caseId}`}>← Back to the case</Link>
      </p>
      <h1>Add many places at once</h1>
      {result ? (
        <section aria-labelledby="result" className="stack" role="status">
          <h2 id="result">
            {result.saved} {result.saved === 1 ? "address" : "addresses"} saved
          </h2>
          {result.lines.length ? (
            <div className="notice notice-warn">
              <p>{result.lines.length} could not be saved:</p>
              <ul>
                {result.lines.map((l) => (
                  <li key={`${l.where}`}>
                    {l.where}:{" "}
                    {l.status === "duplicate" ? (
                      <>
                        <span className="mono">{l.url}</span> is already in this case.
                      </>
                    ) : l.status === "invalid" ? (
                      <>
                        {l.input ? <span className="mono">{l.input}</span> : null} — {l.error}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            <Link to={`/cases/${caseId}`}>See them in the case</Link>
          </p>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card" noValidate>
        <FormErrors errors={failure?.formErrors} />
        <TextArea
          name="urls"
          label="Web addresses, one per line"
          hint="Lines that are not web addresses are listed afterwards with their line number; the rest are saved."
          rows={8}
          errors={failure?.fieldErrors.urls}
        />
        <div className="field">
          <label htmlFor="f-csv">Or a CSV file (optional)</label>
          <p className="hint" id="f-csv-hint">
            The first row names the columns: <code>url</code> (needed), and if you like <code>found_on</code>{" "}
            (YYYY-MM-DD), <code>exposed</code> (e.g. <code>home_address;phone</code>),{" "}
            <code>calls_for_harm</code> (yes/no), <code>notes</code>.
          </p>
          <input id="f-csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="f-csv-hint" />
        </div>
        <SharedExposureFields
          today={today}
          hint="Applies to every pasted address; you can change each one later."
          errors={failure?.fieldErrors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving the list…" : "Save all"}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add many places · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
