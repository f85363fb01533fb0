import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requireScope } from "~/auth/session.server";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { bulkSummary, cancelBulkJob, getBulkJob } from "~/incidents/bulk.server";
import { BulkCancelSchema } from "~/incidents/bulk-forms.server";
import { reasonMessage } from "~/incidents/bulk-reasons";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formFailure, parseForm, parseIds } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

/** Summary rows in the page's words: codes with the same plain-language text are counted together. */
function grouped({ t }: Translator, rows: { reason: string; count: number }[]) {
  const out = new Map<string, number>();
  const text = (code: string) => {
    const m = reasonMessage(code);
    return t(m.key, m.values);
  };
  for (const r of rows) out.set(text(r.reason), (out.get(text(r.reason)) ?? 0) + r.count);
  return [...out].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId, jobId } = parseIds(params, "incidentId", "jobId");
  const job = getBulkJob(scope, incidentId, jobId);
  const active = job.state === "queued" || job.state === "running";
  const summary = active ? null : bulkSummary(scope, incidentId, jobId);
  const translator = await getTranslator(request);
  return {
    incidentId,
    jobId,
    state: job.state,
    active,
    total: job.total,
    done: job.done,
    canCancel: active && can(scope, "case:write"),
    error: job.error,
    summary: summary && {
      email: summary.email,
      generated: summary.generated,
      skipped: grouped(translator, summary.skipped),
      failed: grouped(translator, summary.failed),
      skippedTotal: summary.skipped.reduce((a, r) => a + r.count, 0),
      failedTotal: summary.failed.reduce((a, r) => a + r.count, 0),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId, jobId } = parseIds(params, "incidentId", "jobId");
  getBulkJob(scope, incidentId, jobId); // 404 before anything else
  const parsed = parseForm(await request.formData(), BulkCancelSchema);
  if (!parsed.ok) return formFailure(parsed);
  cancelBulkJob(scope, incidentId, jobId); // viewers: 403
  return redirect(`/incidents/${incidentId}/jobs/${jobId}`);
}

export default function BulkJob() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const fmt = (n: number) => n.toLocaleString(locale);
  const revalidator = useRevalidator();
  const nav = useNavigation();
  // With JavaScript: ask the server every second while the run is under way (without it, the meta refresh).
  useEffect(() => {
    if (!d.active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [d.active, revalidator]);
  const percent = d.total ? Math.floor((d.done / d.total) * 100) : 100;
  // The live region speaks in steps of a tenth, not on every poll.
  const spoken = d.active
    ? t("incidents.job.spokenProgress", { percent: Math.floor(percent / 10) * 10 })
    : d.state === "done"
      ? t("incidents.job.spokenDone")
      : d.state === "cancelled"
        ? t("incidents.job.spokenCancelled")
        : t("incidents.job.spokenStopped");
  return (
    <div className="stack medium">
      {d.active ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <p>
        <Link to={`/incidents/${d.incidentId}`}>{t("incidents.bulk.back")}</Link>
      </p>
      <h1>{t("incidents.bulk.heading")}</h1>
      <div className="stack">
        <label htmlFor="bulk-progress">
          {t("incidents.bulk.lettersDone", { done: d.done, total: d.total })}
        </label>
        <progress id="bulk-progress" max={d.total || 1} value={d.done}>
          {fmt(percent)} %
        </progress>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {spoken}
        </p>
        {d.active ? (
          <p className="muted">
            {d.state === "queued" ? t("incidents.job.waiting") : t("incidents.job.writing")}{" "}
            {t("incidents.job.canLeave")}
          </p>
        ) : null}
      </div>
      {d.canCancel ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button button-danger" disabled={nav.state !== "idle"}>
            {t("incidents.job.cancel")}
          </button>
        </Form>
      ) : null}
      {d.summary ? (
        <section className="stack" aria-labelledby="bulk-summary-heading">
          <h2 id="bulk-summary-heading">{t("incidents.job.summary")}</h2>
          {d.state === "failed" ? (
            <p className="notice notice-error">{t("incidents.job.memberGone")}</p>
          ) : null}
          <dl className="facts">
            <dt>{t("incidents.job.emailsSent")}</dt>
            <dd>{fmt(d.summary.email.sent)}</dd>
            <dt>{t("incidents.job.emailsWaiting")}</dt>
            <dd>{fmt(d.summary.email.waiting)}</dd>
            <dt>{t("incidents.job.emailsFailed")}</dt>
            <dd>{fmt(d.summary.email.failed)}</dd>
            <dt>{t("incidents.job.documents")}</dt>
            <dd>{fmt(d.summary.generated)}</dd>
            <dt>{t("incidents.job.skipped")}</dt>
            <dd>{fmt(d.summary.skippedTotal)}</dd>
            <dt>{t("incidents.job.failed")}</dt>
            <dd>{fmt(d.summary.failedTotal)}</dd>
          </dl>
          {d.summary.skipped.length ? (
            <>
              <h3>{t("incidents.job.skippedWhy")}</h3>
              <ul className="list">
                {d.summary.skipped.map((r) => (
                  <li key={r.text} className="list-item">
                    {r.text} <strong>{fmt(r.count)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.summary.failed.length ? (
            <>
              <h3>{t("incidents.job.failedWhy")}</h3>
              <ul className="list">
                {d.summary.failed.map((r) => (
                  <li key={r.text} className="list-item">
                    {r.text} <strong>{fmt(r.count)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to={`/incidents/${d.incidentId}/matrix`}>{t("incidents.job.seeMatrix")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.bulk.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
