// Changing the state of several of a case's requests at once (the case page's checkboxes): set aside, close, or
// "they say it is done". Each request goes through the same lifecycle move as one by one, in its own
// transaction; a move the lifecycle refuses for one request is reported by its reference and the others still
// apply (decision 108).
import { and, eq, inArray } from "drizzle-orm";
import { letters } from "#db/schema";
import { getDb } from "~/db.server";
import { applyEvent } from "~/requests/requests.server";
import { UserError } from "~/utils/forms.server";
import { inScope, requirePermission, type Scope } from "~/workspaces/scope.server";
import { IllegalTransitionError, isRequestState, type RequestEvent, type RequestState } from "./lifecycle";

export const BULK_REQUEST_ACTIONS = ["abandon", "close", "said_done"] as const;
export type BulkRequestAction = (typeof BULK_REQUEST_ACTIONS)[number];

const EVENTS: Record<BulkRequestAction, RequestEvent> = {
  abandon: { type: "abandon" },
  close: { type: "close" },
  // "They say it is done": a reply saying everything is removed, without a text.
  said_done: { type: "reply", outcome: "removed" },
};

export type BulkRequestResult = {
  moved: string[];
  /** The references the lifecycle refused, with the state each is in (its id: the page says it in words). */
  refused: { reference: string; state: RequestState | "unknown" }[];
};

/** Moves the chosen requests of this case (ids of other cases or workspaces are not found: a 404). */
export function bulkMoveRequests(
  scope: Scope,
  caseId: string,
  letterIds: readonly string[],
  action: BulkRequestAction,
  now = new Date(),
): BulkRequestResult {
  requirePermission(scope, "case:write");
  const ids = [...new Set(letterIds)];
  if (!ids.length) throw new UserError({ key: "errors.case.chooseRequest" }, { field: "letterIds" });
  const rows = getDb()
    .select({ id: letters.id, reference: letters.reference })
    .from(letters)
    .where(inScope(letters, scope, and(eq(letters.caseId, caseId), inArray(letters.id, ids))))
    .all();
  if (rows.length !== ids.length)
    throw new UserError(
      { key: "errors.case.requestsElsewhere" },
      {
        status: 404,
      },
    );
  const byRef = [...rows].sort((a, b) => a.reference.localeCompare(b.reference));
  const result: BulkRequestResult = { moved: [], refused: [] };
  for (const r of byRef) {
    try {
      applyEvent(scope.workspaceId, r.id, EVENTS[action], scope.userId, { at: now });
      result.moved.push(r.reference);
    } catch (e) {
      if (!(e instanceof IllegalTransitionError)) throw e;
      result.refused.push({
        reference: r.reference,
        state: isRequestState(e.from) ? e.from : "unknown",
      });
    }
  }
  return result;
}
