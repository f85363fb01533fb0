// How Retract's mail connections are protected (decision 066). Mail passwords and letters
// never cross the network in plain text: SMTP either uses TLS from the start or must upgrade with STARTTLS
// (nodemailer `requireTLS`), and IMAP either uses TLS from the start or must upgrade (imapflow
// `doSTARTTLS: true`). The only exception is a mail server on this machine (a loopback address) when the
// operator sets RETRACT_MAIL_PLAIN_LOOPBACK=true: a local relay that has no certificate.
import { isIP } from "node:net";
import { getEnv } from "~/env.server";
import type { MessageKey } from "~/i18n/translate";

/** `localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped IPv6 address). Names other than localhost are not. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  const v4 = h.startsWith("::ffff:") ? h.slice(7) : h;
  if (isIP(v4) === 4) return v4.startsWith("127.");
  return isIP(h) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(h);
}

/** True only for a loopback host when the operator allowed plain text for it. */
export function plainTextAllowed(host: string): boolean {
  return getEnv().RETRACT_MAIL_PLAIN_LOOPBACK && isLoopbackHost(host);
}

export type MailConnection = "tls" | "starttls" | "plain-loopback";

/** What a connection with these settings will be: the settings pages show it. */
export function mailConnectionKind(host: string, secure: boolean): MailConnection {
  if (secure) return "tls";
  return plainTextAllowed(host) ? "plain-loopback" : "starttls";
}

/** nodemailer options: TLS at once, or STARTTLS that must succeed before anything is sent or logged in. */
export function smtpSecurity(host: string, secure: boolean) {
  return { secure, requireTLS: !secure && !plainTextAllowed(host) };
}

/** imapflow options: TLS at once, or STARTTLS that must succeed before the log-in. */
export function imapSecurity(host: string, secure: boolean) {
  if (secure) return { secure: true };
  return plainTextAllowed(host) ? { secure: false } : { secure: false, doSTARTTLS: true };
}

/** The settings pages' sentence about how the connection is protected, as a message key. */
export const MAIL_CONNECTION_KEYS = {
  tls: "mailConnection.tls",
  starttls: "mailConnection.starttls",
  "plain-loopback": "mailConnection.plainLoopback",
} as const satisfies Record<MailConnection, MessageKey>;
