// Sign-up by emailed link: the same answer for known and unknown addresses, a link that
// finishes the account once, and limits per client address and per email. Mail goes through a real SMTP
// server on 127.0.0.1.
import { describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { resetMailerForTests } from "~/mail/mailer.server";
import * as signupRoute from "~/routes/signup";
import { asResponse, call, get, newAccount, post } from "./helpers";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

const signupLink = (text: string) => {
  const m = /https:\/\/retract\.example\.org\/signup\?token=(\S+)/.exec(text);
  return m ? decodeURIComponent(m[1]!) : null;
};

async function ask(body: Record<string, string>, ip = "203.0.113.1") {
  const request = post("/signup", body);
  return asResponse(
    await signupRoute.action({ request, params: {}, context: { cspNonce: "t", clientIp: ip } }),
  ) as Response;
}

describe("sign-up", () => {
  it("answers the same for an address with an account and one without", async () => {
    const existing = await newAccount("Already Here");
    const known = await ask({ name: "Someone", email: existing.email.toUpperCase() }, "203.0.113.10");
    const unknown = await ask({ name: "Someone", email: "fresh-person@example.test" }, "203.0.113.11");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());
    const toKnown = inbox.find((m) => m.to === existing.email)!;
    expect(toKnown.text).toContain("already has one");
    expect(toKnown.text).toContain("https://retract.example.org/forgot-password");
    expect(signupLink(toKnown.text)).toBeNull();
    const toNew = inbox.find((m) => m.to === "fresh-person@example.test")!;
    expect(signupLink(toNew.text)).not.toBeNull();
  });

  it("finishes the account from the link once, and refuses a changed link", async () => {
    const email = "finish-me@example.test";
    expect((await ask({ name: "Finn Ish", email }, "203.0.113.20")).status).toBe(200);
    const token = signupLink(inbox.find((m) => m.to === email)!.text)!;

    const page = (await call(signupRoute.loader, get(`/signup?token=${encodeURIComponent(token)}`))) as {
      step: string;
      email: string;
    };
    expect(page).toMatchObject({ step: "finish", email });

    const tampered = `${token.slice(0, -4)}AAAA`;
    const bad = (await call(
      signupRoute.action,
      post("/signup", { token: tampered, password: "a long enough passphrase" }),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("not valid or has expired");

    const short = (await call(signupRoute.action, post("/signup", { token, password: "short" }))) as Response;
    expect(short.status).toBe(400);

    const done = (await call(
      signupRoute.action,
      post("/signup", { token, password: "a long enough passphrase" }),
    )) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);

    const again = (await call(
      signupRoute.action,
      post("/signup", { token, password: "another long passphrase" }),
    )) as Response;
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toContain("already used");
  });

  it("limits sign-ups per email, whether or not it has an account", async () => {
    const existing = await newAccount("Flooded");
    for (const email of [existing.email, "flooded-new@example.test"]) {
      for (let i = 0; i < 3; i += 1)
        expect((await ask({ name: "X", email }, `198.51.100.${i}`)).status).toBe(200);
      const fourth = await ask({ name: "X", email }, "198.51.100.99");
      expect(fourth.status).toBe(429);
      expect(JSON.stringify(await fourth.json())).toContain("Too many sign-ups");
      expect(Number(fourth.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
  });

  it("limits sign-ups per client address", async () => {
    const answers: number[] = [];
    for (let i = 0; i < 21; i += 1)
      answers.push((await ask({ name: "X", email: `many-${i}@example.test` }, "192.0.2.7")).status);
    expect(answers.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(answers[20]).toBe(429);
  });

  it("refuses a bad email with a 400 and a message", async () => {
    const r = await ask({ name: "X", email: "not-an-email" });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toContain("email address");
  });

  it("says plainly that no account can be made when the server cannot send mail", async () => {
    const smtpHost = process.env.SMTP_HOST;
    delete process.env.SMTP_HOST;
    process.env.RETRACT_LOG_MAIL = "false";
    resetEnvForTests();
    resetMailerForTests();
    try {
      const before = inbox.length;
      const existing = await newAccount("No Mail");
      for (const email of [existing.email, "no-mail-new@example.test"]) {
        const r = await ask({ name: "X", email }, "203.0.113.77");
        expect(r.status).toBe(503);
        expect(JSON.stringify(await r.json())).toContain("cannot send email");
      }
      expect(inbox.length).toBe(before);
    } finally {
      process.env.SMTP_HOST = smtpHost;
      delete process.env.RETRACT_LOG_MAIL;
      resetEnvForTests();
      resetMailerForTests();
    }
  });
});
