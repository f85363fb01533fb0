// Quick exit: sign out and go to a neutral site. Used by the button's form (no JavaScript) and its beacon.
// The form (a navigation) gets a 303 to the neutral site; the beacon (navigator.sendBeacon, not a navigation)
// gets a 204: a beacon that followed the redirect would fetch the neutral site from this page, which the CSP
// (connect-src 'self') refuses, with an error in the console.
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { forgetReturnTo } from "~/auth/return-to.server";
import { destroySession, getCurrentSession } from "~/auth/session.server";
import { getEnv } from "~/env.server";

export async function loader() {
  return redirect(getEnv().RETRACT_QUICK_EXIT_URL);
}

/** A beacon: the quick-exit script's `?beacon=1`, or any request the browser says is not a navigation. */
function isBeacon(request: Request) {
  if (new URL(request.url).searchParams.has("beacon")) return true;
  const mode = request.headers.get("Sec-Fetch-Mode");
  return mode !== null && mode !== "navigate";
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getCurrentSession(request);
  if (session)
    audit({ action: "user.quick_exit", actorUserId: session.userId, workspaceId: session.workspaceId });
  const headers = new Headers({ "Clear-Site-Data": '"cache"' });
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", await forgetReturnTo());
  if (isBeacon(request)) return new Response(null, { status: 204, headers });
  return redirect(getEnv().RETRACT_QUICK_EXIT_URL, { status: 303, headers });
}
