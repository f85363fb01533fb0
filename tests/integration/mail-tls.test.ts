// Mail connections refuse plain text: SMTP must use TLS or a STARTTLS that succeeds, IMAP
// "STARTTLS" must upgrade, unless the operator allows plain text for a loopback host. The servers are real
// (smtp-server without STARTTLS, dovecot with ssl = no) on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { resetMailerForTests, sendSystemMail } from "~/mail/mailer.server";
import { isLoopbackHost, mailConnectionKind, smtpSecurity } from "~/mail/transport-security.server";
import { pollMailbox, saveImapSettings } from "~/requests/replies/replies.server";
import { SmtpTestError, saveSmtpSettings, sendTestMessage } from "~/requests/send/smtp-settings.server";
import * as emailSettingsRoute from "~/routes/settings.email";
import * as mailboxSettingsRoute from "~/routes/settings.mailbox";
import { type Dovecot, startDovecot } from "./dovecot";
import { call, get, newAccount } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let dovecot: Dovecot;

function setAllowance(on: boolean) {
  if (on) process.env.RETRACT_MAIL_PLAIN_LOOPBACK = "true";
  else delete process.env.RETRACT_MAIL_PLAIN_LOOPBACK;
  resetEnvForTests();
  resetMailerForTests();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  dovecot = await startDovecot();
}, 20_000);
afterEach(() => setAllowance(false));
afterAll(async () => {
  delete process.env.SMTP_HOST;
  delete process.env.SMTP_PORT;
  setAllowance(false);
  await smtp.close();
  await dovecot?.stop();
});

async function workspaceWithSmtp() {
  const a = await newAccount();
  saveSmtpSettings(a.scope, {
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    user: "robin",
    password: "app-password-tls",
    from: "Robin <robin@example.test>",
    replyTo: "",
  });
  return a;
}

describe("which hosts may be plain", () => {
  it("knows loopback addresses and nothing else", () => {
    for (const h of ["localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1"])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      "10.0.0.5",
      "192.168.1.1",
      "mail.example.org",
      "localhost.example.org",
      "::2",
      "0.0.0.0",
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it("requires TLS for every host without the allowance, and for other hosts even with it", () => {
    setAllowance(false);
    expect(smtpSecurity("127.0.0.1", false)).toEqual({ secure: false, requireTLS: true });
    setAllowance(true);
    expect(smtpSecurity("127.0.0.1", false)).toEqual({ secure: false, requireTLS: false });
    expect(smtpSecurity("mail.example.org", false)).toEqual({ secure: false, requireTLS: true });
    expect(smtpSecurity("10.0.0.5", false)).toEqual({ secure: false, requireTLS: true });
    expect(mailConnectionKind("mail.example.org", false)).toBe("starttls");
    expect(mailConnectionKind("127.0.0.1", false)).toBe("plain-loopback");
    expect(mailConnectionKind("127.0.0.1", true)).toBe("tls");
  });
});

describe("SMTP without STARTTLS", () => {
  it("refuses to log in or send the test message without the allowance", async () => {
    const a = await workspaceWithSmtp();
    setAllowance(false);
    const logins = smtp.logins.length;
    const received = smtp.received.length;
    const err = await sendTestMessage(a.scope).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpTestError);
    expect((err as Error).message).toContain("encrypted connection (STARTTLS)");
    expect(smtp.logins.length).toBe(logins);
    expect(smtp.received.length).toBe(received);

    setAllowance(true);
    await sendTestMessage(a.scope);
    expect(smtp.logins.at(-1)).toEqual({ user: "robin", pass: "app-password-tls" });
  });

  it("refuses system mail (password resets, sign-up links) too", async () => {
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(smtp.port);
    setAllowance(false);
    const received = smtp.received.length;
    await expect(sendSystemMail({ to: "a@example.test", subject: "s", text: "t" })).rejects.toThrow(
      /STARTTLS/,
    );
    expect(smtp.received.length).toBe(received);
    setAllowance(true);
    await sendSystemMail({ to: "a@example.test", subject: "s", text: "t" });
    expect(smtp.received.length).toBe(received + 1);
  });

  it("shows how the connection is protected on the settings page", async () => {
    const a = await workspaceWithSmtp();
    setAllowance(false);
    const page = (await call(emailSettingsRoute.loader, get("/settings/email", a.cookie))) as {
      connection: string;
    };
    expect(page.connection).toContain("must switch to TLS (STARTTLS)");
    setAllowance(true);
    const allowed = (await call(emailSettingsRoute.loader, get("/settings/email", a.cookie))) as {
      connection: string;
    };
    expect(allowed.connection).toContain("Not encrypted");
  });
});

describe("IMAP STARTTLS", () => {
  it("does not read a mailbox over plain text without the allowance", async () => {
    const a = await newAccount();
    saveImapSettings(a.scope, {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      password: dovecot.password,
      mailbox: "INBOX",
    });
    dovecot.deliver(
      "From: x@host.example\r\nSubject: hello\r\nMessage-ID: <tls1@host.example>\r\n\r\nhi\r\n",
    );
    setAllowance(false);
    const refused = await pollMailbox(a.workspaceId);
    expect(refused.fetched).toBe(0);
    expect(refused.error).toContain("encrypted connection (STARTTLS)");
    const page = (await call(mailboxSettingsRoute.loader, get("/settings/mailbox", a.cookie))) as {
      connection: string;
    };
    expect(page.connection).toContain("must switch to TLS (STARTTLS)");

    setAllowance(true);
    const allowed = await pollMailbox(a.workspaceId);
    expect(allowed.error).toBeUndefined();
    expect(allowed.fetched).toBe(1);
  });
});
