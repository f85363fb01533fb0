// A workspace's own SMTP account (letters go out from the user's mailbox). The user name, password, From and
// Reply-To are encrypted; the password never leaves the server, not even back into the settings form.
import { connect as netConnect, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { workspaceSmtp } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { smtpSecurity } from "~/mail/transport-security.server";
import type { SmtpSettingsInput } from "~/requests/compose/forms";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { requirePermission, type Scope } from "~/workspaces/scope.server";
import { englishOf, type Said } from "../said";

const seal = {
  user: sealFor("workspace_smtp", "user_enc"),
  password: sealFor("workspace_smtp", "password_enc"),
  from: sealFor("workspace_smtp", "from_enc"),
  replyTo: sealFor("workspace_smtp", "reply_to_enc"),
};

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
  replyTo: string;
};

export function hasSmtpSettings(workspaceId: string): boolean {
  return !!getDb()
    .select({ id: workspaceSmtp.workspaceId })
    .from(workspaceSmtp)
    .where(eq(workspaceSmtp.workspaceId, workspaceId))
    .get();
}

/** Decrypted settings for sending (server-side only), or null when the workspace has none. */
export function smtpSettingsFor(workspaceId: string): SmtpSettings | null {
  const row = getDb().select().from(workspaceSmtp).where(eq(workspaceSmtp.workspaceId, workspaceId)).get();
  if (!row) return null;
  return {
    host: row.host,
    port: row.port,
    secure: row.secure,
    user: row.userEnc.open(workspaceId),
    password: row.passwordEnc.open(workspaceId),
    from: row.fromEnc.open(workspaceId),
    replyTo: row.replyToEnc.open(workspaceId),
  };
}

/** The settings form's values: everything but the password (only whether one is stored). */
export function smtpSettingsForForm(scope: Scope) {
  requirePermission(scope, "workspace:manage");
  const s = smtpSettingsFor(scope.workspaceId);
  if (!s) return null;
  const { password, ...rest } = s;
  return { ...rest, hasPassword: password.length > 0 };
}

export function saveSmtpSettings(scope: Scope, input: SmtpSettingsInput) {
  requirePermission(scope, "workspace:manage");
  const w = scope.workspaceId;
  const existing = smtpSettingsFor(w);
  const password = input.password || existing?.password || "";
  const values = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    userEnc: seal.user(w, input.user),
    passwordEnc: seal.password(w, password),
    fromEnc: seal.from(w, input.from),
    replyToEnc: seal.replyTo(w, input.replyTo),
    updatedBy: scope.userId,
    updatedAt: new Date(),
  };
  getDb()
    .insert(workspaceSmtp)
    .values({ workspaceId: w, ...values })
    .onConflictDoUpdate({ target: workspaceSmtp.workspaceId, set: values })
    .run();
  audit({
    action: "smtp.update",
    actorUserId: scope.userId,
    workspaceId: w,
    targetType: "workspace",
    targetId: w,
  });
}

const connectionOptions = (s: SmtpSettings) =>
  ({
    host: s.host,
    port: s.port,
    ...smtpSecurity(s.host, s.secure),
    auth: s.user ? { user: s.user, pass: s.password } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  }) satisfies SMTPTransport.Options;

/** One connection for one message (the settings page's test message). */
export function transportFor(s: SmtpSettings) {
  return nodemailer.createTransport(connectionOptions(s));
}

/**
 * A pooled transport for the outbox: a bulk of letters reuses a couple of logged-in connections instead of
 * connecting, greeting and authenticating once per letter. The outbox makes one per workspace and settings for
 * a drain of the queue and closes it at the end, so a pooled connection never outlives changed settings.
 */
export function pooledTransportFor(s: SmtpSettings) {
  return nodemailer.createTransport({
    ...connectionOptions(s),
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    getSocket: noDelaySocket,
  } satisfies SMTPPool.Options);
}

/**
 * The TCP connection for the pool, with Nagle's algorithm off. SMTP is a chat of small commands; with Nagle on
 * (nodemailer leaves it on) each command after the first of a message waits for the server's delayed ACK, about
 * 40 ms on Linux, which capped a pooled connection at ~20 letters/s (bench/outbox.ts). nodemailer does the rest
 * as usual on this socket: TLS at once for `secure`, else STARTTLS, then the login.
 */
function noDelaySocket(
  o: SMTPPool.Options,
  callback: (err: Error | null, socketOptions?: { connection: Socket }) => void,
) {
  const socket = netConnect({ host: o.host, port: o.port ?? (o.secure ? 465 : 587) });
  socket.setNoDelay(true);
  const fail = (e: Error) => {
    socket.destroy();
    callback(e);
  };
  socket.setTimeout(o.connectionTimeout ?? 15_000, () =>
    fail(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })),
  );
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.off("error", fail);
    callback(null, { connection: socket });
  });
}

/** The address part of a From header ("Jo <jo@example.com>" → jo@example.com). */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** The test message could not be sent: the settings page shows why (400). */
/** Why the test message did not go: English as its message (logs, the API), its words as a key (`said`). */
export class SmtpTestError extends UserError {
  readonly said: Said;
  constructor(said: Said) {
    super(englishOf(said));
    this.said = said;
  }
}

/** Sends a short test message to the workspace's own address (Reply-To, else From). */
export async function sendTestMessage(scope: Scope) {
  requirePermission(scope, "workspace:manage");
  const s = smtpSettingsFor(scope.workspaceId);
  if (!s) throw new SmtpTestError({ key: "errors.smtp.saveFirst" });
  const to = s.replyTo || addressOf(s.from);
  const t = transportFor(s);
  try {
    await t.sendMail({
      from: s.from,
      to,
      replyTo: s.replyTo || undefined,
      subject: "Retract: test message",
      text: "This is a test message from Retract. Your email settings work: letters will be sent from this account.\n",
    });
  } catch (e) {
    audit({
      action: "smtp.test",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      detail: { ok: false },
    });
    throw new SmtpTestError(
      noStartTls(e)
        ? { key: "errors.smtp.testNoStartTls" }
        : { key: "errors.smtp.testRefused", values: { error: describeSmtpError(e) } },
    );
  } finally {
    t.close();
  }
  audit({
    action: "smtp.test",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    detail: { ok: true },
  });
  return { to };
}

/** The server offers no encrypted connection (STARTTLS), so nothing was sent. */
function noStartTls(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === "ETLS" || /STARTTLS/i.test(err.message ?? "");
}

/** A short, personal-data-free description of an SMTP or network error (codes, not addresses). */
export function describeSmtpError(e: unknown): string {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  const scrub = (s: string) => s.replace(/[^\s<>@]+@[^\s<>@]+/g, "<address>").slice(0, 200);
  if (noStartTls(e))
    return "the server does not offer an encrypted connection (STARTTLS), so nothing was sent";
  if (err.responseCode) return scrub(`${err.responseCode} ${err.response ?? ""}`.trim());
  if (err.code) return `${err.code}${err.message ? `: ${scrub(err.message)}` : ""}`;
  return scrub(err.message ?? String(e));
}
