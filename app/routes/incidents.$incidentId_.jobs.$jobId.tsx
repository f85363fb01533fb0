import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requireScope } from "~/auth/session.server";
import { bulkSummary, cancelBulkJob, getBulkJob } from "~/incidents/bulk.server";
import { BulkCancelSchema } from "~/incidents/bulk-forms.server";
import { reasonText } from "~/incidents/bulk-reasons";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formFailure, parseForm, parseIds } from "~/utils/forms.server";
import { can } from "~/workspaces/scope.server";

/** Summary rows: codes with the same plain-language text are counted together. */
function grouped(rows: { reason: string; count: number }[]) {
  const out = new Map<string, number>();
  for (const r of rows) out.set(reasonText(r.reason), (out.get(reasonText(r.reason)) ?? 0) + r.count);
  return [...out].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId, jobId } = parseIds(params, "incidentId", "jobId");
  const job = getBulkJob(scope, incidentId, jobId);
  const active = job.state === "queued" || job.state === "running";
  const summary = active ? null : bulkSummary(scope, incidentId, jobId);
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
      skipped: grouped(summary.skipped),
      failed: grouped(summary.failed),
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

const fmt = (n: number) => n.toLocaleString("en");

export default function BulkJob() {
  const d = useLoaderData<typeof loader>();
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
    ? `${Math.floor(percent / 10) * 10} percent of the letters written.`
    : d.state === "done"
      ? "All letters written. The summary follows."
      : d.state === "cancelled"
        ? "The run was cancelled."
        : "The run stopped.";
  return (
    <div className="stack medium">
      {d.active ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <p>
        <Link to={`/incidents/${d.incidentId}`}>Back to the incident</Link>
      </p>
      <h1>Letters for every empty cell</h1>
      <div className="stack">
        <label htmlFor="bulk-progress">
          {fmt(d.done)} of {fmt(d.total)} letters
        </label>
        <progress id="bulk-progress" max={d.total || 1} value={d.done}>
          {percent} %
        </progress>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {spoken}
        </p>
        {d.active ? (
          <p className="muted">
            {d.state === "queued" ? "Waiting to start…" : "Writing and checking letters…"} You can leave this
            page: the run goes on, and survives a restart of the server.
          </p>
        ) : null}
      </div>
      {d.canCancel ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button button-danger" disabled={nav.state !== "idle"}>
            Cancel the run
          </button>
        </Form>
      ) : null}
      {d.summary ? (
        <section className="stack" aria-labelledby="bulk-summary-heading">
          <h2 id="bulk-summary-heading">Summary</h2>
          {d.state === "failed" ? (
            <p className="notice notice-error">
              The run stopped: the member who started it can no longer write letters in this workspace.
            </p>
          ) : null}
          <dl className="facts">
            <dt>Emails sent</dt>
            <dd>{fmt(d.summary.email.sent)}</dd>
            <dt>Emails still waiting to go out</dt>
            <dd>{fmt(d.summary.email.waiting)}</dd>
            <dt>Emails that could not be delivered</dt>
            <dd>{fmt(d.summary.email.failed)}</dd>
            <dt>Web-form and PDF letters ready for you</dt>
            <dd>{fmt(d.summary.generated)}</dd>
            <dt>Skipped</dt>
            <dd>{fmt(d.summary.skippedTotal)}</dd>
            <dt>Failed</dt>
            <dd>{fmt(d.summary.failedTotal)}</dd>
          </dl>
          {d.summary.skipped.length ? (
            <>
              <h3>Skipped, and why</h3>
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
              <h3>Failed, and why</h3>
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
            <Link to={`/incidents/${d.incidentId}/matrix`}>See every letter in the incident's matrix</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Letters in bulk · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
