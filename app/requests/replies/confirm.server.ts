// A reply's class is a suggestion; this is where it becomes a move of the request (decision 110). On arrival
// only two kinds settle by themselves: an acknowledgement (it decides nothing) and a delivery failure report
// the mail system wrote (the letter did not arrive). Everything else waits for the person, who confirms the
// suggestion or picks another answer on the request page; then the request moves through the lifecycle.
import { and, desc, eq, isNull } from "drizzle-orm";
import { inboundMessages, letters, requestEvents } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { applyEventIn, getRequest } from "~/requests/requests.server";
import { IllegalTransitionError, type RequestEvent } from "~/requests/tracking/lifecycle";
import { notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import type { Classification } from "./classify";

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

function settle(tx: Tx, messageId: string, at: Date) {
  tx.update(inboundMessages)
    .set({ settledAt: at })
    .where(and(eq(inboundMessages.id, messageId), isNull(inboundMessages.settledAt)))
    .run();
}

/** Applies `event` and settles the message in one transaction; an event the state does not take is skipped. */
function applyAndSettle(
  workspaceId: string,
  letterId: string,
  messageId: string,
  event: RequestEvent | null,
  actorUserId: string | null,
  at: Date,
  { strict }: { strict: boolean },
) {
  return getDb().transaction((tx) => {
    let next: string | null = null;
    if (event) {
      try {
        next = applyEventIn(tx, workspaceId, letterId, event, actorUserId, {
          inboundMessageId: messageId,
          at,
        });
      } catch (e) {
        if (strict || !(e instanceof IllegalTransitionError)) throw e;
      }
    }
    settle(tx, messageId, new Date());
    return next;
  });
}

function channelOf(workspaceId: string, letterId: string) {
  return getDb()
    .select({ channel: letters.channel })
    .from(letters)
    .where(and(eq(letters.id, letterId), eq(letters.workspaceId, workspaceId)))
    .get()?.channel;
}

/** What a reply that just arrived (or was just attached) does by itself. */
export function settleOnArrival(
  workspaceId: string,
  letterId: string,
  messageId: string,
  c: Classification,
  at: Date,
) {
  if (c.cls === "acknowledgement")
    applyAndSettle(workspaceId, letterId, messageId, { type: "acknowledge" }, null, at, { strict: false });
  else if (c.cls === "bounce" && c.definitive && channelOf(workspaceId, letterId) === "email")
    applyAndSettle(workspaceId, letterId, messageId, { type: "bounce" }, null, at, { strict: false });
}

/**
 * The person confirms what a reply says (the suggestion or their own pick): the request moves by `event`
 * (null: it stays as it is) and the reply no longer asks. A bounce is only for a letter sent by email.
 */
export function confirmReply(scope: Scope, letterId: string, messageId: string, event: RequestEvent | null) {
  requirePermission(scope, "case:write");
  const req = getRequest(scope, letterId);
  const db = getDb();
  const msg = db
    .select({
      id: inboundMessages.id,
      receivedAt: inboundMessages.receivedAt,
      settledAt: inboundMessages.settledAt,
    })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.id, messageId),
        eq(inboundMessages.workspaceId, scope.workspaceId),
        eq(inboundMessages.letterId, letterId),
      ),
    )
    .get();
  if (!msg) notFound("This reply");
  if (msg.settledAt)
    throw new IllegalTransitionError(req.status, "confirm", "This reply was already confirmed.");
  if (event?.type === "bounce" && channelOf(scope.workspaceId, letterId) !== "email")
    throw new IllegalTransitionError(
      req.status,
      "bounce",
      "Only a letter sent by email can come back undelivered.",
    );
  // A receipt confirmation after the request has moved on changes nothing: it only settles the reply.
  // Nor does an answer the request already shows (a second "they want more information").
  const strict = !(
    event?.type === "acknowledge" ||
    (event?.type === "reply" && event.outcome === req.status)
  );
  const next = applyAndSettle(scope.workspaceId, letterId, messageId, event, scope.userId, msg.receivedAt, {
    strict,
  });
  audit({
    action: "reply.confirm",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "inbound_message",
    targetId: messageId,
    detail: { letterId, event: event?.type ?? "none" },
  });
  return next;
}

/** When the request's email came back undelivered (its latest bounce), while it is still not sent. */
export function bouncedAt(scope: Scope, letterId: string): Date | null {
  const req = getRequest(scope, letterId);
  if (req.status !== "failed") return null;
  const last = getDb()
    .select({ kind: requestEvents.kind, at: requestEvents.at })
    .from(requestEvents)
    .where(and(eq(requestEvents.letterId, letterId), eq(requestEvents.workspaceId, scope.workspaceId)))
    .orderBy(desc(requestEvents.at))
    .limit(1)
    .get();
  return last?.kind === "bounce" ? last.at : null;
}
