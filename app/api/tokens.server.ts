// Personal access tokens for the API: a random token shown once, only its SHA-256 stored; each belongs to a
// member of one workspace, reads or writes, can be revoked, and records when it was last used.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, ne, or } from "drizzle-orm";
import { accessTokens, memberships } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { newId } from "~/utils/ids.server";
import { listMembers } from "~/workspaces/members.server";
import { can, type Role, requirePermission, type Scope } from "~/workspaces/scope.server";

const PREFIX = "rtr_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export type TokenAccess = "read" | "write";
export type ApiScope = Scope & { access: TokenAccess; tokenId: string };

export function createAccessToken(input: {
  userId: string;
  workspaceId: string;
  name: string;
  access: TokenAccess;
  /** Null or left out: valid until revoked. */
  expiresAt?: Date | null;
}) {
  const member = getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.workspaceId, input.workspaceId)))
    .get();
  if (!member) throw new Error("This account is not a member of that workspace.");
  const id = newId();
  const token = PREFIX + randomBytes(32).toString("base64url");
  getDb()
    .insert(accessTokens)
    .values({
      id,
      ...input,
      name: input.name.slice(0, 100),
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ?? null,
    })
    .run();
  audit({
    action: "token.create",
    actorUserId: input.userId,
    workspaceId: input.workspaceId,
    targetType: "token",
    targetId: id,
    detail: { access: input.access, expires: Boolean(input.expiresAt) },
  });
  return { id, token };
}

/** The token kinds a member may make: read and write where their role writes, read only for viewers. */
export function allowedAccess(scope: Pick<Scope, "role">): TokenAccess[] {
  return can(scope, "case:write") ? ["read", "write"] : ["read"];
}

export type AccessTokenInfo = {
  id: string;
  name: string;
  access: TokenAccess;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

/** What a token page shows of a token (never the token itself: only its hash is kept). */
const TOKEN_INFO = {
  id: accessTokens.id,
  name: accessTokens.name,
  access: accessTokens.access,
  createdAt: accessTokens.createdAt,
  lastUsedAt: accessTokens.lastUsedAt,
  expiresAt: accessTokens.expiresAt,
  revokedAt: accessTokens.revokedAt,
};

/** The member's own tokens in the scope's workspace, newest first (never the token itself: only its hash is kept). */
export function listAccessTokens(scope: Scope): AccessTokenInfo[] {
  return getDb()
    .select(TOKEN_INFO)
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, scope.userId), eq(accessTokens.workspaceId, scope.workspaceId)))
    .orderBy(desc(accessTokens.createdAt), accessTokens.id)
    .all();
}

/** Whether this member may revoke another member's tokens: as with roles and removal (members.server.ts). */
function mayRevokeTokensOf(scope: Scope, role: Role) {
  return can(scope, "members:manage") && (role !== "owner" || can(scope, "owners:manage"));
}

export type MemberTokenInfo = AccessTokenInfo & { userId: string; memberName: string; memberEmail: string };

/**
 * The active tokens of the workspace's other members that this member may revoke, newest first: for owners
 * all of them, for admins those of members who are not owners (as with roles and removal, members.server.ts).
 * A token that leaked, or a member's script that should stop, can be revoked without that member.
 */
export function listMemberTokens(scope: Scope, now = new Date()): MemberTokenInfo[] {
  requirePermission(scope, "members:manage");
  const members = new Map(
    listMembers(scope)
      .filter((m) => mayRevokeTokensOf(scope, m.role))
      .map((m) => [m.userId, m]),
  );
  return getDb()
    .select({ ...TOKEN_INFO, userId: accessTokens.userId })
    .from(accessTokens)
    .where(
      and(
        eq(accessTokens.workspaceId, scope.workspaceId),
        ne(accessTokens.userId, scope.userId),
        isNull(accessTokens.revokedAt),
        or(isNull(accessTokens.expiresAt), gt(accessTokens.expiresAt, now)),
      ),
    )
    .orderBy(desc(accessTokens.createdAt), accessTokens.id)
    .all()
    .flatMap((t) => {
      // A token outlives no membership: one of a former member does not work, and is not listed.
      const m = members.get(t.userId);
      return m ? [{ ...t, memberName: m.name, memberEmail: m.email }] : [];
    });
}

