// The outbox worker: sends queued letters over the workspace's SMTP account. Temporary failures (4xx, network)
// are retried with exponential backoff; permanent ones (5xx) fail the letter and the case page says so.
// A row is marked sent in the same synchronous step that follows the server's acceptance, so after a restart
// only rows whose send never completed are tried again (see docs/decisions on the at-least-once window).
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { evidence, letters, outbox } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { readEncryptedFile } from "~/evidence/storage.server";
import { enqueue } from "~/jobs/queue.server";
import type { JobHandler, JobResult } from "~/jobs/runner.server";
import { latestMandateForCase, mandateAttachment } from "~/requests/compose/mandates.server";
import { decryptLetter, recordSent, todayUtc } from "~/requests/store.server";
import { SEND_QUEUE } from "./queue.server";
import {
  describeSmtpError,
  pooledTransportFor,
  type SmtpSettings,
  smtpSettingsFor,
} from "./smtp-settings.server";

/** Retries before a temporary failure becomes permanent (about 9 hours with the backoff below). */
export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 2 * 60 * 60_000;
/** A row left in `sending` longer than this (a worker that died mid-send) is tried again. */
export const STALE_SENDING_MS = 10 * 60_000;

/** When this process started: a `sending` claim older than that belongs to a process that is gone. */
const bootedAt = Date.now();

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** 5xx replies are permanent; 4xx replies and network errors (no reply code) are worth retrying. */
export function isPermanent(e: unknown): boolean {
  const code = (e as { responseCode?: number }).responseCode;
  if (typeof code === "number") return code >= 500;
  // nodemailer's own refusals before talking to a server (bad address, no recipients) cannot get better.
  return (e as { code?: string }).code === "EENVELOPE" || (e as { code?: string }).code === "EMESSAGE";
}

type Outcome = { letterId: string; result: "sent" | "retry" | "failed"; error?: string };

/** Pooled transports of one drain of the queue, one per workspace and settings; closed when the drain ends. */
export class Transports {
  private byKey = new Map<string, ReturnType<typeof pooledTransportFor>>();
  get(workspaceId: string, s: SmtpSettings) {
    const key = `${workspaceId}\n${JSON.stringify(s)}`;
    let t = this.byKey.get(key);
    if (!t) {
      t = pooledTransportFor(s);
      this.byKey.set(key, t);
    }
    return t;
  }
  close() {
    for (const t of this.byKey.values()) t.close();
    this.byKey.clear();
  }
}

/**
 * Attachments: the evidence the user picked, and, when a representative sends, the client's latest signed
 * letter of authority (decrypted just for this message).
 */
function attachmentsOf(
  workspaceId: string,
  ids: string[],
  mandateFor: { caseId: string; represented: boolean } | null = null,
) {
  const out: { filename: string; content: Buffer; contentType: string }[] = [];
  for (const id of ids) {
    const row = getDb()
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, id), eq(evidence.workspaceId, workspaceId)))
      .get();
    if (!row) continue;
    out.push({
      filename: row.filenameEnc.open(id),
      content: readEncryptedFile(row.storageKey, `evidence:${id}:file`),
      contentType: row.mime,
    });
  }
  if (mandateFor?.represented) {
    const mandate = latestMandateForCase(workspaceId, mandateFor.caseId);
    // Sending refuses a representative's letter without one; one deleted since cannot be sent without.
    if (!mandate) throw new Error("no signed mandate");
    out.push(mandateAttachment(mandate));
  }
  return out;
}

/**
 * Hands rows whose worker died back to the queue: claimed before this process started, or long ago (`only`: just
 * that row).
 */
