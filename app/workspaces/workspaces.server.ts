// Workspaces a user belongs to: creating an organisation, listing memberships, switching the session's
// current workspace (only into one the user is a member of), and organisation settings.
import { and, asc, eq, sql } from "drizzle-orm";
import { memberships, sessions, workspaces } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb, prepared } from "~/db.server";
import { newId } from "~/utils/ids.server";
import { notFound, type Role, requirePermission, type Scope } from "./scope.server";

export type WorkspaceSummary = { id: string; name: string; kind: "personal" | "organisation"; role: Role };

/** Lower-case letters, digits and dashes from the name; made unique with a number when taken. */
export function slugify(name: string) {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "organisation";
}

export function createOrganisation(userId: string, name: string) {
  const db = getDb();
  const id = newId();
  const base = slugify(name);
  let slug = base;
  db.transaction((tx) => {
    for (
      let n = 2;
      tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug)).get();
      n++
    )
      slug = `${base}-${n}`;
    tx.insert(workspaces).values({ id, kind: "organisation", name: name.trim(), slug }).run();
    tx.insert(memberships).values({ workspaceId: id, userId, role: "owner" }).run();
  });
  audit({
    action: "workspace.create",
    actorUserId: userId,
    workspaceId: id,
    targetType: "workspace",
    targetId: id,
  });
  return { id, slug };
}

export function listMyWorkspaces(userId: string): WorkspaceSummary[] {
  // Every signed-in page's switcher: built once (decision 050).
  return prepared("workspaces.mine", (db) =>
    db
      .select({ id: workspaces.id, name: workspaces.name, kind: workspaces.kind, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, sql.placeholder("userId")))
      .orderBy(asc(memberships.createdAt))
      .prepare(),
  ).all({ userId });
}

export function getWorkspace(workspaceId: string) {
  return getDb()
    .select({
      id: workspaces.id,
      name: workspaces.name,
      kind: workspaces.kind,
      slug: workspaces.slug,
      requireTwoFactor: workspaces.requireTwoFactor,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .get();
}

export function membershipRole(userId: string, workspaceId: string): Role | null {
  return (
    getDb()
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
      .get()?.role ?? null
  );
}

/** Moves the session into another workspace of the same user; 404 when the user is not a member. */
export function switchWorkspace(session: { userId: string; sessionIdHash: string }, workspaceId: string) {
  if (!membershipRole(session.userId, workspaceId)) notFound("This workspace");
  getDb()
    .update(sessions)
    .set({ workspaceId })
    .where(and(eq(sessions.idHash, session.sessionIdHash), eq(sessions.userId, session.userId)))
    .run();
  audit({
    action: "workspace.switch",
    actorUserId: session.userId,
    workspaceId,
    targetType: "workspace",
    targetId: workspaceId,
  });
}

export function setRequireTwoFactor(scope: Scope, required: boolean) {
  requirePermission(scope, "workspace:manage");
  const ws = getWorkspace(scope.workspaceId);
  if (ws?.kind !== "organisation") notFound("This organisation");
  getDb()
    .update(workspaces)
    .set({ requireTwoFactor: required })
    .where(eq(workspaces.id, scope.workspaceId))
    .run();
  audit({
    action: "workspace.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace",
    targetId: scope.workspaceId,
    detail: { requireTwoFactor: required },
  });
}
