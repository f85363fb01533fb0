// Calendar feeds: a secret link a calendar app subscribes to (RFC 5545), one per member for all the cases they
// can see in a workspace, or for one case. Like API tokens (app/api/tokens.server.ts) the token is random, shown
// once, and only its SHA-256 is kept. The feed holds letter references, dates and plain words, never a
// person's name, address, email, a place's URL or a recipient's name: calendars sync to other companies'
// servers (decision 116).
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { calendarFeeds, cases, memberships } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { formatDayMonth } from "~/deadlines/dates";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, type Scope } from "~/workspaces/scope.server";

const PREFIX = "rcal_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
/** The shape of a feed token: the prefix and 43 base64url characters (32 random bytes). */
const TOKEN_SHAPE = /^rcal_[\w-]{43}$/;

/** The case must be one the member can see (404 otherwise, as everywhere); nothing is decrypted. */
function requireVisibleCase(scope: Scope, caseId: string) {
  const row = getDb()
    .select({ id: cases.id })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.id, caseId)))
    .get();
  if (!row) notFound("This case");
}

const sameOwner = (scope: Scope, caseId: string | null) =>
  and(
    eq(calendarFeeds.workspaceId, scope.workspaceId),
    eq(calendarFeeds.userId, scope.userId),
    caseId === null ? isNull(calendarFeeds.caseId) : eq(calendarFeeds.caseId, caseId),
    isNull(calendarFeeds.revokedAt),
  );

export type CalendarFeedInfo = { createdAt: Date; lastUsedAt: Date | null } | null;

/** The member's active feed for the workspace (caseId null) or one case, without its token; null when none. */
export function calendarFeedInfo(scope: Scope, caseId: string | null): CalendarFeedInfo {
  if (caseId !== null) requireVisibleCase(scope, caseId);
  const row = getDb()
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(sameOwner(scope, caseId))
    .get();
  return row ?? null;
}

/**
 * Makes the member's feed for the workspace (caseId null) or one case they can see, and returns its token (the
 * only time it exists outside the calendar app). An earlier feed of the same member for the same workspace and
 * case stops working: making a new link is how a leaked one is replaced.
 */
export function createCalendarFeed(scope: Scope, caseId: string | null, now = new Date()) {
  if (caseId !== null) requireVisibleCase(scope, caseId);
  const id = newId();
  const token = PREFIX + randomBytes(32).toString("base64url");
  const db = getDb();
  db.transaction((tx) => {
    tx.update(calendarFeeds).set({ revokedAt: now }).where(sameOwner(scope, caseId)).run();
    tx.insert(calendarFeeds)
      .values({
        id,
        userId: scope.userId,
        workspaceId: scope.workspaceId,
        caseId,
        tokenHash: hashToken(token),
        createdAt: now,
      })
      .run();
  });
  audit({
    action: "calendar_feed.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: caseId ? "case" : "workspace",
    targetId: caseId ?? scope.workspaceId,
  });
  return { id, token };
}

/** Turns off the member's feed for the workspace or the case; true when there was one. */
export function revokeCalendarFeed(scope: Scope, caseId: string | null, now = new Date()): boolean {
  if (caseId !== null) requireVisibleCase(scope, caseId);
  const res = getDb().update(calendarFeeds).set({ revokedAt: now }).where(sameOwner(scope, caseId)).run();
  if (res.changes > 0)
    audit({
      action: "calendar_feed.revoke",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: caseId ? "case" : "workspace",
      targetId: caseId ?? scope.workspaceId,
    });
  return res.changes > 0;
}

/**
 * The scope and case a feed token stands for, with the member's current role (a member who left, or a revoked
 * or unknown token: null). The feed shows what the member could see now, never more.
 */
export function feedForToken(
  token: string,
  now = new Date(),
): { scope: Scope; caseId: string | null } | null {
  if (!TOKEN_SHAPE.test(token)) return null;
  const db = getDb();
  const row = db
    .select({
      id: calendarFeeds.id,
      userId: calendarFeeds.userId,
      workspaceId: calendarFeeds.workspaceId,
      caseId: calendarFeeds.caseId,
      lastUsedAt: calendarFeeds.lastUsedAt,
      role: memberships.role,
    })
    .from(calendarFeeds)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, calendarFeeds.userId),
        eq(memberships.workspaceId, calendarFeeds.workspaceId),
      ),
    )
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!row) return null;
  const scope: Scope = { userId: row.userId, workspaceId: row.workspaceId, role: row.role };
  if (row.caseId !== null) {
    const visible = db
      .select({ id: cases.id })
      .from(cases)
      .where(inScope(cases, scope, eq(cases.id, row.caseId)))
      .get();
    if (!visible) return null;
  }
  // Calendar apps poll often: the last use is written at most once an hour.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 3_600_000)
    db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.id, row.id)).run();
  return { scope, caseId: row.caseId };
}

const dayInWords = (d: Date) => {
  const iso = d.toISOString().slice(0, 10);
  return `${formatDayMonth(iso)} ${Number(iso.slice(0, 4))}`;
};

/** What the Calendar section shows of the member's feed: the days it was made and last read, in words. */
export function calendarFeedState(scope: Scope, caseId: string | null) {
  const info = calendarFeedInfo(scope, caseId);
  return info
    ? {
        createdOn: dayInWords(info.createdAt),
        lastUsedOn: info.lastUsedAt ? dayInWords(info.lastUsedAt) : null,
      }
    : null;
}
