// Requests (= letters) as the tracking issue sees them: moving one through its lifecycle, notes, and the
// timeline. The state lives in letters.status; every change is a compare-and-set on it plus a request_events row,
// so two people (or the mailbox poller and a person) cannot both move the same request from the same state.

import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import {
  exposureChecks,
  exposureStatusChanges,
  inboundMessages,
  letterExposures,
  letters,
  outbox,
  requestEvents,
} from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { inEnglish } from "~/i18n/english.server";
import type { MessageKey } from "~/i18n/translate";
import { CHECK_OUTCOME_KEYS, OUTCOME_TEXT } from "~/rechecks/outcome";
import { markFamilySaidRemoved } from "~/requests/broker-family.server";
import { kindLabel } from "~/requests/kinds";
import { formatLongDate } from "~/requests/render/format";
import {
  IllegalTransitionError,
  isRequestState,
  OUTCOME_KEYS,
  OUTCOME_LABELS,
  REFUSAL_KEYS,
  REFUSALS,
  type RefusalReason,
  type RequestEvent,
  STATE_KEYS,
  STATE_LABELS,
  transition,
} from "~/requests/tracking/lifecycle";
import { markSaidDone } from "~/requests/tracking/said-done.server";
import { type Sealed, sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";

const sealNoteText = sealFor("request_events", "note_enc");
/** An event's note sealed for its row; no note (undefined or "") is stored as NULL. */
const sealNote = (eventId: string, note: string | null | undefined) =>
  note ? sealNoteText(eventId, note) : null;

export type RequestRow = {
  id: string;
  caseId: string;
  workspaceId: string;
  status: string;
  /** The day it went out and the day the recipient got it (the deadline counts from that day). */
  sentOn: string | null;
  receivedOn: string | null;
  dueOn: string | null;
  announcedDueOn: string | null;
  refusalReason: RefusalReason | null;
};

/** The latest refusal reason of a letter (from its events). */
function refusalReasonOf(letterId: string) {
  const row = getDb()
    .select({ refusalReason: requestEvents.refusalReason })
    .from(requestEvents)
    .where(and(eq(requestEvents.letterId, letterId), isNotNull(requestEvents.refusalReason)))
    .orderBy(desc(requestEvents.at))
    .limit(1)
    .get();
  return (row?.refusalReason ?? null) as RefusalReason | null;
}

/** A request of the workspace by letter id (404 otherwise), without decrypting anything. */
export function getRequest(scope: Scope, letterId: string): RequestRow {
  const row = getDb()
    .select({
      id: letters.id,
      caseId: letters.caseId,
      workspaceId: letters.workspaceId,
      status: letters.status,
      sentOn: letters.sentOn,
      receivedOn: letters.receivedOn,
      dueOn: letters.dueOn,
      // The latest announced date, kept on the letter by the database (migration 0019).
      announcedDueOn: letters.announcedDueOn,
    })
    .from(letters)
    .where(inScope(letters, scope, eq(letters.id, letterId)))
    .get();
  if (!row) notFound("This request");
  return { ...row, refusalReason: refusalReasonOf(row.id) };
}

/**
 * Follow-ups and complaints written from this request and not sent yet (the request moves on only when one is
 * sent), oldest first, nothing decrypted.
 */
export function unsentNextLetters(scope: Scope, letterId: string) {
  return getDb()
    .select({
      id: letters.id,
      kind: letters.kind,
      reference: letters.reference,
      createdAt: letters.createdAt,
    })
    .from(letters)
    .where(inScope(letters, scope, eq(letters.followsLetterId, letterId), eq(letters.status, "draft")))
    .orderBy(letters.createdAt)
    .all();
}

export type Extras = {
  note?: string;
  inboundMessageId?: string;
  relatedLetterId?: string;
  at?: Date;
  /** "Partly removed": the places the answer names (none: all of the request's places). */
  placeIds?: string[];
};

/**
 * Applies a lifecycle event to a letter of `workspaceId`. Throws IllegalTransitionError when the machine (or a
 * concurrent change) refuses. `actorUserId` is null for the mailbox poller.
 */
export function applyEvent(
  workspaceId: string,
  letterId: string,
  event: RequestEvent,
  actorUserId: string | null,
  extras: Extras = {},
) {
  return getDb().transaction((tx) => applyEventIn(tx, workspaceId, letterId, event, actorUserId, extras));
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** applyEvent inside a transaction the caller holds (the send path applies a follow-up's event with it). */
export function applyEventIn(
  tx: Tx,
  workspaceId: string,
  letterId: string,
  event: RequestEvent,
  actorUserId: string | null,
  extras: Extras = {},
) {
  const at = extras.at ?? new Date();
  const row = tx
    .select({ status: letters.status, caseId: letters.caseId })
    .from(letters)
    .where(and(eq(letters.id, letterId), eq(letters.workspaceId, workspaceId)))
    .get();
  if (!row) notFound("This request");
  const next = transition(row.status, event);
  const res = tx
    .update(letters)
    .set({ status: next, updatedAt: at })
    .where(and(eq(letters.id, letterId), eq(letters.status, row.status)))
    .run();
  if (res.changes !== 1)
    throw new IllegalTransitionError(row.status, event.type, "The request changed meanwhile.");
  const id = newId();
  tx.insert(requestEvents)
    .values({
      id,
      workspaceId,
      caseId: row.caseId,
      letterId,
      at,
      kind: event.type,
      fromStatus: row.status,
      toStatus: next,
      outcome: event.type === "reply" ? event.outcome : null,
      refusalReason: event.type === "reply" && event.outcome === "refused" ? event.reason : null,
      dueOn: event.type === "announce_extension" ? event.newDueOn : null,
      noteEnc: sealNote(id, extras.note),
      inboundMessageId: extras.inboundMessageId ?? null,
      relatedLetterId: extras.relatedLetterId ?? null,
      actorUserId,
    })
    .run();
  // The parent broker says it is done: the front sites its opt-out covered are said removed too (decision 111).
  if (event.type === "reply" && event.outcome === "removed")
    markFamilySaidRemoved(tx, { id: letterId, workspaceId }, actorUserId, at);
  // "They say it is done": the places wait for a check (scheduled now, from the moment it is recorded).
  if (event.type === "reply")
    markSaidDone(tx, {
      workspaceId,
      letterId,
      outcome: event.outcome,
      named: extras.placeIds,
      actorUserId,
      now: new Date(),
    });
  audit({
    action: "request.transition",
    actorUserId,
    workspaceId,
    targetType: "letter",
    targetId: letterId,
    detail: { event: event.type, from: row.status, to: next },
  });
  return next;
}

/** A person moves a request (picks the outcome of a reply, announces an extension, closes it…). */
export function moveRequest(scope: Scope, letterId: string, event: RequestEvent, extras: Extras = {}) {
  requirePermission(scope, "case:write");
  getRequest(scope, letterId);
  return applyEvent(scope.workspaceId, letterId, event, scope.userId, extras);
}

/** "Stop reminding me about this": sets an open request aside, with the person's note if they give one. */
export function abandonRequest(scope: Scope, letterId: string, note?: string) {
  return moveRequest(scope, letterId, { type: "abandon" }, note ? { note } : {});
}

/** Takes a set-aside request up again, in the state it was in when it was set aside (kept by its event). */
export function resumeRequest(scope: Scope, letterId: string) {
  requirePermission(scope, "case:write");
  const r = getRequest(scope, letterId);
  if (r.status !== "abandoned") throw new UserError({ key: "errors.request.notSetAside" }, { status: 409 });
  const left = getDb()
    .select({ fromStatus: requestEvents.fromStatus })
    .from(requestEvents)
    .where(
      and(
        eq(requestEvents.letterId, letterId),
        eq(requestEvents.workspaceId, scope.workspaceId),
        eq(requestEvents.kind, "abandon"),
      ),
    )
    .orderBy(desc(requestEvents.at), desc(requestEvents.id))
    .limit(1)
    .get();
  if (!left?.fromStatus || !isRequestState(left.fromStatus))
    throw new UserError({ key: "errors.request.earlierStateGone" }, { status: 409 });
  return applyEvent(scope.workspaceId, letterId, { type: "resume", to: left.fromStatus }, scope.userId);
}

export function addNote(scope: Scope, letterId: string, note: string) {
  requirePermission(scope, "case:write");
  const r = getRequest(scope, letterId);
  const id = newId();
  getDb()
    .insert(requestEvents)
    .values({
      id,
      workspaceId: scope.workspaceId,
      caseId: r.caseId,
      letterId,
      at: new Date(),
      kind: "note",
      noteEnc: sealNoteText(id, note),
      actorUserId: scope.userId,
    })
    .run();
  audit({
    action: "request.note",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: letterId,
  });
}

/**
 * An item's words as a message, for translated pages (`text` stays English: the API and the letters quote it).
 * `labels` are values that are message keys themselves (translated first), `days` are YYYY-MM-DD days written
 * out in the page's language.
 */
export type TimelineSay = {
  key: MessageKey;
  values?: Record<string, string>;
  labels?: Record<string, MessageKey>;
  days?: Record<string, string>;
};

export type TimelineItem = {
  at: Date;
  kind: string;
  text: string;
  say: TimelineSay;
  letterId: string;
  note?: string;
};

/** A timeline item whose note (if any) is still encrypted: only the items shown are decrypted. */
type SealedItem = Omit<TimelineItem, "note"> & { sealed?: { id: string; noteEnc: Sealed } };

/**
 * The timeline of a case (or one of its requests): letters written, sent, accepted by SMTP; replies; status
 * changes; notes; follow-ups and escalations; re-checks of the places the letters name. Notes are decrypted
 * (logged as a read of the request).
 */
export function timeline(scope: Scope, caseId: string, letterId?: string): TimelineItem[] {
  return unseal(scope, caseId, sealedTimeline(scope, caseId, letterId));
}

/**
 * The newest `limit` items of a case's timeline, newest first, and how many it has in all (the case timeline
 * page shows the newest and links to the rest). Only the notes of the items returned are decrypted and logged.
 */
export function timelinePage(
  scope: Scope,
  caseId: string,
  { limit }: { limit?: number } = {},
): { items: TimelineItem[]; total: number } {
  const all = sealedTimeline(scope, caseId).reverse();
  const shown = limit === undefined ? all : all.slice(0, limit);
  return { items: unseal(scope, caseId, shown), total: all.length };
}

/** Decrypts the notes of these items, logging the read once if there are any. */
function unseal(scope: Scope, caseId: string, items: SealedItem[]): TimelineItem[] {
  if (items.some((i) => i.sealed))
    audit({
      action: "request.read",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "case",
      targetId: caseId,
    });
  return items.map(({ sealed, ...i }) => (sealed ? { ...i, note: sealed.noteEnc.open(sealed.id) } : i));
}

/** How a letter the user sent themselves went out, for the timeline (email: sent from their own mail). */
const SENT_WORDS: Record<"email" | "pdf" | "webform", string> = {
  pdf: "posted",
  webform: "submitted in their form",
  email: "sent from your own email",
};

/** Every item of the timeline, oldest first, notes not yet decrypted. */
function sealedTimeline(scope: Scope, caseId: string, letterId?: string): SealedItem[] {
  const db = getDb();
  const ls = db
    .select({
      id: letters.id,
      kind: letters.kind,
      reference: letters.reference,
      createdAt: letters.createdAt,
      sentAt: letters.sentAt,
      sentOn: letters.sentOn,
      receivedOn: letters.receivedOn,
      channel: letters.channel,
      smtpAt: outbox.sentAt,
      messageId: outbox.messageId,
    })
    .from(letters)
    .leftJoin(outbox, eq(outbox.letterId, letters.id))
    .where(
      inScope(letters, scope, eq(letters.caseId, caseId), letterId ? eq(letters.id, letterId) : undefined),
    )
    .all();
  const items: SealedItem[] = [];
  for (const l of ls) {
    items.push({
      at: l.createdAt,
      kind: "created",
      letterId: l.id,
      text: `Letter ${l.reference} written: ${inEnglish(kindLabel(l.kind))}`,
      say: {
        key: "timeline.created",
        values: { reference: l.reference },
        labels: { kind: kindLabel(l.kind) },
      },
    });
    if (l.smtpAt)
      items.push({
        at: l.smtpAt,
        kind: "smtp",
        letterId: l.id,
        text: `${l.reference} accepted by the mail server`,
        say: { key: "timeline.smtp", values: { reference: l.reference } },
      });
    else if (l.sentAt)
      items.push({
        at: l.sentAt,
        kind: "sent",
        letterId: l.id,
        text: `${l.reference} ${SENT_WORDS[l.channel]}${l.sentOn ? ` on ${formatLongDate(l.sentOn, "en")}` : ""}${
          l.receivedOn && l.receivedOn !== l.sentOn
            ? `, received on ${formatLongDate(l.receivedOn, "en")}`
            : ""
        }`,
        say: {
          key: "timeline.sent",
          values: {
            reference: l.reference,
            how: l.channel,
            hasSent: l.sentOn ? "yes" : "no",
            hasReceived: l.receivedOn && l.receivedOn !== l.sentOn ? "yes" : "no",
          },
          days: { sentOn: l.sentOn ?? "", receivedOn: l.receivedOn ?? "" },
        },
      });
  }
  const refOf = new Map(ls.map((l) => [l.id, l.reference]));
  const ev = db
    .select()
    .from(requestEvents)
    .where(
      inScope(
        requestEvents,
        scope,
        eq(requestEvents.caseId, caseId),
        letterId ? eq(requestEvents.letterId, letterId) : undefined,
      ),
    )
    .all();
  for (const e of ev) {
    const ref = refOf.get(e.letterId) ?? "";
    const sealed = e.noteEnc?.token ? { id: e.id, noteEnc: e.noteEnc } : undefined;
    let text: string;
    let say: TimelineSay;
    const values = { reference: ref };
    const outcomeKey = OUTCOME_KEYS[e.outcome as keyof typeof OUTCOME_KEYS];
    const refusalKey = REFUSAL_KEYS[e.refusalReason as RefusalReason]?.label;
    const stateKey = STATE_KEYS[e.toStatus as keyof typeof STATE_KEYS];
    if (e.kind === "note") {
      text = `Note on ${ref}`;
      say = { key: "timeline.note", values };
    } else if (e.kind === "reply" && e.outcome) {
      text = `Reply to ${ref}: ${OUTCOME_LABELS[e.outcome as keyof typeof OUTCOME_LABELS] ?? e.outcome}${
        e.refusalReason ? ` (${REFUSALS[e.refusalReason as RefusalReason]?.label ?? e.refusalReason})` : ""
      }`;
      say = {
        key: e.refusalReason ? "timeline.replyWithReason" : "timeline.reply",
        values: {
          reference: ref,
          ...(outcomeKey ? {} : { outcome: e.outcome }),
          ...(e.refusalReason && !refusalKey ? { reason: e.refusalReason } : {}),
        },
        labels: {
          ...(outcomeKey ? { outcome: outcomeKey } : {}),
          ...(refusalKey ? { reason: refusalKey } : {}),
        },
      };
    } else if (e.kind === "announce_extension") {
      text = `${ref}: the recipient extended the deadline to ${e.dueOn}`;
      say = { key: "timeline.extended", values: { reference: ref, dueOn: e.dueOn ?? "" } };
    } else if (e.kind === "follow_up") {
      text = `${ref}: follow-up sent`;
      say = { key: "timeline.followUp", values };
    } else if (e.kind === "bounce") {
      text = `${ref}: the email came back undelivered`;
      say = { key: "timeline.bounce", values };
    } else if (e.kind === "escalate") {
      text = `${ref}: complaint filed with the authority`;
      say = { key: "timeline.escalate", values };
    } else if (e.kind === "abandon") {
      text = `${ref}: set aside, no more reminders`;
      say = { key: "timeline.abandon", values };
    } else if (e.kind === "resume") {
      text = `${ref}: taken up again`;
      say = { key: "timeline.resume", values };
    } else {
      text = `${ref}: ${STATE_LABELS[e.toStatus as keyof typeof STATE_LABELS] ?? e.toStatus}`;
      say = stateKey
        ? { key: "timeline.state", values, labels: { state: stateKey } }
        : { key: "timeline.state", values: { reference: ref, state: e.toStatus ?? "" } };
    }
    items.push({ at: e.at, kind: e.kind, letterId: e.letterId, text, say, ...(sealed ? { sealed } : {}) });
  }
  const replies = db
    .select({
      id: inboundMessages.id,
      letterId: inboundMessages.letterId,
      receivedAt: inboundMessages.receivedAt,
      source: inboundMessages.source,
    })
    .from(inboundMessages)
    // Only this case's letters' replies (joined), not every reply of the workspace.
    .innerJoin(letters, eq(letters.id, inboundMessages.letterId))
    .where(
      inScope(
        inboundMessages,
        scope,
        eq(letters.caseId, caseId),
        letterId ? eq(inboundMessages.letterId, letterId) : undefined,
      ),
    )
    .all()
    .filter((m) => m.letterId && refOf.has(m.letterId));
  for (const m of replies)
    items.push({
      at: m.receivedAt,
      kind: "mail",
      letterId: m.letterId!,
      text: `${m.source === "imap" ? "Email received" : "Reply recorded"} for ${refOf.get(m.letterId!)}`,
      say: {
        key: m.source === "imap" ? "timeline.mailReceived" : "timeline.replyRecorded",
        values: { reference: refOf.get(m.letterId!) ?? "" },
      },
    });
  // The places this case's letters name (joined on the case, not every letter of the workspace), and their
  // re-checks in batched queries.
  const exposureIds = db
    .select({ exposureId: letterExposures.exposureId, letterId: letterExposures.letterId })
    .from(letterExposures)
    .innerJoin(letters, eq(letters.id, letterExposures.letterId))
    .where(inScope(letterExposures, scope, eq(letters.caseId, caseId)))
    .all()
    .filter((x) => refOf.has(x.letterId));
  const letterOfExposure = new Map<string, string>();
  for (const x of exposureIds)
    if (!letterOfExposure.has(x.exposureId)) letterOfExposure.set(x.exposureId, x.letterId);
  const checked = [...letterOfExposure.keys()];
  for (let i = 0; i < checked.length; i += 500)
    for (const c of db
      .select({
        exposureId: exposureChecks.exposureId,
        at: exposureChecks.checkedAt,
        outcome: exposureChecks.outcome,
      })
      .from(exposureChecks)
      .where(inScope(exposureChecks, scope, inArray(exposureChecks.exposureId, checked.slice(i, i + 500))))
      .all())
      items.push({
        at: c.at,
        kind: "recheck",
        letterId: letterOfExposure.get(c.exposureId)!,
        text: `Re-check: ${OUTCOME_TEXT[c.outcome]}`,
        say: { key: "timeline.recheck", labels: { outcome: CHECK_OUTCOME_KEYS[c.outcome] } },
      });
  // The person's own checks ("I checked: it is gone"), with the day they give: the case's changes (its index;
  // asked by a list of places, SQLite chose the workspace's index and read every change of an organisation,
  // 78,000 rows in the bench: decision 130), kept to the places these letters name.
  for (const c of db
    .select({
      exposureId: exposureStatusChanges.exposureId,
      at: exposureStatusChanges.at,
      changedOn: exposureStatusChanges.changedOn,
    })
    .from(exposureStatusChanges)
    .where(
      inScope(
        exposureStatusChanges,
        scope,
        eq(exposureStatusChanges.caseId, caseId),
        eq(exposureStatusChanges.toStatus, "removed"),
        eq(exposureStatusChanges.source, "person"),
      ),
    )
    .all())
    if (letterOfExposure.has(c.exposureId))
      items.push({
        at: c.at,
        kind: "confirmed",
        letterId: letterOfExposure.get(c.exposureId)!,
        text: `A place was checked by hand and is gone (checked on ${formatLongDate(c.changedOn, "en")})`,
        say: { key: "timeline.confirmedGone", days: { changedOn: c.changedOn } },
      });
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
