import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { CalendarFeedSection } from "~/calendar/calendar-feed-section";
import { calendarFeedState } from "~/calendar/feeds.server";
import {
  BulkRequestsSchema,
  CaseIntentSchema,
  CaseParamsSchema,
  formValues,
  parseForm,
  parseParams,
} from "~/cases/case-page.server";
import { getCase, setCaseStatus } from "~/cases/cases.server";
import { progressFor } from "~/dashboard/progress.server";
import { ProgressChart } from "~/dashboard/progress-chart";
import { EXPOSED_LABELS, SEVERITY_LABELS, STATUS_LABELS, severityRank } from "~/exposures/categories";
import { ExposureFieldset } from "~/exposures/exposure-fields";
import {
  createExposure,
  DuplicateExposureError,
  ExposureFieldsSchema,
  listExposureSummaries,
} from "~/exposures/exposures.server";
import { matchExposure, recipientNames } from "~/exposures/recipient.server";
import { RecipientSummary } from "~/exposures/recipient-match";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { metaTranslator } from "~/i18n/meta";
import { CaseLetters } from "~/requests/case-letters";
import { LETTER_STATUS_KEYS } from "~/requests/labels";
import { countLetters, listLetters } from "~/requests/store.server";
import { bulkMoveRequests } from "~/requests/tracking/bulk-status.server";
import { canTake, requestStateKey } from "~/requests/tracking/lifecycle";
import { requestsCheckedGone } from "~/requests/tracking/said-done.server";
import { listSubjectNames } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors } from "~/ui/forms";
import { textValue } from "~/utils/form-values";
import { formFailure, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

/** The case page lists the newest letters; `?letters=all` lists every one. */
const LETTERS_SHOWN = 20;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId } = parseParams(params, CaseParamsSchema);
  const kase = getCase(scope, caseId);
  const subject = listSubjectNames(scope, [kase.subjectId])[0];
  const url = new URL(request.url);
  const exposures = listExposureSummaries(scope, caseId);
  // Group by recipient (or by host for sites no recipient answers for), most severe first.
  const names = recipientNames(
    scope.workspaceId,
    exposures.flatMap((e) => (e.recipientId ? [e.recipientId] : [])),
  );
  const groups = new Map<string, { name: string; items: typeof exposures }>();
  for (const e of exposures) {
    const name = e.recipientId ? names.get(e.recipientId) : undefined;
    const key = name ? `r:${e.recipientId}` : `h:${e.host}`;
    const g = groups.get(key) ?? { name: name ?? e.host, items: [] };
    g.items.push(e);
    groups.set(key, g);
  }
  // After an add without JavaScript, the form says who answers for the address just saved.
  const added = exposures.find((e) => e.id === url.searchParams.get("added"));
  const addedMatch = added
    ? matchExposure(scope.workspaceId, added.url, { residence: null, photos: false })
    : null;
  const sorted = [...groups.values()]
    .map((g) => ({
      ...g,
      items: g.items.sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
    }))
    .sort(
      (a, b) =>
        severityRank(b.items[0]!.severity) - severityRank(a.items[0]!.severity) ||
        a.name.localeCompare(b.name),
    );
  const { t, locale } = await getTranslator(request);
  const allLetters = url.searchParams.get("letters") === "all";
  const shownLetters = listLetters(scope, caseId, allLetters ? {} : { limit: LETTERS_SHOWN });
  const checkedGone = requestsCheckedGone(
    scope.workspaceId,
    shownLetters.map((l) => l.id),
  );
  return {
    kase: { id: kase.id, title: kase.title, status: kase.status, subjectId: kase.subjectId },
    subjectName: subject?.name ?? "",
    added:
      added && addedMatch
        ? { url: added.url, domain: addedMatch.domain, recipient: addedMatch.recipient }
        : null,
    groups: sorted.map((g) => ({
      name: g.name,
      items: g.items.map((e) => ({
        id: e.id,
        url: e.url,
        exposed: e.exposed,
        callsForHarm: e.callsForHarm,
        severity: e.severity,
        status: e.status,
        foundOn: e.foundOn,
      })),
    })),
    counts: {
      total: exposures.length,
      up: exposures.filter((e) => e.status === "active" || e.status === "reappeared").length,
      removed: exposures.filter((e) => e.status === "removed").length,
      said: exposures.filter((e) => e.status === "said_removed").length,
    },
    canWrite: can(scope, "case:write"),
    letters: shownLetters.map((l) => ({
      ...l,
      createdAt: undefined,
      sentAt: l.sentAt?.toISOString() ?? null,
      // The letter's own words while it is being sent; afterwards the request's ("they say it is done"…).
      stateLabel:
        l.status in LETTER_STATUS_KEYS
          ? t(LETTER_STATUS_KEYS[l.status as keyof typeof LETTER_STATUS_KEYS])
          : sentence(t(requestStateKey(l.status, checkedGone.has(l.id))), locale),
      selectable: canTake(l.status, "abandon") || canTake(l.status, "close"),
    })),
    lettersTotal: countLetters(scope, caseId),
    allLetters,
    today: new Date().toISOString().slice(0, 10),
    progress: exposures.length > 0 ? progressFor(scope, { caseId }) : null,
    calendarFeed: calendarFeedState(scope, caseId),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId } = parseParams(params, CaseParamsSchema);
  getCase(scope, caseId); // 404 unless the case is in this workspace
  const form = await request.formData();
  const translator = await getTranslator(request);
  const intent = CaseIntentSchema.safeParse({ intent: form.get("intent") });
  // Every failure names its form and the match (none but a duplicate has one), so the page's type keeps them.
  if (!intent.success)
    return formFailure(translator.t("errors.unknownAction"), {
      extra: { match: null, intent: "add-exposure" },
    });
  if (intent.data.intent === "bulk-requests") {
    requirePermission(scope, "case:write"); // viewers: 403 before their form is read
    const failed = { match: null, intent: "bulk-requests" } as const;
    const parsed = parseForm(form, BulkRequestsSchema, ["letterIds"]);
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra: failed });
    try {
      const bulk = bulkMoveRequests(scope, caseId, parsed.data.letterIds, parsed.data.action);
      return { intent: "bulk-requests" as const, bulk };
    } catch (e) {
      if (e instanceof UserError) return formFailure(e, { extra: failed, translator });
      throw e;
    }
  }
  if (intent.data.intent === "close" || intent.data.intent === "reopen") {
    setCaseStatus(scope, caseId, intent.data.intent === "close" ? "closed" : "open");
    return redirect(`/cases/${caseId}`);
  }
  const parsed = parseForm(form, ExposureFieldsSchema, ["exposed"]);
  if (!parsed.ok)
    return formFailure(translateFailure(translator, parsed), {
      extra: { match: null, intent: "add-exposure" },
    });
  try {
    const id = createExposure(scope, caseId, parsed.data);
    return redirect(`/cases/${caseId}?added=${id}#add`);
  } catch (e) {
    if (e instanceof DuplicateExposureError) {
      const match = matchExposure(scope.workspaceId, parsed.data.url.url, { residence: null, photos: false });
      // The address as typed goes back into the form, with who is responsible for it.
      return formFailure(e, {
        values: formValues(form, ["exposed"]),
        extra: {
          match: match ? { domain: match.domain, recipient: match.recipient } : null,
          intent: "add-exposure",
        },
      });
    }
    throw e;
  }
}

