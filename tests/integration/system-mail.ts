// Points the server's own mail (password resets, invitations, reminders) at a real SMTP server on 127.0.0.1
// for the duration of a test file, and collects what arrives as { to, subject, text }.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "~/env.server";
import { resetMailerForTests } from "~/mail/mailer.server";
import { startSmtpServer } from "./smtp-test-server";

export type SystemMail = { to: string; subject: string; text: string };

const addresses = (field: ParsedMail["to"]) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));

/** Registers beforeAll/afterAll; the returned array fills as mail arrives. */
export function useSystemMailServer(baseUrl = "https://retract.example.org"): SystemMail[] {
  const inbox: SystemMail[] = [];
  let server: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    server = await startSmtpServer(0, (mail) =>
      inbox.push({ to: addresses(mail.to).join(","), subject: mail.subject ?? "", text: mail.text ?? "" }),
    );
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(server.port);
    process.env.RETRACT_BASE_URL = baseUrl;
    resetEnvForTests();
    resetMailerForTests();
  });
  afterAll(async () => {
    resetMailerForTests();
    delete process.env.SMTP_HOST;
    delete process.env.SMTP_PORT;
    delete process.env.RETRACT_BASE_URL;
    resetEnvForTests();
    await server.close();
  });
  return inbox;
}
