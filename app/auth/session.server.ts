// Server-side sessions: the cookie holds only a random id; the database holds its hash, expiry and workspace.
import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, sql } from "drizzle-orm";
import { memberships, sessions } from "#db/schema";
import { getDb, prepared } from "~/db.server";
import { getEnv } from "~/env.server";
import { getKeyring } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { oncePerRequest } from "~/utils/request-store.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { mustSetUpTwoFactor } from "./two-factor.server";

const COOKIE_NAME = "__retract_session";
const sealUserAgent = sealFor("sessions", "user_agent_enc");

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie(COOKIE_NAME, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.secureCookies,
      path: "/",
      secrets: [getKeyring().sessionSecret],
      maxAge: env.RETRACT_SESSION_DAYS * 24 * 60 * 60,
    });
  }
  return cookie;
}

export function hashSessionId(id: string) {
  return createHash("sha256").update(id).digest("base64url");
}

export async function createSession({
  userId,
  workspaceId,
  userAgent,
}: {
  userId: string;
  workspaceId: string;
  userAgent?: string | null;
}) {
  const id = randomBytes(32).toString("base64url");
  const idHash = hashSessionId(id);
  const now = Date.now();
  getDb()
    .insert(sessions)
    .values({
      idHash,
      userId,
      workspaceId,
      userAgentEnc: userAgent ? sealUserAgent(idHash, userAgent.slice(0, 300)) : null,
      lastUsedAt: new Date(now),
      expiresAt: new Date(now + getEnv().RETRACT_SESSION_DAYS * 86_400_000),
    })
    .run();
  return sessionCookie().serialize(id);
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export type CurrentSession = Scope & { sessionIdHash: string };

// One HTTP request reads its session once: the root loader and the page's loader (each handed its own copy
// of the Request by Remix) share the answer through the per-request store; a second call with the same
// Request object (no store: tests, scripts) is remembered by the WeakMap. Only reads (GET, HEAD) share
// through the store: an action may change the session (log out, switch workspace, turn on two-factor), and
// the loaders that run after it in the same request must see the change.
const byRequest = new WeakMap<Request, Promise<CurrentSession | null>>();
const isRead = (request: Request) => request.method === "GET" || request.method === "HEAD";

export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  let pending = byRequest.get(request);
  if (!pending) {
    pending = isRead(request)
      ? oncePerRequest(`session:${request.headers.get("Cookie") ?? ""}`, () => readSession(request))
      : readSession(request);
    byRequest.set(request, pending);
  }
  return pending;
}

async function readSession(request: Request): Promise<CurrentSession | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const idHash = hashSessionId(id);
  const db = getDb();
  const now = Date.now();
  // Every signed-in request runs this query: built once (decision 050). Placeholders are bound as they are
  // stored (the expiry is milliseconds).
  const row = prepared("session.read", (client) =>
    client
      .select({
        userId: sessions.userId,
        workspaceId: sessions.workspaceId,
        lastUsedAt: sessions.lastUsedAt,
        role: memberships.role,
      })
      .from(sessions)
      .innerJoin(
        memberships,
        and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId)),
      )
      .where(
        and(eq(sessions.idHash, sql.placeholder("idHash")), gt(sessions.expiresAt, sql.placeholder("now"))),
      )
      .prepare(),
  ).get({ idHash, now });
  if (!row) return null;
  // Record use at most once a minute, to keep reads cheap.
  if (now - row.lastUsedAt.getTime() > 60_000) {
    db.update(sessions)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(sessions.idHash, idHash))
      .run();
  }
  return { userId: row.userId, workspaceId: row.workspaceId, role: row.role as Role, sessionIdHash: idHash };
}

/** The signed-in member's scope, or a redirect to the log-in page that comes back here afterwards. */
export async function requireScope(request: Request): Promise<CurrentSession> {
  const session = await getCurrentSession(request);
  if (!session) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  // An organisation that requires two-factor sends members without it to set it up first.
  const mustSetUp = () => mustSetUpTwoFactor(session.userId, session.workspaceId);
  if (isRead(request) ? oncePerRequest(`2fa:${session.sessionIdHash}`, mustSetUp) : mustSetUp())
    throw redirect("/two-factor?required=1");
  return session;
}

/** Ends the current session (deletes its row) and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
  const id = await readSessionId(request);
  if (id)
    getDb()
      .delete(sessions)
      .where(eq(sessions.idHash, hashSessionId(id)))
      .run();
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

export function revokeAllSessions(userId: string) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Only same-site relative paths are followed after log-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  return to;
}
