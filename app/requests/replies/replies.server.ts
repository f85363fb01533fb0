// Replies to letters: read from the workspace's IMAP mailbox (imapflow) or recorded by hand. Each message is
// parsed with mailparser, matched to its letter (Message-ID headers, else the RX reference in the subject; a
// bounce by the original's Message-ID it carries), classified from its text (classify.ts) and stored encrypted
// (the raw message too). The class is a suggestion the person confirms (decision 110); only an acknowledgement
// and a delivery failure report move the request on arrival. Mail that matches nothing waits in the inbox.
import { createHash } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import { inboundMessages, letters, outbox, workspaceImap } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { enqueue } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/runner.server";
import { wakeJobs } from "~/jobs/wake.server";
import { imapSecurity } from "~/mail/transport-security.server";
import { applyEvent, getRequest } from "~/requests/requests.server";
import { IllegalTransitionError, type RequestEvent } from "~/requests/tracking/lifecycle";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { type Classification, classifyReply, isRefusalReason, isReplyClass } from "./classify";
import { settleOnArrival } from "./confirm.server";
import { type LetterFinder, matchReply } from "./match";

const seal = {
  from: sealFor("inbound_messages", "from_enc"),
  subject: sealFor("inbound_messages", "subject_enc"),
  text: sealFor("inbound_messages", "text_enc"),
  raw: sealFor("inbound_messages", "raw_enc"),
};
const sealImapUser = sealFor("workspace_imap", "user_enc");
const sealImapPassword = sealFor("workspace_imap", "password_enc");

/** Raw messages above this size keep their parsed text only (a huge attachment should not bloat the database). */
export const MAX_RAW_BYTES = 20 * 1024 * 1024;

// ── Finding letters (the small interface the matcher needs) ────────────────────────────────────────
export function letterFinder(workspaceId: string): LetterFinder {
  const db = getDb();
  return {
    findLetterByMessageId(messageId) {
      const l = db
        .select({ id: letters.id })
        .from(letters)
        .where(and(eq(letters.workspaceId, workspaceId), eq(letters.messageId, messageId)))
        .get();
      if (l) return l.id;
      // Queued or retried letters carry the outbox's Message-ID before letters.message_id is set.
      return (
        db
          .select({ id: outbox.letterId })
          .from(outbox)
          .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.messageId, messageId)))
          .get()?.id ?? null
      );
    },
    findLetterByReference(reference) {
      return (
        db
          .select({ id: letters.id })
          .from(letters)
          .where(and(eq(letters.workspaceId, workspaceId), eq(letters.reference, reference)))
          .get()?.id ?? null
      );
    },
  };
}

// ── Storing a message ────────────────────────────────────────────────────────────────────────
export type IngestResult = {
  id: string;
  letterId: string | null;
  matchedBy: string | null;
  duplicate: boolean;
};

/** The person said the reply confirms receipt: a letter that was only waiting moves to "acknowledged". */
function acknowledge(workspaceId: string, letterId: string, inboundMessageId: string, at: Date) {
  const event: RequestEvent = { type: "acknowledge" };
  try {
    applyEvent(workspaceId, letterId, event, null, { inboundMessageId, at });
  } catch (e) {
    if (!(e instanceof IllegalTransitionError)) throw e;
  }
}

/** The Message-IDs of the original a bounce carries (its returned headers or message, or quoted in its text). */
function returnedMessageIds(parts: string[]): string[] {
  const ids: string[] = [];
  for (const p of parts) for (const m of p.matchAll(/^\s*Message-ID:\s*(<[^<>\s]+>)/gim)) ids.push(m[1]!);
  return ids;
}

