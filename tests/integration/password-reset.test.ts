// Password reset end to end through a real SMTP server on 127.0.0.1: the mail arrives with a working link.
import { describe, expect, it } from "vitest";
import * as forgotRoute from "~/routes/forgot-password";
import * as loginRoute from "~/routes/login";
import * as resetRoute from "~/routes/reset-password";
import { call, get, newAccount, post } from "./helpers";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

describe("password reset", () => {
  it("mails a one-hour, single-use link that sets a new password and logs out other sessions", async () => {
    const account = await newAccount("Reset Me");
    const res = (await call(
      forgotRoute.action,
      post("/forgot-password", { email: account.email.toUpperCase() }),
    )) as Response;
    expect(res.status).toBe(200);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toBe(account.email);
    const link = /https:\/\/retract\.example\.org\/reset-password\?token=([\w-]+)/.exec(inbox[0]!.text);
    expect(link).not.toBeNull();
    const token = link![1]!;

    const page = (await call(resetRoute.loader, get(`/reset-password?token=${token}`))) as { valid: boolean };
    expect(page.valid).toBe(true);
    const newPassword = "a completely new passphrase";
    const done = (await call(
      resetRoute.action,
      post("/reset-password", { token, password: newPassword, confirm: newPassword }),
    )) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?reset=1");

    // The old session no longer works; the old password fails; the new one works; the link is spent.
    const { getCurrentSession } = await import("~/auth/session.server");
    expect(await getCurrentSession(get("/", account.cookie))).toBeNull();
    const old = (await call(
      loginRoute.action,
      post("/login", { email: account.email, password: account.password }),
    )) as Response;
    expect(old.status).toBe(400);
    const ok = (await call(
      loginRoute.action,
      post("/login", { email: account.email, password: newPassword }),
    )) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(ok.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    const again = (await call(
      resetRoute.action,
      post("/reset-password", { token, password: newPassword, confirm: newPassword }),
    )) as Response;
    expect(again.status).toBe(400);
  });

  it("says the same thing for an unknown email, and sends nothing", async () => {
    const before = inbox.length;
    const res = (await call(
      forgotRoute.action,
      post("/forgot-password", { email: "nobody@example.test" }),
    )) as Response;
    expect(res.status).toBe(200);
    expect(inbox.length).toBe(before);
  });

  it("rejects a bad email with a 400 and a message", async () => {
    const res = (await call(
      forgotRoute.action,
      post("/forgot-password", { email: "not-an-email" }),
    )) as Response;
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("email address");
  });
});
