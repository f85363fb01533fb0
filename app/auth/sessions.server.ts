// A member's own sessions: list them with a readable device name, log one or all others out, and change the
// password (which logs out every other device). Each action is audited without personal values.
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { englishOf, type Said } from "~/requests/said";
import { DecryptionError } from "~/security/crypto.server";
import { UserError } from "~/utils/forms.server";
import { describeDevice, deviceParts } from "./device";
import { verifyPassword } from "./password.server";
import type { CurrentSession } from "./session.server";
import { setPassword } from "./users.server";

export type SessionItem = {
  /** The stored hash of the session id (the cookie's value itself is never stored or shown). */
  id: string;
  /** In English; `browser` and `system` are its parts, for a page that writes it in its own language. */
  device: string;
  browser?: string;
  system?: string;
  createdAt: Date;
  lastUsedAt: Date;
  current: boolean;
};

export function listSessions(session: CurrentSession): SessionItem[] {
  const rows = getDb()
    .select({
      idHash: sessions.idHash,
      userAgentEnc: sessions.userAgentEnc,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, session.userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastUsedAt))
    .all();
  return rows
    .map((r) => {
      let ua: string | null = null;
      try {
        ua = r.userAgentEnc ? r.userAgentEnc.open(r.idHash) : null;
      } catch (e) {
        if (!(e instanceof DecryptionError)) throw e;
      }
      return {
        id: r.idHash,
        device: describeDevice(ua),
        ...deviceParts(ua),
        createdAt: r.createdAt,
        lastUsedAt: r.lastUsedAt,
        current: r.idHash === session.sessionIdHash,
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** A session the member cannot log out this way (the page shows the message, 400). */
export class SessionError extends UserError {
  readonly said: Said;
  constructor(said: Said) {
    super(englishOf(said));
    this.name = "SessionError";
    this.said = said;
  }
}

/** Logs out one of the member's other sessions. Returns false when there is no such session of theirs. */
export function revokeSession(session: CurrentSession, idHash: string) {
  if (idHash === session.sessionIdHash) throw new SessionError({ key: "errors.account.thisDevice" });
  const res = getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, session.userId), eq(sessions.idHash, idHash)))
    .run();
  if (res.changes === 0) return false;
  audit({
    action: "session.revoke",
    actorUserId: session.userId,
    workspaceId: session.workspaceId,
    targetType: "user",
    targetId: session.userId,
  });
  return true;
}

/** Logs out every session of the member except the current one; returns how many ended. */
export function revokeOtherSessions(session: CurrentSession, reason: "request" | "password" = "request") {
  const res = getDb()
    .delete(sessions)
    .where(and(eq(sessions.userId, session.userId), ne(sessions.idHash, session.sessionIdHash)))
    .run();
  audit({
    action: "session.revoke_others",
    actorUserId: session.userId,
    workspaceId: session.workspaceId,
    targetType: "user",
    targetId: session.userId,
    detail: { count: res.changes, reason },
  });
  return res.changes;
}

/** Checks the current password, sets the new one and logs out every other device. */
export async function changePassword(session: CurrentSession, current: string, next: string) {
  const row = getDb()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, session.userId))
    .get();
  if (!row || !(await verifyPassword(row.passwordHash, current))) {
    audit({
      action: "user.password_change_failed",
      actorUserId: session.userId,
      workspaceId: session.workspaceId,
      targetType: "user",
      targetId: session.userId,
    });
    return false;
  }
  await setPassword(session.userId, next);
  audit({
    action: "user.password_change",
    actorUserId: session.userId,
    workspaceId: session.workspaceId,
    targetType: "user",
    targetId: session.userId,
  });
  revokeOtherSessions(session, "password");
  return true;
}
