// GET /api/v1/recipients/match?url=URL → { recipient: {…} | null, domain }; `&include=quality` adds each
// record's quality and check date. The URL is neither stored nor logged (the server logs paths only); 400
// when it is no web address. Signed-in members also see their workspace's own recipients and corrections.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentSession } from "~/auth/session.server";
import { allowDirectoryRequest, noStore, toApiRecipient, tooMany } from "~/recipients/api.server";
import { matchUrl } from "~/recipients/directory.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limit = await allowDirectoryRequest(context.clientIp ?? "unknown");
  if (!limit.ok) return tooMany(limit.retryAfter);
  const params = new URL(request.url).searchParams;
  const url = params.get("url") ?? "";
  const session = await getCurrentSession(request);
  const match = url.length <= 4096 ? matchUrl(session, url) : null;
  if (!match) {
    return Response.json(
      { error: "The url parameter must be a web address, e.g. https://t.me/channel/1." },
      { status: 400, headers: noStore },
    );
  }
  return Response.json(
    {
      recipient: toApiRecipient(match.recipient, params.get("include") === "quality"),
      domain: match.domain,
    },
    { headers: noStore },
  );
}