/** A label as the start of a line ("they say it is done" → "They say it is done"). */
function sentence(label: string, locale: string) {
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}

export default function CasePage() {
  const {
    kase,
    subjectName,
    groups,
    counts,
    canWrite,
    today,
    added,
    letters,
    lettersTotal,
    allLetters,
    progress,
    calendarFeed,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // The add form's answer (the request list's form answers with its own intent).
  const bulkData = data?.intent === "bulk-requests" ? data : undefined;
  const addData = data && !("bulk" in data) && data.intent !== "bulk-requests" ? data : undefined;
  const nav = useNavigation();
  const adding = nav.state === "submitting" && nav.formData?.get("intent") === "add-exposure";
  const v = addData?.values ?? {};
  const { t, rich, locale } = useT();
  return (
    <div className="stack">
      <div className="spread">
        <div>
          <p className="muted">
            {rich("cases.page.about", {
              name: subjectName,
              link: (chunks) => (
                <Link key="subject" to={`/subjects/${kase.subjectId}`}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <h1>{kase.title}</h1>
        </div>
        <span className={`badge badge-${kase.status}`}>
          {t(kase.status === "open" ? "dashboard.case.open" : "dashboard.case.closed")}
        </span>
      </div>
      <p>
        {counts.said
          ? t("cases.page.countsSaid", {
              total: counts.total,
              up: counts.up,
              said: counts.said,
              removed: counts.removed,
            })
          : t("cases.page.counts", { total: counts.total, up: counts.up, removed: counts.removed })}
      </p>
      {progress ? <ProgressChart data={progress} title={t("cases.page.progressTitle")} /> : null}

      <CaseLetters
        caseId={kase.id}
        letters={letters}
        total={lettersTotal}
        collapsible={allLetters && lettersTotal > LETTERS_SHOWN}
        canWrite={canWrite}
        bulk={{
          result: bulkData && "bulk" in bulkData ? bulkData.bulk : null,
          errors:
            bulkData && !("bulk" in bulkData)
              ? [...bulkData.formErrors, ...Object.values(bulkData.fieldErrors).flatMap((m) => m ?? [])]
              : undefined,
          busy: nav.state === "submitting" && nav.formData?.get("intent") === "bulk-requests",
        }}
      />
      <p>
        <Link to={`/cases/${kase.id}/timeline`}>{t("cases.page.timelineLink")}</Link>
      </p>

      <section aria-labelledby="exposures" className="stack">
        <div className="spread">
          <h2 id="exposures">{t("cases.page.exposuresTitle")}</h2>
          {canWrite ? (
            <Link to={`/cases/${kase.id}/exposures/bulk`} className="button button-secondary">
              {t("cases.page.addMany")}
            </Link>
          ) : null}
        </div>
        {groups.length === 0 ? (
          <div className="empty">
            <p>{t("cases.page.empty")}</p>
          </div>
        ) : (
          groups.map((g) => (
            <section key={g.name} className="card" aria-label={g.name}>
              <h3>
                {g.name}{" "}
                <span className="muted">{t("cases.page.groupCount", { count: g.items.length })}</span>
              </h3>
              <ul className="list">
                {g.items.map((e) => (
                  <li key={e.id}>
                    <Link to={`/cases/${kase.id}/exposures/${e.id}`} className="mono">
                      {e.url}
                    </Link>
                    <div className="meta-row">
                      <span className={`badge badge-${e.status}`}>{t(STATUS_LABELS[e.status])}</span>
                      <span className={`badge badge-${e.severity}`}>
                        {t("cases.page.severity", { severity: t(SEVERITY_LABELS[e.severity]) })}
                      </span>
                      {e.callsForHarm ? (
                        <span className="badge badge-critical">{t("exposure.callsForHarm")}</span>
                      ) : null}
                      <span>
                        {e.exposed.length
                          ? e.exposed.map((k) => t(EXPOSED_LABELS[k])).join(", ")
                          : t("exposure.nothingMarked")}
                      </span>
                      <span>{t("cases.page.found", { on: formatDay(locale, e.foundOn, "long") })}</span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </section>

      {canWrite ? (
        <section aria-labelledby="add" className="card medium">
          <h2 id="add">{t("cases.page.addTitle")}</h2>
          {added && !addData ? (
            <div className="notice notice-ok" role="status">
              <p>
                {rich("cases.page.saved", {
                  url: added.url,
                  mono: (chunks) => (
                    <span key="url" className="mono">
                      {chunks}
                    </span>
                  ),
                })}
              </p>
              <RecipientSummary match={added} heading={t("exposure.recipient.responsibleForIt")} />
            </div>
          ) : null}
          <Form method="post" noValidate key={added?.url ?? "new"}>
            <FormErrors errors={addData?.formErrors} />
            <input type="hidden" name="intent" value="add-exposure" />
            <ExposureFieldset
              today={today}
              errors={addData?.fieldErrors}
              match={addData?.match}
              defaults={{
                url: textValue(v, "url"),
                exposed: Array.isArray(v.exposed) ? v.exposed : undefined,
                notes: textValue(v, "notes"),
              }}
            />
            <button type="submit" className="button" disabled={adding}>
              {t(adding ? "common.saving" : "cases.page.savePlace")}
            </button>
          </Form>
        </section>
      ) : null}

      <CalendarFeedSection feed={calendarFeed} caseId={kase.id} />

      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value={kase.status === "open" ? "close" : "reopen"} />
          <button type="submit" className="button button-secondary">
            {t(kase.status === "open" ? "cases.page.close" : "cases.page.reopen")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

// Titles stay generic: browser history keeps them, and it may be seen by someone else.
export const meta: MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches).t("cases.page.metaTitle") },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
