// Password reset end to end through a real SMTP server on 127.0.0.1: the mail arrives with a working link.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { resetMailerForTests } from "~/mail/mailer.server";
import * as forgotRoute from "~/routes/forgot-password";
import * as loginRoute from "~/routes/login";
import * as resetRoute from "~/routes/reset-password";
import { call, get, newAccount, post } from "./helpers";

const inbox: { to: string; subject: string; text: string }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
        });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((server.server.address() as AddressInfo).port);
  process.env.RETRACT_BASE_URL = "https://retract.example.org";
  resetEnvForTests();
  resetMailerForTests();
});

afterAll(async () => {
  resetMailerForTests();
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
  delete process.env.RETRACT_BASE_URL;
  resetEnvForTests();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

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