function reclaimStale(now: Date, only?: string) {
  const cutoff = new Date(Math.max(bootedAt, now.getTime() - STALE_SENDING_MS));
  const db = getDb();
  const stale = db
    .select({ id: outbox.id, letterId: outbox.letterId, attempts: outbox.attempts })
    .from(outbox)
    .where(
      and(eq(outbox.state, "sending"), lte(outbox.claimedAt, cutoff), only ? eq(outbox.id, only) : undefined),
    )
    .all();
  for (const row of stale) {
    // A message whose every attempt died with its process (a poison message) stops being retried.
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    db.transaction((tx) => {
      tx.update(outbox)
        .set({
          state: giveUp ? "failed" : "pending",
          claimedAt: null,
          lastError: giveUp ? "Sending stopped the worker every time it was tried." : undefined,
          updatedAt: now,
        })
        .where(and(eq(outbox.id, row.id), eq(outbox.state, "sending")))
        .run();
      if (giveUp)
        tx.update(letters)
          .set({ status: "failed", updatedAt: now })
          .where(eq(letters.id, row.letterId))
          .run();
    });
  }
}

/** Marks the row `sending` if it is still pending; false when another worker got it first. */
function claim(id: string, now: Date): boolean {
  const res = getDb()
    .update(outbox)
    // The attempt is counted when it starts: a message that kills the process still runs out of attempts.
    .set({ state: "sending", claimedAt: now, attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.state, "pending")))
    .run();
  return res.changes === 1;
}

async function sendOne(row: typeof outbox.$inferSelect, now: Date, transports: Transports): Promise<Outcome> {
  const db = getDb();
  const letterRow = db.select().from(letters).where(eq(letters.id, row.letterId)).get();
  if (!letterRow) {
    db.delete(outbox).where(eq(outbox.id, row.id)).run();
    return { letterId: row.letterId, result: "failed", error: "letter deleted" };
  }
  const attempts = row.attempts + 1;
  const settings = smtpSettingsFor(row.workspaceId);
  const fail = (error: string, permanent: boolean): Outcome => {
    const giveUp = permanent || attempts >= MAX_ATTEMPTS;
    db.transaction((tx) => {
      tx.update(outbox)
        .set({
          state: giveUp ? "failed" : "pending",
          attempts,
          claimedAt: null,
          lastError: error,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
          updatedAt: now,
        })
        .where(eq(outbox.id, row.id))
        .run();
      if (giveUp)
        tx.update(letters)
          .set({ status: "failed", updatedAt: now })
          .where(eq(letters.id, row.letterId))
          .run();
    });
    if (giveUp)
      audit({
        action: "letter.failed",
        workspaceId: row.workspaceId,
        targetType: "letter",
        targetId: row.letterId,
        detail: { attempts },
      });
    return { letterId: row.letterId, result: giveUp ? "failed" : "retry", error };
  };
  if (!settings) return fail("No email account is set up for this workspace.", true);

  const letter = decryptLetter(letterRow);
  let attachments: ReturnType<typeof attachmentsOf>;
  try {
    attachments = attachmentsOf(row.workspaceId, letter.attachmentIds, {
      caseId: letter.caseId,
      represented: Boolean(letter.variables.representative),
    });
  } catch {
    return fail("An attached file (evidence or the signed letter of authority) could not be read.", true);
  }
  const transport = transports.get(row.workspaceId, settings);
  try {
    await transport.sendMail({
      messageId: row.messageId,
      from: settings.from,
      to: letter.address,
      replyTo: settings.replyTo || undefined,
      subject: letter.subject,
      text: letter.body,
      attachments,
      headers: { "X-Retract-Reference": letter.reference },
    });
  } catch (e) {
    return fail(describeSmtpError(e), isPermanent(e));
  }
  // The server has the message: record it before anything else can happen (no await between here and commit).
  const sentAt = new Date();
  db.transaction((tx) => {
    tx.update(outbox)
      .set({ state: "sent", attempts, claimedAt: null, lastError: null, sentAt, updatedAt: sentAt })
      .where(eq(outbox.id, row.id))
      .run();
    // The one send path (dates, deadlines, exposures, a follow-up's request): received the day it was sent.
    recordSent(tx, letterRow, {
      at: sentAt,
      sentOn: todayUtc(sentAt),
      messageId: row.messageId,
      actorUserId: null,
    });
  });
  audit({
    action: "letter.sent",
    workspaceId: row.workspaceId,
    targetType: "letter",
    targetId: row.letterId,
    detail: { attempts, attachments: attachments.length },
  });
  return { letterId: row.letterId, result: "sent" };
}

