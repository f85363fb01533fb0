// Wrong passwords or codes from one address cannot lock the owner out from hers;
// tries are counted before the password or code is checked, so tries sent at once cannot slip past a limit;
// a new password log-in does not cancel the pending code step; a password reset lifts every limit.
import { generateTOTP } from "@epic-web/totp";
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { auditEvents } from "#db/schema";
import { LOGIN_LIMITS, setLimitClock } from "~/auth/rate-limit.server";
import { beginSetup, confirmSetup, isTwoFactorEnabled } from "~/auth/two-factor.server";
import { getDb } from "~/db.server";
import * as forgotRoute from "~/routes/forgot-password";
import * as loginRoute from "~/routes/login";
import * as codeRoute from "~/routes/login_.two-factor";
import * as resetRoute from "~/routes/reset-password";
import * as setupRoute from "~/routes/two-factor";
import { asResponse, newAccount, post } from "./helpers";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

afterEach(() => {
  setLimitClock(null);
  vi.useRealTimers();
});

/** Calls an action as a client at `ip`; a thrown Response (redirect) is returned. */
async function from(ip: string, fn: (a: ActionFunctionArgs) => unknown, request: Request) {
  try {
    return asResponse(
      await fn({ request, params: {}, context: { cspNonce: "test", clientIp: ip } }),
    ) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const login = (ip: string, email: string, password: string) =>
  from(ip, loginRoute.action, post("/login", { email, password }));

const cookieOf = (r: Response, name: string) =>
  r.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

const countAudit = (action: string, userId?: string) =>
  getDb()
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      userId
        ? and(eq(auditEvents.action, action), eq(auditEvents.actorUserId, userId))
        : eq(auditEvents.action, action),
    )
    .all().length;

describe("password tries (item 3)", () => {
  it("five wrong passwords from one address do not refuse the right password from another", async () => {
    const me = await newAccount();
    for (let i = 0; i < 5; i++)
      expect((await login("203.0.113.5", me.email, "wrong password")).status).toBe(400);
    const attacker = await login("203.0.113.5", me.email, me.password);
    expect(attacker.status).toBe(429);
    expect(JSON.stringify(await attacker.json())).toContain("Too many attempts");
    const owner = await login("198.51.100.7", me.email, me.password);
    expect(owner.status).toBe(302);
    expect(cookieOf(owner, "__retract_session")).toBeDefined();
  });

  it("lets the address try again once the window has passed (injected clock)", async () => {
    const me = await newAccount();
    const t0 = Date.now();
    setLimitClock(() => t0);
    for (let i = 0; i < 5; i++) await login("203.0.113.6", me.email, "wrong password");
    expect((await login("203.0.113.6", me.email, me.password)).status).toBe(429);
    setLimitClock(() => t0 + LOGIN_LIMITS.perAccountAddress.ms + 1000);
    expect((await login("203.0.113.6", me.email, me.password)).status).toBe(302);
  });

  it("checks at most five of a hundred wrong passwords sent at once", async () => {
    const me = await newAccount();
    const before = countAudit("user.login_failed");
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => login("203.0.113.7", me.email, "wrong password")),
    );
    expect(countAudit("user.login_failed") - before).toBe(5);
    expect(answers.filter((r) => r.status === 400)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(95);
  });

  it("has an account-wide ceiling against many addresses, and a password reset lifts it", async () => {
    const me = await newAccount("Reset Lifts");
    const perAddress = LOGIN_LIMITS.perAccountAddress.points;
    const addresses = LOGIN_LIMITS.perAccount.points / perAddress;
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < perAddress; i++) await login(`10.9.${a}.1`, me.email, "wrong password");
    const refused = await login("192.0.2.200", me.email, me.password);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toContain("Forgot your password?");

    await from("192.0.2.200", forgotRoute.action, post("/forgot-password", { email: me.email }));
    const token = /reset-password\?token=([\w-]+)/.exec(inbox.at(-1)!.text)![1]!;
    const password = "a brand new passphrase";
    const done = await from(
      "192.0.2.200",
      resetRoute.action,
      post("/reset-password", { token, password, confirm: password }),
    );
    expect(done.status).toBe(302);
    // Lifted everywhere, even for an address that had used up its own tries.
    expect((await login("10.9.0.1", me.email, password)).status).toBe(302);
    expect((await login("192.0.2.200", me.email, password)).status).toBe(302);
  });
});

async function accountWith2fa() {
  const me = await newAccount("Two Factor Limits");
  const { secret } = await beginSetup(me.id, me.email);
  await confirmSetup(me.id, (await generateTOTP({ secret, period: 30 })).otp);
  return { ...me, secret };
}

async function passwordStep(ip: string, me: { email: string; password: string }) {
  const r = await login(ip, me.email, me.password);
  expect(r.headers.get("Location")).toBe("/login/two-factor");
  return cookieOf(r, "__retract_2fa")!;
}

const sendCode = (ip: string, cookie: string, code: string) =>
  from(ip, codeRoute.action, post("/login/two-factor", { code }, cookie));

describe("two-factor tries (item 4)", () => {
  it("checks at most five of sixty wrong codes sent at once on one challenge", async () => {
    const me = await accountWith2fa();
    const pending = await passwordStep("203.0.113.20", me);
    await Promise.all(Array.from({ length: 60 }, () => sendCode("203.0.113.20", pending, "000000")));
    expect(countAudit("two_factor.login_failed", me.id)).toBe(5);
  });

  it("limits codes per account across challenges and addresses", async () => {
    const me = await accountWith2fa();
    let checked = 0;
    let refused: Response | undefined;
    for (let c = 0; c < 4 && !refused; c++) {
      const ip = `203.0.113.${30 + c}`;
      const pending = await passwordStep(ip, me);
      for (let i = 0; i < 4; i++) {
        const r = await sendCode(ip, pending, "000000");
        if (r.status === 429) {
          refused = r;
          break;
        }
        checked++;
      }
    }
    expect(checked).toBe(LOGIN_LIMITS.codesPerAccount.points);
    expect(refused?.status).toBe(429);
    expect(JSON.stringify(await refused!.json())).toContain("Too many attempts");
  });

  it("a new password log-in does not cancel the pending code step of the real user", async () => {
    const me = await accountWith2fa();
    const mine = await passwordStep("198.51.100.40", me);
    // Someone who has the password logs in too.
    await passwordStep("203.0.113.41", me);
    // A fresh 30-second step, so the code is not the one used to turn two-factor on.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30_000 });
    const ok = await sendCode(
      "198.51.100.40",
      mine,
      (await generateTOTP({ secret: me.secret, period: 30 })).otp,
    );
    expect(ok.status).toBe(302);
    expect(cookieOf(ok, "__retract_session")).toBeDefined();
  });

  it("a stolen session cannot guess codes to turn two-factor off", async () => {
    const me = await accountWith2fa();
    const disable = () =>
      from(
        "203.0.113.50",
        setupRoute.action,
        post("/two-factor", { intent: "disable", code: "000000" }, me.cookie),
      );
    for (let i = 0; i < LOGIN_LIMITS.codesPerAccount.points; i++) expect((await disable()).status).toBe(400);
    const refused = await disable();
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toContain("Too many attempts");
    expect(isTwoFactorEnabled(me.id)).toBe(true);
  });
});
