// Calendar links: the page the Calendar sections of the case page and the account page post to. Making a link
// shows it here once (only its fingerprint is kept); turning it off makes calendar apps get "not found".
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { CalendarFeedSection } from "~/calendar/calendar-feed-section";
import { calendarFeedState, createCalendarFeed, revokeCalendarFeed } from "~/calendar/feeds.server";
import { CalendarFeedFormSchema, CalendarFeedQuerySchema } from "~/calendar/forms.server";
import { getEnv } from "~/env.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors } from "~/ui/forms";
import { formFailure, parseForm, parseParams } from "~/utils/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const query = parseParams(Object.fromEntries(new URL(request.url).searchParams), CalendarFeedQuerySchema);
  const caseId = query.case ?? null;
  return { caseId, feed: calendarFeedState(scope, caseId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const parsed = parseForm(await request.formData(), CalendarFeedFormSchema);
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  const caseId = parsed.data.caseId ?? null;
  if (parsed.data.intent === "create") {
    const { token } = createCalendarFeed(scope, caseId);
    // The link is in this one answer only (never stored, never logged).
    return Response.json(
      { ok: true as const, created: `${getEnv().baseUrl}/calendar/${token}`, revoked: null, caseId },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  const revoked = revokeCalendarFeed(scope, caseId);
  return { ok: true as const, created: null, revoked, caseId };
}

type ActionData =
  | { ok: true; created: string | null; revoked: boolean | null; caseId: string | null }
  | { ok: false; formErrors: string[] };

export default function CalendarFeeds() {
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const caseId = data?.ok ? data.caseId : loaded.caseId;
  const { t } = useT();
  return (
    <div className="stack medium">
      <p>
        {caseId ? (
          <Link to={`/cases/${caseId}`}>{t("calendarFeeds.backToCase")}</Link>
        ) : (
          <Link to="/account">{t("calendarFeeds.backToAccount")}</Link>
        )}
      </p>
      <h1>{t("calendarFeeds.title")}</h1>
      {data && !data.ok ? <FormErrors errors={data.formErrors} /> : null}
      {data?.ok && data.created ? (
        <section className="card stack" aria-labelledby="link-heading">
          <h2 id="link-heading">{t("calendarFeeds.new.title")}</h2>
          <p className="notice notice-warn">{t("calendarFeeds.new.copyNow")}</p>
          <div className="field">
            <label htmlFor="calendar-link">{t("calendarFeeds.new.label")}</label>
            <p className="hint" id="calendar-link-hint">
              {t("calendarFeeds.new.hint")}
            </p>
            <input
              id="calendar-link"
              className="mono"
              readOnly
              value={data.created}
              aria-describedby="calendar-link-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          <p className="hint">{t("calendarFeeds.new.privacy")}</p>
        </section>
      ) : null}
      {data?.ok && data.revoked !== null ? (
        <p className="notice notice-ok" role="status">
          {data.revoked ? t("calendarFeeds.revoked") : t("calendarFeeds.nothingToRevoke")}
        </p>
      ) : null}
      <CalendarFeedSection feed={loaded.feed} caseId={caseId ?? undefined} />
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "calendarFeeds.title");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