/**
 * Revokes a token of this workspace: one of the member's own, or one listMemberTokens offers (owners: any
 * member's; admins: a member's who is not an owner). True when it was active (false: unknown, another
 * workspace's, another member's without the right, or revoked already).
 */
export function revokeAccessToken(scope: Scope, id: string): boolean {
  const db = getDb();
  const token = db
    .select({ userId: accessTokens.userId, role: memberships.role })
    .from(accessTokens)
    // A token whose member has left has no role here: it works for no one, and only its maker's list shows it.
    .leftJoin(
      memberships,
      and(eq(memberships.userId, accessTokens.userId), eq(memberships.workspaceId, accessTokens.workspaceId)),
    )
    .where(
      and(
        eq(accessTokens.id, id),
        eq(accessTokens.workspaceId, scope.workspaceId),
        isNull(accessTokens.revokedAt),
      ),
    )
    .get();
  if (!token) return false;
  const own = token.userId === scope.userId;
  if (!own && !(token.role && mayRevokeTokensOf(scope, token.role))) return false;
  const res = db
    .update(accessTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(accessTokens.id, id), isNull(accessTokens.revokedAt)))
    .run();
  if (res.changes === 1)
    audit({
      action: "token.revoke",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "token",
      targetId: id,
      ...(own ? {} : { detail: { member: token.userId } }),
    });
  return res.changes === 1;
}

/** The scope an `Authorization: Bearer` token grants, with the member's current role; null when invalid. */
export function authenticateBearer(request: Request): ApiScope | null {
  const header = request.headers.get("Authorization") ?? "";
  const m = /^Bearer\s+(rtr_[\w-]{20,100})\s*$/i.exec(header);
  if (!m) return null;
  const db = getDb();
  const row = db
    .select({
      id: accessTokens.id,
      userId: accessTokens.userId,
      workspaceId: accessTokens.workspaceId,
      access: accessTokens.access,
      lastUsedAt: accessTokens.lastUsedAt,
      role: memberships.role,
    })
    .from(accessTokens)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, accessTokens.userId), eq(memberships.workspaceId, accessTokens.workspaceId)),
    )
    .where(
      and(
        eq(accessTokens.tokenHash, hashToken(m[1]!)),
        isNull(accessTokens.revokedAt),
        or(isNull(accessTokens.expiresAt), gt(accessTokens.expiresAt, new Date())),
      ),
    )
    .get();
  if (!row) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000)
    db.update(accessTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(accessTokens.id, row.id))
      .run();
  // A read token acts as a viewer would, whatever the member's role.
  const role = row.access === "read" && can({ role: row.role }, "case:read_all") ? "viewer" : row.role;
  return { userId: row.userId, workspaceId: row.workspaceId, role, access: row.access, tokenId: row.id };
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** The API's scope, or a thrown 401 JSON answer. */
export function requireApiScope(request: Request, need: TokenAccess = "read"): ApiScope {
  const scope = authenticateBearer(request);
  if (!scope)
    throw json({ error: "Send a valid access token as: Authorization: Bearer TOKEN." }, 401, {
      "WWW-Authenticate": 'Bearer realm="retract"',
    });
  if (need === "write" && scope.access !== "write")
    throw json({ error: "This token may only read; make a read and write token to change data." }, 403);
  if (need === "write" && !can(scope, "case:write"))
    throw json({ error: `Your role in this workspace (${scope.role}) may only read.` }, 403);
  return scope;
}

/** Runs an API handler, turning thrown text Responses (404 from notFound, 403) into JSON answers. */
export async function apiAnswer(fn: () => Response | Promise<Response>) {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) {
      if ((e.headers.get("Content-Type") ?? "").includes("json")) return e;
      return json({ error: (await e.text()) || "Request failed." }, e.status);
    }
    throw e;
  }
}

export { json as apiJson };
