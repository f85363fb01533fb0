import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { MessageKey } from "~/i18n/translate";
import { BulkStartError, listBulkJobs, planBulkSenders, startBulkLetters } from "~/incidents/bulk.server";
import { BulkStartForm } from "~/incidents/bulk-form";
import { BulkStartSchema, defaultBulkOptions } from "~/incidents/bulk-forms.server";
import { incidentCells } from "~/incidents/matrix.server";
import { hasSmtpSettings } from "~/requests/send/smtp-settings.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { textValues } from "~/utils/form-values";
import { formFailure, parseForm, parseIds } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

const STATE_LABELS: Record<string, MessageKey> = {
  queued: "incidents.bulk.state.queued",
  running: "incidents.bulk.state.running",
  done: "incidents.bulk.state.done",
  cancelled: "incidents.bulk.state.cancelled",
  failed: "incidents.bulk.state.failed",
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
      label: STATE_LABELS[j.state] ?? "incidents.bulk.state.failed",
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
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), BulkStartSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
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
      return formFailure(e.translated(translator));
    }
    throw e;
  }
}

export default function BulkLetters() {
  const { incidentId, emptyCells, canStart, hasEmail, plans, defaultSender, jobs } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="stack medium">
      <p>
        <Link to={`/incidents/${incidentId}`}>{t("incidents.bulk.back")}</Link>
      </p>
      <h1>{t("incidents.bulk.heading")}</h1>
      {canStart ? (
        <section id="bulk" className="card stack" aria-labelledby="bulk-start-heading">
          <h2 id="bulk-start-heading">{t("incidents.bulk.start")}</h2>
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
        <p className="notice notice-warn">{t("incidents.bulk.viewOnly")}</p>
      )}
      <section className="stack" aria-labelledby="bulk-runs-heading">
        <h2 id="bulk-runs-heading">{t("incidents.bulk.runs")}</h2>
        {jobs.length === 0 ? (
          <p className="empty">{t("incidents.bulk.noRuns")}</p>
        ) : (
          <ul className="list">
            {jobs.map((j) => (
              <li key={j.id} className="list-item">
                <Link to={`/incidents/${incidentId}/jobs/${j.id}`}>
                  {t("incidents.bulk.runAt", {
                    day: formatDay(locale, j.createdAt, "long"),
                    time: j.createdAt.slice(11, 16),
                  })}
                </Link>{" "}
                <span className={`badge badge-${j.state}`}>{t(j.label)}</span>{" "}
                <span className="muted">
                  {t("incidents.bulk.lettersDone", { done: j.done, total: j.total })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "incidents.bulk.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
