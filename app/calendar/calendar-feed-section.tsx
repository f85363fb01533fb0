// The "Calendar" section of the case page and the account page: whether a calendar link is on, and forms (plain
// POSTs to /calendar-feeds, working without JavaScript) to make a new one or turn it off.
import { Form, useNavigation } from "@remix-run/react";

export type FeedState = { createdOn: string; lastUsedOn: string | null } | null;

export function CalendarFeedSection({ feed, caseId }: { feed: FeedState; caseId?: string }) {
  const nav = useNavigation();
  // The case's forms post to the page with the case in its address, so the page after them shows that case.
  const action = caseId ? `/calendar-feeds?case=${encodeURIComponent(caseId)}` : "/calendar-feeds";
  const busy = nav.state === "submitting" && nav.formAction?.startsWith("/calendar-feeds") === true;
  const headingId = caseId ? "calendar-case" : "calendar-all";
  return (
    <section aria-labelledby={headingId} className="card stack">
      <h2 id={headingId}>Calendar</h2>
      <p>
        {caseId
          ? "Add this case's deadlines, follow-up dates and re-checks to your own calendar app with a private link."
          : "Add the deadlines, follow-up dates and re-checks of all the cases you can see to your own calendar app with a private link."}{" "}
        The calendar shows only letter references and dates: no names, addresses or web addresses.
      </p>
      {feed ? (
        <p>
          {feed.lastUsedOn
            ? `A calendar link is on. It was made on ${feed.createdOn} and last read by a calendar app on ${feed.lastUsedOn}.`
            : `A calendar link is on. It was made on ${feed.createdOn} and no calendar app has read it yet.`}
        </p>
      ) : (
        <p>There is no calendar link yet.</p>
      )}
      <div className="row">
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="create" />
          {caseId ? <input type="hidden" name="caseId" value={caseId} /> : null}
          <button type="submit" className="button button-secondary" disabled={busy}>
            {feed ? "Make a new calendar link (the old one stops working)" : "Make a calendar link"}
          </button>
        </Form>
        {feed ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="revoke" />
            {caseId ? <input type="hidden" name="caseId" value={caseId} /> : null}
            <button type="submit" className="button button-secondary" disabled={busy}>
              Turn off the calendar link
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