/** Parses, matches and stores one raw message for a workspace. The same Message-ID is stored once. */
export async function ingestMessage(
  workspaceId: string,
  raw: Buffer,
  receivedAt = new Date(),
): Promise<IngestResult> {
  // imapflow and mailparser load on first use: most servers never read a mailbox, and they slow every start.
  const { simpleParser } = await import("mailparser");
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true });
  const key = mail.messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  const messageIdHmac = blindIndex("inbound-message-id", key);
  const db = getDb();
  const existing = db
    .select({
      id: inboundMessages.id,
      letterId: inboundMessages.letterId,
      matchedBy: inboundMessages.matchedBy,
    })
    .from(inboundMessages)
    .where(
      and(eq(inboundMessages.workspaceId, workspaceId), eq(inboundMessages.messageIdHmac, messageIdHmac)),
    )
    .get();
  if (existing) return { ...existing, duplicate: true };
  const text = mail.text ?? (typeof mail.html === "string" ? mail.html.replace(/<[^>]+>/g, " ") : "");
  const contentType = mail.headers.get("content-type") as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  const isReport = contentType?.value?.toLowerCase() === "multipart/report";
  const classification = classifyReply({
    subject: mail.subject,
    from: mail.from?.value[0]?.address ?? mail.from?.text,
    text,
    contentType: contentType?.value,
    reportType: contentType?.params?.["report-type"],
    // mailparser reads a message/delivery-status part as text, so the report's fields are in the text.
    deliveryStatus: isReport ? text : null,
  });
  const returned =
    classification.cls === "bounce"
      ? returnedMessageIds([...mail.attachments.map((a) => a.content.toString("utf8")), text])
      : [];
  const references = [
    ...returned,
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []),
  ];
  const match = matchReply(
    { inReplyTo: mail.inReplyTo, references, subject: mail.subject },
    letterFinder(workspaceId),
  );
  const id = newId();
  db.insert(inboundMessages)
    .values({
      id,
      workspaceId,
      letterId: match?.letterId ?? null,
      source: "imap",
      messageIdHmac,
      matchedBy: match?.by ?? null,
      fromEnc: seal.from(id, mail.from?.text ?? ""),
      subjectEnc: seal.subject(id, mail.subject ?? ""),
      textEnc: seal.text(id, text),
      // Bytes kept exactly: latin1 maps each byte to one character and back.
      rawEnc: raw.length <= MAX_RAW_BYTES ? seal.raw(id, raw.toString("latin1")) : null,
      size: raw.length,
      receivedAt: mail.date ?? receivedAt,
      replyClass: classification.cls,
      replyReason: classification.reason,
    })
    .run();
  audit({
    action: "reply.fetch",
    workspaceId,
    targetType: "inbound_message",
    targetId: id,
    detail: { matched: match?.by ?? "none", size: raw.length, class: classification.cls },
  });
  if (match) settleOnArrival(workspaceId, match.letterId, id, classification, mail.date ?? receivedAt);
  return { id, letterId: match?.letterId ?? null, matchedBy: match?.by ?? null, duplicate: false };
}

// ── The mailbox settings ───────────────────────────────────────────────────────────────────────
export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
};

export function imapSettingsFor(
  workspaceId: string,
): (ImapSettings & { lastPolledAt: Date | null; lastError: string | null }) | null {
  const r = getDb().select().from(workspaceImap).where(eq(workspaceImap.workspaceId, workspaceId)).get();
  if (!r) return null;
  return {
    host: r.host,
    port: r.port,
    secure: r.secure,
    user: r.userEnc.open(workspaceId),
    password: r.passwordEnc.open(workspaceId),
    mailbox: r.mailbox,
    lastPolledAt: r.lastPolledAt,
    lastError: r.lastError,
  };
}

