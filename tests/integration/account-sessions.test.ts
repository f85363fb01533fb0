// The account page: sessions listed with a readable device, one or all others logged out, password change.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions } from "#db/schema";
import { createSession, getCurrentSession } from "~/auth/session.server";
import { verifyLogin } from "~/auth/users.server";
import { getDb } from "~/db.server";
import * as accountRoute from "~/routes/account";
import { call, get, newAccount, post, status } from "./helpers";

const FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

async function extraSession(userId: string, workspaceId: string, userAgent: string) {
  return (await createSession({ userId, workspaceId, userAgent })).split(";")[0]!;
}

const actions = (userId: string) =>
  getDb()
    .select({ action: auditEvents.action, detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.actorUserId, userId))
    .all();

describe("account sessions", () => {
  it("lists each session with its device, the current one first, and never another user's", async () => {
    const a = await newAccount();
    const other = await newAccount();
    await extraSession(a.id, a.workspaceId, FIREFOX_WIN);
    await extraSession(other.id, other.workspaceId, CHROME_LINUX);
    const data = (await call(accountRoute.loader, get("/account", a.cookie))) as {
      sessions: { device: string; current: boolean; createdAt: string; lastUsedAt: string }[];
    };
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions[0]!.current).toBe(true);
    expect(data.sessions[0]!.device).toBe("Unknown device");
    expect(data.sessions[1]).toMatchObject({ device: "Firefox on Windows", current: false });
    expect(Date.parse(data.sessions[1]!.lastUsedAt)).not.toBeNaN();
  });

  it("logs out one other session, refuses the current one and other people's", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const second = await extraSession(a.id, a.workspaceId, CHROME_LINUX);
    const bSecond = await extraSession(b.id, b.workspaceId, CHROME_LINUX);
    const secondHash = (await getCurrentSession(get("/", second)))!.sessionIdHash;
    const bHash = (await getCurrentSession(get("/", bSecond)))!.sessionIdHash;
    const aHash = (await getCurrentSession(get("/", a.cookie)))!.sessionIdHash;

    const own = await call(
      accountRoute.action,
      post("/account", { intent: "revoke", session: aHash }, a.cookie),
    );
    expect(status(own)).toBe(400);
    const foreign = await call(
      accountRoute.action,
      post("/account", { intent: "revoke", session: bHash }, a.cookie),
    );
    expect(status(foreign)).toBe(404);
    expect(await getCurrentSession(get("/", bSecond))).not.toBeNull();

    const res = (await call(
      accountRoute.action,
      post("/account", { intent: "revoke", session: secondHash }, a.cookie),
    )) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account?revoked=1");
    expect(await getCurrentSession(get("/", second))).toBeNull();
    expect(await getCurrentSession(get("/", a.cookie))).not.toBeNull();
    expect(actions(a.id).map((r) => r.action)).toContain("session.revoke");
  });

  it("logs out all other sessions and keeps this one", async () => {
    const a = await newAccount();
    const others = [
      await extraSession(a.id, a.workspaceId, FIREFOX_WIN),
      await extraSession(a.id, a.workspaceId, CHROME_LINUX),
    ];
    const res = await call(accountRoute.action, post("/account", { intent: "revoke-others" }, a.cookie));
    expect(status(res)).toBe(302);
    for (const c of others) expect(await getCurrentSession(get("/", c))).toBeNull();
    expect(await getCurrentSession(get("/", a.cookie))).not.toBeNull();
    const logged = actions(a.id).find((r) => r.action === "session.revoke_others");
    expect(logged?.detail).toEqual({ count: 2, reason: "request" });
  });

  it("changes the password only with the right current one, and logs out every other device", async () => {
    const a = await newAccount();
    const other = await extraSession(a.id, a.workspaceId, FIREFOX_WIN);
    const wrong = (await call(
      accountRoute.action,
      post(
        "/account",
        {
          intent: "password",
          current: "not it",
          password: "a brand new passphrase",
          confirm: "a brand new passphrase",
        },
        a.cookie,
      ),
    )) as Response;
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).fieldErrors.current).toEqual(["Your current password is not right."]);
    expect(await getCurrentSession(get("/", other))).not.toBeNull();

    const mismatch = await call(
      accountRoute.action,
      post(
        "/account",
        { intent: "password", current: a.password, password: "a brand new passphrase", confirm: "x" },
        a.cookie,
      ),
    );
    expect(status(mismatch)).toBe(400);

    const ok = await call(
      accountRoute.action,
      post(
        "/account",
        {
          intent: "password",
          current: a.password,
          password: "a brand new passphrase",
          confirm: "a brand new passphrase",
        },
        a.cookie,
      ),
    );
    expect(status(ok)).toBe(302);
    expect(await verifyLogin(a.email, "a brand new passphrase")).toBe(a.id);
    expect(await verifyLogin(a.email, a.password)).toBeNull();
    expect(await getCurrentSession(get("/", other))).toBeNull();
    expect(await getCurrentSession(get("/", a.cookie))).not.toBeNull();
    const names = actions(a.id).map((r) => r.action);
    expect(names).toEqual(expect.arrayContaining(["user.password_change_failed", "user.password_change"]));
    expect(
      getDb()
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, a.id)))
        .all(),
    ).toHaveLength(1);
  });

  it("answers an unknown intent with 400 and an anonymous visitor with a redirect to log in", async () => {
    const a = await newAccount();
    expect(status(await call(accountRoute.action, post("/account", { intent: "nope" }, a.cookie)))).toBe(400);
    const anon = (await call(accountRoute.loader, get("/account"))) as Response;
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toContain("/login");
  });
});
