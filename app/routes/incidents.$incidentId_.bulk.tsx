import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { BulkStartError, listBulkJobs, planBulkSenders, startBulkLetters } from "~/incidents/bulk.server";
import { BulkStartForm } from "~/incidents/bulk-form";
import { BulkStartSchema, defaultBulkOptions } from "~/incidents/bulk-forms.server";
import { incidentCells } from "~/incidents/matrix.server";
import { hasSmtpSettings } from "~/requests/send/smtp-settings.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { textValues } from "~/utils/form-values";
import { formFailure, parseForm, parseIds } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

const STATE_LABELS: Record<string, string> = {
  queued: "Waiting to start",
  running: "Writing letters",
  done: "Finished",
  cancelled: "Cancelled",
  failed: "Stopped",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseIds(params, "incidentId");
  const cells = incidentCells(scope, incidentId); // 404 outside the workspace
  const canStart = can(scope, "case:write");
  const hasEmail = hasSmtpSettings(scope.workspaceId);
  const emptyCells = cells.filter((c) => c.letterId === null).length;
  // What each sender would write with the options the form starts from, by the run's own rules.
  const plan =
    canStart && emptyCells > 0 ? planBulkSenders(scope, incidentId, defaultBulkOptions(hasEmail)) : null;
  return {
    incidentId,
    emptyCells,
    canStart,
    hasEmail,
    plans: plan?.byChoice ?? null,
    defaultSender: plan?.best ?? "self",
    jobs: listBulkJobs(scope, incidentId).map((j) => ({
      id: j.id,
      state: j.state,
      label: STATE_LABELS[j.state] ?? j.state,
      done: j.done,
      total: j.total,
      createdAt: j.createdAt.toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseIds(params, "incidentId");
  incidentCells(scope, incidentId); // 404 before 403: another workspace's incident does not exist here
  requirePermission(scope, "case:write");
  const parsed = parseForm(await request.formData(), BulkStartSchema);
  if (!parsed.ok) return formFailure(parsed);
  const { intent, ...options } = parsed.data;
  if (intent === "preview") {
    const plan = planBulkSenders(scope, incidentId, options);
    const values = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v ?? "")]));
    return Response.json({ plans: plan.byChoice, values });
  }
  try {
    const jobId = startBulkLetters(scope, incidentId, options);
    return redirect(`/incidents/${incidentId}/jobs/${jobId}`);
  } catch (e) {
    if (e instanceof BulkStartError) {
      if (e.jobId) return redirect(`/incidents/${incidentId}/jobs/${e.jobId}`);
      return formFailure(e.message);
    }
    throw e;
  }
}

export default function BulkLetters() {
  const { incidentId, emptyCells, canStart, hasEmail, plans, defaultSender, jobs } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="stack medium">
      <p>
        <Link to={`/incidents/${incidentId}`}>Back to the incident</Link>
      </p>
      <h1>Letters for every empty cell</h1>
      {canStart ? (
        <section id="bulk" className="card stack" aria-labelledby="bulk-start-heading">
          <h2 id="bulk-start-heading">Start</h2>
          <BulkStartForm
            incidentId={incidentId}
            emptyCells={emptyCells}
            hasEmail={hasEmail}
            plans={(data && "plans" in data ? data.plans : plans) ?? undefined}
            defaultSender={defaultSender}
            errors={data}
            values={data ? textValues(data.values) : undefined}
          />
        </section>
      ) : (
        <p className="notice notice-warn">You can look at this incident but not write letters for it.</p>
      )}
      <section className="stack" aria-labelledby="bulk-runs-heading">
        <h2 id="bulk-runs-heading">Runs</h2>
        {jobs.length === 0 ? (
          <p className="empty">No letters have been written in bulk for this incident yet.</p>
        ) : (
          <ul className="list">
            {jobs.map((j) => (
              <li key={j.id} className="list-item">
                <Link to={`/incidents/${incidentId}/jobs/${j.id}`}>
                  {new Date(j.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
                </Link>{" "}
                <span className={`badge badge-${j.state}`}>{j.label}</span>{" "}
                <span className="muted">
                  {j.done.toLocaleString("en")} of {j.total.toLocaleString("en")} letters
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Letters in bulk · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
