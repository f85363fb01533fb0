// Quick exit: sign out and go to a neutral site. Used by the button's form (no JavaScript) and its beacon.
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { destroySession, getCurrentSession } from "~/auth/session.server";
import { getEnv } from "~/env.server";

export async function loader() {
  return redirect(getEnv().RETRACT_QUICK_EXIT_URL);
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getCurrentSession(request);
  if (session)
    audit({ action: "user.quick_exit", actorUserId: session.userId, workspaceId: session.workspaceId });
  return redirect(getEnv().RETRACT_QUICK_EXIT_URL, {
    status: 303,
    headers: { "Set-Cookie": await destroySession(request), "Clear-Site-Data": '"cache"' },
  });
}
