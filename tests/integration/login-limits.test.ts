// Failed log-ins are limited per account and address: after five wrong passwords from an address, even the
// right one waits there (other addresses: tests/integration/login-lockout.test.ts).
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { getDb } from "~/db.server";
import * as loginRoute from "~/routes/login";
import * as signupRoute from "~/routes/signup";
import { call, newAccount, post } from "./helpers";

describe("log-in", () => {
  it("makes the address wait a while after five failures for an account, with a calm message", async () => {
    const a = await newAccount();
    for (let i = 0; i < 5; i++) {
      const r = (await call(
        loginRoute.action,
        post("/login", { email: a.email, password: "wrong password" }),
      )) as Response;
      expect(r.status).toBe(400);
    }
    const blocked = (await call(
      loginRoute.action,
      post("/login", { email: a.email, password: a.password }),
    )) as Response;
    expect(blocked.status).toBe(429);
    expect(JSON.stringify(await blocked.json())).toContain("Too many attempts");
  });

  it("sign-up does not say that an email already has an account", async () => {
    const a = await newAccount();
    const r = (await call(signupRoute.action, post("/signup", { name: "X", email: a.email }))) as Response;
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json())).not.toContain("already");
  });

  it("keeps the audit log append-only", async () => {
    const db = getDb();
    db.insert(auditEvents).values({ action: "user.login" }).run();
    expect(() => db.update(auditEvents).set({ action: "changed" }).run()).toThrow(/append-only/);
    expect(() => db.delete(auditEvents).run()).toThrow(/append-only/);
  });
});
