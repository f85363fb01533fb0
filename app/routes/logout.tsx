import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { audit } from "~/audit/audit.server";
import { destroySession, getCurrentSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getCurrentSession(request);
  if (session)
    audit({ action: "user.logout", actorUserId: session.userId, workspaceId: session.workspaceId });
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}
