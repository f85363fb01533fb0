// Calendar links: the page the Calendar sections of the case page and the account page post to. Making a link
// shows it here once (only its fingerprint is kept); turning it off makes calendar apps get "not found".
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { CalendarFeedSection } from "~/calendar/calendar-feed-section";
import { calendarFeedState, createCalendarFeed, revokeCalendarFeed } from "~/calendar/feeds.server";
import { CalendarFeedFormSchema, CalendarFeedQuerySchema } from "~/calendar/forms.server";
import { getEnv } from "~/env.server";
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
  if (!parsed.ok) return formFailure(parsed);
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
  return (
    <div className="stack medium">
      <p>
        {caseId ? (
          <Link to={`/cases/${caseId}`}>← Back to the case</Link>
        ) : (
          <Link to="/account">← Your account</Link>
        )}
      </p>
      <h1>Calendar link</h1>
      {data && !data.ok ? <FormErrors errors={data.formErrors} /> : null}
      {data?.ok && data.created ? (
        <section className="card stack" aria-labelledby="link-heading">
          <h2 id="link-heading">Your new calendar link</h2>
          <p className="notice notice-warn">
            Copy it now: it is shown only this once. Retract keeps only a fingerprint of it and cannot show it
            again. Anyone who has the link can see the dates and letter references in it, so keep it private.
          </p>
          <div className="field">
            <label htmlFor="calendar-link">Calendar link</label>
            <p className="hint" id="calendar-link-hint">
              In your calendar app, choose to add or subscribe to a calendar from a web address, and paste
              this link. Select it and copy it first (Ctrl+C or ⌘C).
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
          <p className="hint">
            Calendar apps keep what they read on their own servers. That is why the calendar holds no names,
            addresses, web addresses or recipients.
          </p>
        </section>
      ) : null}
      {data?.ok && data.revoked !== null ? (
        <p className="notice notice-ok" role="status">
          {data.revoked
            ? "The calendar link is turned off. Calendar apps that use it get nothing more."
            : "There was no calendar link to turn off."}
        </p>
      ) : null}
      <CalendarFeedSection feed={loaded.feed} caseId={caseId ?? undefined} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Calendar link · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
