// Two-factor end to end with codes made by the same library an authenticator app follows (RFC 6238):
// set-up with a QR code, confirmation, recovery codes, the code step after the password, replay refused,
// recovery codes single-use, and an organisation that requires two-factor.
import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recoveryCodes, userTwoFactor } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { beginSetup, confirmSetup, isTwoFactorEnabled, verifySecondFactor } from "~/auth/two-factor.server";
import { getDb } from "~/db.server";
import * as indexRoute from "~/routes/_index";
import * as loginRoute from "~/routes/login";
import * as codeRoute from "~/routes/login_.two-factor";
import * as setupRoute from "~/routes/two-factor";
import * as switchRoute from "~/routes/workspaces.switch";
import { createOrganisation, setRequireTwoFactor } from "~/workspaces/workspaces.server";
import { call, get, newAccount, post, status } from "./helpers";

const code = async (secret: string) => (await generateTOTP({ secret, period: 30 })).otp;
const cookieOf = (r: Response, name: string) =>
  r.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock on by whole 30-second steps, so a new code is due. */
function nextStep(steps = 1) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + steps * 30_000 });
}

describe("two-factor set-up", () => {
  it("shows a QR code and the key, turns on with a right code and gives 10 recovery codes once", async () => {
    const me = await newAccount("Two Factor");
    const page = (await call(setupRoute.loader, get("/two-factor", me.cookie))) as {
      enabled: false;
      secret: string;
      qrDataUri: string;
    };
    expect(page.enabled).toBe(false);
    expect(page.qrDataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(page.qrDataUri.split(",")[1]!, "base64").toString()).toContain("<svg");
    // Reloading keeps the same key (the app may already have it).
    const again = (await call(setupRoute.loader, get("/two-factor", me.cookie))) as { secret: string };
    expect(again.secret).toBe(page.secret);
    // The key is stored encrypted.
    const row = getDb().select().from(userTwoFactor).where(eq(userTwoFactor.userId, me.id)).get()!;
    expect(row.secretEnc.token).not.toContain(page.secret);

    const wrong = await call(setupRoute.action, post("/", { intent: "confirm", code: "000000" }, me.cookie));
    expect(status(wrong)).toBe(400);
    expect(isTwoFactorEnabled(me.id)).toBe(false);

    const ok = (await call(
      setupRoute.action,
      post("/", { intent: "confirm", code: await code(page.secret) }, me.cookie),
    )) as { ok: true; recoveryCodes: string[] };
    expect(ok.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.recoveryCodes).size).toBe(10);
    expect(isTwoFactorEnabled(me.id)).toBe(true);
    const stored = getDb().select().from(recoveryCodes).where(eq(recoveryCodes.userId, me.id)).all();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(ok.recoveryCodes[0]!);
    const after = (await call(setupRoute.loader, get("/two-factor", me.cookie))) as { enabled: boolean };
    expect(after.enabled).toBe(true);
  });
});

async function accountWith2fa() {
  const me = await newAccount("Secure");
  const { secret } = await beginSetup(me.id, me.email);
  const codes = (await confirmSetup(me.id, await code(secret)))!;
  return { ...me, secret, codes };
}

async function passwordStep(me: { email: string; password: string }) {
  const r = (await call(
    loginRoute.action,
    post("/login", { email: me.email, password: me.password, redirectTo: "/deadlines" }),
  )) as Response;
  expect(r.status).toBe(302);
  expect(r.headers.get("Location")).toBe("/login/two-factor");
  // The password alone gives no session.
  expect(cookieOf(r, "__retract_session")).toBeUndefined();
  return cookieOf(r, "__retract_2fa")!;
}

describe("logging in with two-factor", () => {
  it("asks for the code after the password; a right code makes a session, the same code twice does not", async () => {
    const me = await accountWith2fa();
    nextStep();
    const pending = await passwordStep(me);
    // The pending state is not a session: pages still send to log-in.
    expect(status(await call(switchRoute.action, post("/", { workspaceId: me.workspaceId }, pending)))).toBe(
      302,
    );
    expect(status(await call(codeRoute.loader, get("/login/two-factor", pending)))).toBe(200);

    const bad = await call(codeRoute.action, post("/login/two-factor", { code: "123456" }, pending));
    expect(status(bad)).toBe(400);
    const otp = await code(me.secret);
    const ok = (await call(codeRoute.action, post("/login/two-factor", { code: otp }, pending))) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/deadlines");
    const session = cookieOf(ok, "__retract_session")!;
    expect(session).toBeDefined();
    const home = (await call(indexRoute.loader, get("/", session))) as { signedIn: boolean };
    expect(home.signedIn).toBe(true);
    // The challenge was used up.
    expect(status(await call(codeRoute.action, post("/", { code: otp }, pending)))).toBe(302);

    // Same code in a new log-in within the same 30 s: refused (replay).
    const pending2 = await passwordStep(me);
    expect(status(await call(codeRoute.action, post("/", { code: otp }, pending2)))).toBe(400);
  });

  it("accepts a recovery code once, and ends the code step after five wrong codes", async () => {
    const me = await accountWith2fa();
    const pending = await passwordStep(me);
    const recovery = me.codes[3]!.toUpperCase();
    const ok = (await call(codeRoute.action, post("/", { code: recovery }, pending))) as Response;
    expect(ok.status).toBe(302);
    expect(cookieOf(ok, "__retract_session")).toBeDefined();
    expect(await verifySecondFactor(me.id, me.codes[3]!)).toBeNull();

    const pending2 = await passwordStep(me);
    for (let i = 0; i < 4; i++)
      expect(status(await call(codeRoute.action, post("/", { code: "000000" }, pending2)))).toBe(400);
    const fifth = (await call(codeRoute.action, post("/", { code: "000000" }, pending2))) as Response;
    expect(fifth.status).toBe(302);
    expect(fifth.headers.get("Location")).toBe("/login");
  });

  it("turns off with a current code", async () => {
    const me = await accountWith2fa();
    nextStep();
    const r = (await call(
      setupRoute.action,
      post("/", { intent: "disable", code: await code(me.secret) }, me.cookie),
    )) as Response;
    expect(r.status).toBe(302);
    expect(isTwoFactorEnabled(me.id)).toBe(false);
  });
});

describe("an organisation that requires two-factor", () => {
  it("sends members without it to set it up, and lets them in once it is on", async () => {
    const me = await newAccount("Member");
    const { id } = createOrganisation(me.id, "Strict Org");
    setRequireTwoFactor({ userId: me.id, workspaceId: id, role: "owner" }, true);
    const cookie = (await createSession({ userId: me.id, workspaceId: id })).split(";")[0]!;
    const home = (await call(indexRoute.loader, get("/", cookie))) as Response;
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/two-factor?required=1");
    const members = await import("~/routes/workspace.members");
    const r = (await call(members.loader, get("/workspace/members", cookie))) as Response;
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/two-factor?required=1");
    // The set-up page itself is reachable.
    const setup = (await call(setupRoute.loader, get("/two-factor", cookie))) as { secret: string };
    await confirmSetup(me.id, await code(setup.secret));
    expect(status(await call(members.loader, get("/workspace/members", cookie)))).toBe(200);
  });
});