/** Saves the mailbox settings; an empty password keeps the stored one. */
export function saveImapSettings(scope: Scope, s: Omit<ImapSettings, "password"> & { password: string }) {
  requirePermission(scope, "workspace:manage");
  const w = scope.workspaceId;
  const old = imapSettingsFor(w);
  const password = s.password || old?.password;
  if (!password) throw new Error("A password is needed.");
  const now = new Date();
  const values = {
    host: s.host,
    port: s.port,
    secure: s.secure,
    userEnc: sealImapUser(w, s.user),
    passwordEnc: sealImapPassword(w, password),
    mailbox: s.mailbox || "INBOX",
    updatedBy: scope.userId,
    updatedAt: now,
  };
  const changedAccount = !old || old.host !== s.host || old.user !== s.user || old.mailbox !== values.mailbox;
  getDb()
    .insert(workspaceImap)
    .values({ workspaceId: w, ...values })
    .onConflictDoUpdate({
      target: workspaceImap.workspaceId,
      // Another account or folder: its UIDs mean something else, so start again from the top.
      set: changedAccount ? { ...values, lastUid: 0, uidValidity: null } : values,
    })
    .run();
  audit({
    action: "imap.update",
    actorUserId: scope.userId,
    workspaceId: w,
    targetType: "workspace",
    targetId: w,
  });
}

