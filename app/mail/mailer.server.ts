// Outgoing system mail (password resets, reminders) through nodemailer over SMTP.
// Without SMTP configured the message is written to the server log instead, so a self-hoster can still
// recover an account; RETRACT_LOG_MAIL=false turns that off.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/env.server";
import { smtpSecurity } from "./transport-security.server";

export type SystemMail = { to: string; subject: string; text: string };

let transporter: Transporter | undefined;

function getTransporter() {
  const env = getEnv();
  if (!env.SMTP_HOST) return undefined;
  transporter ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    ...smtpSecurity(env.SMTP_HOST, env.SMTP_SECURE),
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
  });
  return transporter;
}

export function resetMailerForTests() {
  transporter?.close();
  transporter = undefined;
}

/** Whether system mail can reach anyone: by SMTP, or (a single-user machine) through the server log. */
export function canSendSystemMail() {
  const env = getEnv();
  return Boolean(env.SMTP_HOST) || env.logMail;
}

export async function sendSystemMail(mail: SystemMail) {
  const env = getEnv();
  const t = getTransporter();
  if (t) {
    const info = await t.sendMail({
      from: env.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { delivered: true as const, messageId: info.messageId as string };
  }
  if (env.logMail) {
    console.info(
      `[mail] SMTP is not configured; this message was not sent.\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n[/mail]`,
    );
  }
  return { delivered: false as const, messageId: null };
}
