// The "Calendar" section of the case page and the account page: whether a calendar link is on, and forms (plain
// POSTs to /calendar-feeds, working without JavaScript) to make a new one or turn it off.
import { Form, useNavigation } from "@remix-run/react";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";

export type FeedState = { createdOn: string; lastUsedOn: string | null } | null;

export function CalendarFeedSection({ feed, caseId }: { feed: FeedState; caseId?: string }) {
  const nav = useNavigation();
  const { t, locale } = useT();
  // The case's forms post to the page with the case in its address, so the page after them shows that case.
  const action = caseId ? `/calendar-feeds?case=${encodeURIComponent(caseId)}` : "/calendar-feeds";
  const busy = nav.state === "submitting" && nav.formAction?.startsWith("/calendar-feeds") === true;
  const headingId = caseId ? "calendar-case" : "calendar-all";
  return (
    <section aria-labelledby={headingId} className="card stack">
      <h2 id={headingId}>{t("calendar.title")}</h2>
      <p>{t(caseId ? "calendar.introCase" : "calendar.introAll")}</p>
      {feed ? (
        <p>
          {feed.lastUsedOn
            ? t("calendar.onUsed", {
                made: formatDay(locale, feed.createdOn, "long"),
                used: formatDay(locale, feed.lastUsedOn, "long"),
              })
            : t("calendar.onUnused", { made: formatDay(locale, feed.createdOn, "long") })}
        </p>
      ) : (
        <p>{t("calendar.none")}</p>
      )}
      <div className="row">
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="create" />
          {caseId ? <input type="hidden" name="caseId" value={caseId} /> : null}
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t(feed ? "calendar.renew" : "calendar.create")}
          </button>
        </Form>
        {feed ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="revoke" />
            {caseId ? <input type="hidden" name="caseId" value={caseId} /> : null}
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("calendar.revoke")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