async function clientFor(s: ImapSettings): Promise<ImapFlow> {
  const { ImapFlow } = await import("imapflow");
  return new ImapFlow({
    host: s.host,
    port: s.port,
    ...imapSecurity(s.host, s.secure),
    auth: { user: s.user, pass: s.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

function describeImapError(e: unknown): string {
  const err = e as { responseText?: string; code?: string; authenticationFailed?: boolean; message?: string };
  if (err.authenticationFailed) return "The mail server refused the user name or password.";
  if ((e as { tlsFailed?: boolean }).tlsFailed)
    return "The mail server does not offer an encrypted connection (STARTTLS), so Retract did not log in.";
  if (err.code === "ECONNREFUSED") return "The mail server refused the connection (check host and port).";
  if (err.code === "ENOTFOUND") return "The mail server's name does not resolve.";
  if (err.code === "ETIMEDOUT" || err.code === "CONNECT_TIMEOUT")
    return "The mail server did not answer in time.";
  return (err.responseText ?? err.message ?? "The mailbox could not be read.").slice(0, 200);
}

export type PollResult = { fetched: number; matched: number; unmatched: number; error?: string };

/** Reads new messages from the workspace's mailbox (read-only: nothing is marked or moved there). */
export async function pollMailbox(workspaceId: string): Promise<PollResult> {
  const s = imapSettingsFor(workspaceId);
  if (!s) return { fetched: 0, matched: 0, unmatched: 0, error: "No mailbox is set up." };
  const db = getDb();
  const row = db.select().from(workspaceImap).where(eq(workspaceImap.workspaceId, workspaceId)).get()!;
  const client = await clientFor(s);
  const result: PollResult = { fetched: 0, matched: 0, unmatched: 0 };
  let lastUid = row.lastUid;
  let uidValidity = row.uidValidity;
  try {
    await client.connect();
    const box = await client.mailboxOpen(s.mailbox, { readOnly: true });
    if (uidValidity !== String(box.uidValidity)) {
      uidValidity = String(box.uidValidity);
      lastUid = 0;
    }
    const raws: { uid: number; source: Buffer; date: Date }[] = [];
    for await (const m of client.fetch(
      `${lastUid + 1}:*`,
      { uid: true, source: true, internalDate: true },
      { uid: true },
    )) {
      if (m.uid > lastUid && m.source)
        raws.push({ uid: m.uid, source: m.source, date: new Date(m.internalDate ?? Date.now()) });
    }
    for (const m of raws.sort((a, b) => a.uid - b.uid)) {
      const r = await ingestMessage(workspaceId, m.source, m.date);
      if (!r.duplicate) {
        result.fetched += 1;
        if (r.letterId) result.matched += 1;
        else result.unmatched += 1;
      }
      lastUid = m.uid;
    }
    await client.logout();
  } catch (e) {
    result.error = describeImapError(e);
    client.close();
  }
  db.update(workspaceImap)
    .set({ lastUid, uidValidity, lastPolledAt: new Date(), lastError: result.error ?? null })
    .where(eq(workspaceImap.workspaceId, workspaceId))
    .run();
  return result;
}

/** Polls every workspace's mailbox (the background job and `npm run cli -- replies`). */
export async function pollAllMailboxes() {
  const ws = getDb().select({ id: workspaceImap.workspaceId }).from(workspaceImap).all();
  const out: Record<string, PollResult> = {};
  for (const w of ws) out[w.id] = await pollMailbox(w.id);
  return out;
}

/**
 * Recurring job of the runner: every RETRACT_IMAP_POLL_MINUTES (off at 0) it queues one poll per mailbox; the
 * poll's key (the workspace) keeps a slow mailbox from being polled twice at once.
 */
export const mailboxJob: JobHandler = {
  queue: "mailboxes",
  everyMs: () => {
    const minutes = getEnv().RETRACT_IMAP_POLL_MINUTES;
    return minutes === 0 ? null : minutes * 60_000;
  },
  run() {
    const db = getDb();
    for (const w of db.select({ id: workspaceImap.workspaceId }).from(workspaceImap).all())
      enqueue(db, { queue: MAILBOX_POLL_QUEUE, key: w.id, payload: { workspaceId: w.id }, maxAttempts: 1 });
    wakeJobs();
  },
};

const MAILBOX_POLL_QUEUE = "mailbox.poll";

/** One mailbox's poll; its errors are recorded on the mailbox (pollMailbox), so a failed poll waits for the next. */
export const mailboxPollJob: JobHandler = {
  queue: MAILBOX_POLL_QUEUE,
  concurrency: 2,
  async run({ payload }) {
    try {
      await pollMailbox(String(payload.workspaceId));
    } catch (e) {
      console.error(`[mailbox] ${describeImapError(e)}`);
    }
  },
};

// ── Reading, assigning, recording by hand ─────────────────────────────────────────────────────────
export type Reply = {
  id: string;
  letterId: string | null;
  source: "imap" | "manual";
  matchedBy: string | null;
  from: string;
  subject: string;
  text: string;
  receivedAt: Date;
  /** The classifier's suggestion (null on replies stored before it) and whether it is settled. */
  suggestion: Pick<Classification, "cls" | "reason"> | null;
  settled: boolean;
};

function storedSuggestion(r: typeof inboundMessages.$inferSelect): Reply["suggestion"] {
  if (!r.replyClass || !isReplyClass(r.replyClass)) return null;
  const reason = r.replyReason && isRefusalReason(r.replyReason) ? r.replyReason : null;
  return { cls: r.replyClass, reason };
}

function decryptReply(r: typeof inboundMessages.$inferSelect): Reply {
  return {
    id: r.id,
    letterId: r.letterId,
    source: r.source,
    matchedBy: r.matchedBy,
    from: r.fromEnc.open(r.id),
    subject: r.subjectEnc.open(r.id),
    text: r.textEnc.open(r.id),
    receivedAt: r.receivedAt,
    suggestion: storedSuggestion(r),
    settled: r.settledAt !== null,
  };
}

/** The replies to one request, decrypted; the read is logged. */
export function repliesFor(scope: Scope, letterId: string): Reply[] {
  getRequest(scope, letterId);
  const rows = getDb()
    .select()
    .from(inboundMessages)
    .where(inScope(inboundMessages, scope, eq(inboundMessages.letterId, letterId)))
    .orderBy(desc(inboundMessages.receivedAt))
    .all();
  if (rows.length)
    audit({
      action: "reply.read",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "letter",
      targetId: letterId,
      detail: { count: rows.length },
    });
  return rows.map(decryptReply);
}

/** Mail that matched no letter. Only members who see every case see it: it may be about anyone. */
export function inbox(scope: Scope): Reply[] {
  requirePermission(scope, "case:read_all");
  const rows = getDb()
    .select()
    .from(inboundMessages)
    .where(inScope(inboundMessages, scope, isNull(inboundMessages.letterId)))
    .orderBy(desc(inboundMessages.receivedAt))
    .limit(200)
    .all();
  if (rows.length)
    audit({
      action: "reply.read",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "inbox",
      detail: { count: rows.length },
    });
  return rows.map(decryptReply);
}

/** Attaches an unmatched message to a request. */
export function assignReply(scope: Scope, messageId: string, letterId: string) {
  requirePermission(scope, "case:write");
  requirePermission(scope, "case:read_all");
  getRequest(scope, letterId);
  const res = getDb()
    .update(inboundMessages)
    .set({ letterId, matchedBy: "manual" })
    .where(
      inScope(inboundMessages, scope, eq(inboundMessages.id, messageId), isNull(inboundMessages.letterId)),
    )
    .run();
  if (res.changes !== 1) notFound("This message");
  audit({
    action: "reply.assign",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "inbound_message",
    targetId: messageId,
    detail: { letterId },
  });
  const row = getDb()
    .select({ replyClass: inboundMessages.replyClass, replyReason: inboundMessages.replyReason })
    .from(inboundMessages)
    .where(eq(inboundMessages.id, messageId))
    .get();
  const cls = row?.replyClass && isReplyClass(row.replyClass) ? row.replyClass : "unknown";
  const reason = row?.replyReason && isRefusalReason(row.replyReason) ? row.replyReason : null;
  // A report the mail system wrote (not a person) is settled as on arrival; the rest waits for the person.
  settleOnArrival(
    scope.workspaceId,
    letterId,
    messageId,
    { cls, reason, matched: [], definitive: false },
    new Date(),
  );
}

/**
 * Attaches an unmatched message to the workspace's letter with this reference (the inbox's "attach" form).
 * Says which letter, so the page can open it; a reference no letter of the workspace has is the user's to fix.
 */
export function assignReplyByReference(scope: Scope, messageId: string, reference: string) {
  const letter = getDb()
    .select({ id: letters.id, caseId: letters.caseId })
    .from(letters)
    .where(and(eq(letters.workspaceId, scope.workspaceId), eq(letters.reference, reference)))
    .get();
  if (!letter) throw new UserError({ key: "errors.reply.unknownReference" }, { field: "reference" });
  assignReply(scope, messageId, letter.id);
  return { letterId: letter.id, caseId: letter.caseId };
}

/** A reply that came by post, phone or a web form: the pasted text and the outcome the user picked. */
export function recordReply(
  scope: Scope,
  letterId: string,
  r: { text: string; receivedOn: string; event: RequestEvent | null; placeIds?: string[] },
) {
  requirePermission(scope, "case:write");
  getRequest(scope, letterId);
  const id = newId();
  const receivedAt = new Date(`${r.receivedOn}T12:00:00Z`);
  // The pasted text is classified too; when the person picked an outcome themselves, that settles it.
  const classification = r.text ? classifyReply({ text: r.text }) : null;
  getDb()
    .insert(inboundMessages)
    .values({
      id,
      workspaceId: scope.workspaceId,
      letterId,
      source: "manual",
      messageIdHmac: null,
      matchedBy: "manual",
      fromEnc: seal.from(id, ""),
      subjectEnc: seal.subject(id, ""),
      textEnc: seal.text(id, r.text),
      rawEnc: null,
      size: Buffer.byteLength(r.text),
      receivedAt,
      replyClass: classification?.cls ?? null,
      replyReason: classification?.reason ?? null,
      settledAt: r.event || !classification || classification.cls === "acknowledgement" ? new Date() : null,
    })
    .run();
  audit({
    action: "reply.record",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: letterId,
  });
  if (r.event)
    return applyEvent(scope.workspaceId, letterId, r.event, scope.userId, {
      inboundMessageId: id,
      at: receivedAt,
      placeIds: r.placeIds,
    });
  acknowledge(scope.workspaceId, letterId, id, receivedAt);
  return null;
}
