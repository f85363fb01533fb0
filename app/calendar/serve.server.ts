// Answers a calendar app's request for a feed: rate limit, token, events, RFC 5545 text.
import { createIpLimiter } from "~/auth/rate-limit.server";
import { calendarEvents, renderCalendar } from "./events.server";
import { feedForToken } from "./feeds.server";

/** Calendar apps poll every few minutes to hours; this is a brake for someone guessing tokens. */
export const allowFeedRequest = createIpLimiter("calendar-feed", 60, 60);

const NO_STORE = { "Cache-Control": "private, no-store" } as const;

export async function serveCalendarFeed(token: string, clientIp: string, now = new Date()) {
  const limit = await allowFeedRequest(clientIp);
  if (!limit.ok)
    return new Response("Too many requests from this address. Please wait a moment.", {
      status: 429,
      headers: {
        ...NO_STORE,
        "Content-Type": "text/plain; charset=utf-8",
        "Retry-After": String(limit.retryAfter),
      },
    });
  const feed = feedForToken(token, now);
  if (!feed)
    return new Response("This calendar link does not exist or was turned off.", {
      status: 404,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  const body = renderCalendar(calendarEvents(feed.scope, feed.caseId, now), {
    forCase: feed.caseId !== null,
    now,
  });
  return new Response(body, {
    status: 200,
    headers: {
      ...NO_STORE,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="retract.ics"',
      "X-Robots-Tag": "noindex",
    },
  });
}