/**
 * One pass over the due rows; returns what happened to each. Tests call this directly. Without `transports`
 * (from drainOutbox) the pass opens its own pooled connections and closes them at its end.
 */
export async function processOutboxOnce({
  now = new Date(),
  limit = 20,
  transports,
}: {
  now?: Date;
  limit?: number;
  transports?: Transports;
} = {}): Promise<Outcome[]> {
  if (!transports) {
    const own = new Transports();
    try {
      return await processOutboxOnce({ now, limit, transports: own });
    } finally {
      own.close();
    }
  }
  reclaimStale(now);
  const due = getDb()
    .select()
    .from(outbox)
    .where(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .all();
  const outcomes: Outcome[] = [];
  for (const row of due) {
    if (!claim(row.id, now)) continue;
    outcomes.push(await sendOne(row, now, transports));
  }
  return outcomes;
}

/**
 * Passes until the queue has nothing due (a bulk of thousands goes out in one go, not 20 letters per tick),
 * sharing the pooled connections between passes. Returns the number of rows handled.
 */
export async function drainOutbox({ limit = 20, maxPasses = 10_000 } = {}): Promise<number> {
  const transports = new Transports();
  let handled = 0;
  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      const out = await processOutboxOnce({ now: new Date(), limit, transports });
      handled += out.length;
      if (out.length < limit) break;
    }
  } finally {
    transports.close();
  }
  return handled;
}

/** The pooled connections of the job runner's sends, closed whenever the runner finds nothing due. */
const runnerTransports = new Transports();

/**
 * The send job of one letter (queued with it by enqueueLetter; one per letter by its key). The outbox row stays
 * the letter's delivery record: its attempts, backoff and errors are what the case page shows. A row found
 * `sending` was claimed by a process that died mid-send (the job's lease ran out), so it is tried again, or
 * failed once its attempts are used up.
 */
export async function sendQueuedLetter(letterId: string, now = new Date()): Promise<JobResult> {
  const db = getDb();
  let row = db.select().from(outbox).where(eq(outbox.letterId, letterId)).get();
  if (row?.state === "sending") {
    reclaimStale(new Date(now.getTime() + STALE_SENDING_MS), row.id);
    row = db.select().from(outbox).where(eq(outbox.letterId, letterId)).get();
  }
  if (row?.state !== "pending") return;
  if (row.nextAttemptAt > now) return { again: true, runAt: row.nextAttemptAt };
  if (!claim(row.id, now)) return;
  const out = await sendOne(row, now, runnerTransports);
  if (out.result !== "retry") return;
  const after = db.select({ at: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.id, row.id)).get();
  return after ? { again: true, runAt: after.at } : undefined;
}

export const sendLetterJob: JobHandler = {
  queue: SEND_QUEUE,
  // Two at once share the pooled transport's two connections.
  concurrency: 2,
  run: ({ payload }) => sendQueuedLetter(String(payload.letterId)),
  idle: () => runnerTransports.close(),
  // Rows queued before the runner existed, or whose job was lost: keyed, so a row with a job keeps just that one.
  adopt(db) {
    const rows = db
      .select({ letterId: outbox.letterId, at: outbox.nextAttemptAt })
      .from(outbox)
      .where(inArray(outbox.state, ["pending", "sending"]))
      .all();
    for (const r of rows)
      enqueue(db, { queue: SEND_QUEUE, key: r.letterId, payload: { letterId: r.letterId }, runAt: r.at });
  },
};
