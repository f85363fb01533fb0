// The last step of logging in (after the password, and the code when two-factor is on): a new session in
// the user's first workspace.
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { memberships } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { createSession } from "./session.server";

export async function completeLogin(
  request: Request,
  userId: string,
  redirectTo: string,
  extraHeaders: [string, string][] = [],
) {
  const membership = getDb()
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt)
    .get();
  if (!membership) throw new Response("This account has no workspace.", { status: 403 });
  audit({
    action: "user.login",
    actorUserId: userId,
    workspaceId: membership.workspaceId,
    targetType: "user",
    targetId: userId,
  });
  const cookie = await createSession({
    userId,
    workspaceId: membership.workspaceId,
    userAgent: request.headers.get("user-agent"),
  });
  const headers = new Headers(extraHeaders);
  headers.append("Set-Cookie", cookie);
  return redirect(redirectTo, { headers });
}
