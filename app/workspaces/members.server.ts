// Members of an organisation: listing, changing roles, removing (never the last owner), and assigning
// subjects (clients) to members.
import { and, eq, sql } from "drizzle-orm";
import { memberships, sessions, subjects, users } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { englishOf, type Said } from "~/requests/said";
import { UserError } from "~/utils/forms.server";
import { can, inScope, notFound, type Role, requirePermission, type Scope } from "./scope.server";

/** A change of members the rules forbid (the last owner, a viewer given clients): the page shows why, 400. */
export class MemberError extends UserError {
  /** Its words as a message key: `message` is the English (the API's and the logs'), `said` for the pages. */
  readonly said: Said;
  constructor(said: Said, options: { field?: string } = {}) {
    super(englishOf(said), options);
    this.name = "MemberError";
    this.said = said;
  }
}

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export function listMembers(scope: Scope): Member[] {
  return getDb()
    .select({
      userId: users.id,
      nameEnc: users.nameEnc,
      emailEnc: users.emailEnc,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, scope.workspaceId))
    .orderBy(memberships.createdAt)
    .all()
    .map((r) => ({
      userId: r.userId,
      name: r.nameEnc.open(r.userId),
      email: r.emailEnc.open(r.userId),
      role: r.role,
      joinedAt: r.joinedAt,
    }));
}

function roleOf(workspaceId: string, userId: string): Role {
  const row = getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .get();
  if (!row) notFound("This member");
  return row.role;
}

function ownerCount(workspaceId: string) {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
      .get()?.n ?? 0
  );
}

export function changeRole(scope: Scope, userId: string, role: Role) {
  requirePermission(scope, "members:manage");
  const current = roleOf(scope.workspaceId, userId);
  if (current === role) return;
  if ((current === "owner" || role === "owner") && !can(scope, "owners:manage"))
    throw new MemberError({ key: "errors.members.onlyOwnerMakesOwner" });
  if (current === "owner" && ownerCount(scope.workspaceId) <= 1)
    throw new MemberError({ key: "errors.members.lastOwner" });
  getDb()
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.userId, userId)))
    .run();
  audit({
    action: "member.role_change",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "user",
    targetId: userId,
    detail: { from: current, to: role },
  });
}

export function removeMember(scope: Scope, userId: string) {
  requirePermission(scope, "members:manage");
  const current = roleOf(scope.workspaceId, userId);
  if (current === "owner" && !can(scope, "owners:manage"))
    throw new MemberError({ key: "errors.members.onlyOwnerRemovesOwner" });
  if (current === "owner" && ownerCount(scope.workspaceId) <= 1)
    throw new MemberError({ key: "errors.members.lastOwner" });
  const db = getDb();
  db.transaction((tx) => {
    tx.delete(memberships)
      .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.userId, userId)))
      .run();
    // Their clients go back to the admins; their sessions in this workspace end.
    tx.update(subjects)
      .set({ assignedTo: null })
      .where(and(eq(subjects.workspaceId, scope.workspaceId), eq(subjects.assignedTo, userId)))
      .run();
    tx.delete(sessions)
      .where(and(eq(sessions.workspaceId, scope.workspaceId), eq(sessions.userId, userId)))
      .run();
  });
  audit({
    action: "member.remove",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "user",
    targetId: userId,
    detail: { role: current },
  });
}

/** Who a subject is assigned to (null = nobody); 404 outside the scope. */
export function getAssignee(scope: Scope, subjectId: string) {
  const row = getDb()
    .select({ assignedTo: subjects.assignedTo })
    .from(subjects)
    .where(inScope(subjects, scope, eq(subjects.id, subjectId)))
    .get();
  if (!row) notFound("This person");
  return row.assignedTo;
}

/** Members who can be given clients: everyone who may change case data. */
export function assignableMembers(scope: Scope) {
  return listMembers(scope)
    .filter((m) => can({ role: m.role }, "case:write"))
    .map((m) => ({ userId: m.userId, name: m.name, role: m.role }));
}

export function assignSubject(scope: Scope, subjectId: string, assignee: string | null) {
  requirePermission(scope, "subject:assign");
  if (assignee) {
    const role = roleOf(scope.workspaceId, assignee);
    if (!can({ role }, "case:write"))
      throw new MemberError({ key: "errors.members.viewerNoClients" }, { field: "assignee" });
  }
  const res = getDb()
    .update(subjects)
    .set({ assignedTo: assignee })
    .where(inScope(subjects, scope, eq(subjects.id, subjectId)))
    .run();
  if (res.changes !== 1) notFound("This person");
  audit({
    action: "subject.assign",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
    detail: assignee ? { assignee } : { assignee: "none" },
  });
}
