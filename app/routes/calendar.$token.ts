// GET /calendar/:token: a calendar feed (RFC 5545) for a calendar app to subscribe to. The secret token in the
// path is the authorization: no session, no cookies. Unknown, revoked or left-member tokens answer 404; limited
// per client address like the other token endpoints.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveCalendarFeed } from "~/calendar/serve.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  return serveCalendarFeed(params.token ?? "", context.clientIp ?? "unknown");
}
