import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireScope } from "~/auth/session.server";
import { getCase } from "~/cases/cases.server";
import { entriesFromCsv, entriesFromPaste, MAX_BULK_LINES } from "~/exposures/bulk.server";
import { createExposuresBulk } from "~/exposures/exposures.server";
import { BulkExposuresSchema } from "~/exposures/schemas.server";
import { SharedExposureFields } from "~/exposures/shared-fields";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextArea } from "~/ui/forms";
import { formFailure, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { requirePermission } from "~/workspaces/scope.server";

/** The largest CSV file the form takes. */
const MAX_CSV_MB = 5;

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
  const translator = await getTranslator(request);
  const { t } = translator;
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MAX_CSV_MB * 1024 * 1024);
  } catch (e) {
    if (e instanceof UploadTooLargeError) {
      return formFailure(t("exposure.bulk.errors.tooLarge", { mb: MAX_CSV_MB }), { status: 413 });
    }
    throw e;
  }
  const parsed = parseForm(form, BulkExposuresSchema, ["exposed"]);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const { urls, ...rest } = parsed.data;
  const shared = { ...rest, status: "active" as const, severityOverride: null };
  const csv = await fileBytes(form.get("csv"));
  const fromCsv = csv ? entriesFromCsv(csv.bytes.toString("utf8"), shared) : { entries: [], errors: [] };
  const pasted = entriesFromPaste(urls, shared);
  const entries = [...pasted, ...fromCsv.entries];
  if (entries.length === 0 && fromCsv.errors.length === 0) {
    return formFailure(new UserError(t("exposure.bulk.errors.nothing"), { field: "urls" }));
  }
  if (entries.length > MAX_BULK_LINES) {
    return formFailure(t("exposure.bulk.errors.tooMany", { max: MAX_BULK_LINES }));
  }
  const results = createExposuresBulk(scope, caseId, entries);
  const source = (line: number, fromPaste: boolean) =>
    t(fromPaste ? "exposure.bulk.line" : "exposure.bulk.csvLine", { line });
  const pastedCount = pasted.length;
  return data({
    done: true as const,
    saved: results.filter((r) => r.status === "saved").length,
    lines: [
      ...results.map((r, i) => ({ ...r, where: source(r.line, i < pastedCount) })),
      ...fromCsv.errors.map((e) => ({ ...e, status: "invalid" as const, where: source(e.line, false) })),
    ].filter((r) => r.status !== "saved"),
  });
}

export default function BulkAdd() {
  const { caseId, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const result = answer && "done" in answer ? answer : null;
  const failure = answer && "formErrors" in answer ? answer : null;
  const { t, rich } = useT();
  const mono = (chunks: ReactNode[]) => <span className="mono">{chunks}</span>;
  // The CSV's column names are English words, the same in every language.
  const code = (chunks: ReactNode[]) => <code lang="en">{chunks}</code>;
  return (
    <div className="stack medium">
      <p>
        <Link to={`/cases/${caseId}`}>{t("exposure.page.back")}</Link>
      </p>
      <h1>{t("exposure.bulk.heading")}</h1>
      {result ? (
        <section aria-labelledby="result" className="stack" role="status">
          <h2 id="result">{t("exposure.bulk.saved", { count: result.saved })}</h2>
          {result.lines.length ? (
            <div className="notice notice-warn">
              <p>{t("exposure.bulk.notSaved", { count: result.lines.length })}</p>
              <ul>
                {result.lines.map((l) => (
                  <li key={`${l.where}`}>
                    {l.status === "duplicate"
                      ? rich("exposure.bulk.duplicate", { where: l.where, url: l.url, mono })
                      : l.status === "invalid"
                        ? l.input
                          ? rich("exposure.bulk.invalid", {
                              where: l.where,
                              input: l.input,
                              error: l.error,
                              mono,
                            })
                          : t("exposure.bulk.invalidNoInput", { where: l.where, error: l.error })
                        : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            <Link to={`/cases/${caseId}`}>{t("exposure.bulk.seeThem")}</Link>
          </p>
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card" noValidate>
        <FormErrors errors={failure?.formErrors} />
        <TextArea
          name="urls"
          label={t("exposure.bulk.urls")}
          hint={t("exposure.bulk.urlsHint")}
          rows={8}
          errors={failure?.fieldErrors.urls}
        />
        <div className="field">
          <label htmlFor="f-csv">{t("exposure.bulk.csv")}</label>
          <p className="hint" id="f-csv-hint">
            {rich("exposure.bulk.csvHint", { code })}
          </p>
          <input id="f-csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="f-csv-hint" />
        </div>
        <SharedExposureFields
          today={today}
          hint={t("exposure.bulk.sharedHint")}
          errors={failure?.fieldErrors}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("exposure.bulk.saving") : t("exposure.bulk.save")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "exposure.bulk.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
