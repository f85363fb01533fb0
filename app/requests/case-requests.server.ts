// The requests of a case with their tracking state (status, due date, overdue), for the case timeline page.
import { calendarDateIn } from "~/deadlines/engine";
import { listLetters } from "~/requests/store.server";
import { effectiveDue, isOverdue, requestStateKey } from "~/requests/tracking/lifecycle";
import { requestsCheckedGone } from "~/requests/tracking/said-done.server";
import type { Scope } from "~/workspaces/scope.server";

/** The case's requests, newest first; `limit` keeps the newest few (the page links to the rest). */
export function caseRequests(
  scope: Scope,
  caseId: string,
  { limit }: { limit?: number } = {},
  now = new Date(),
) {
  const today = calendarDateIn(now, "UTC");
  const rows = listLetters(scope, caseId, { limit });
  const checkedGone = requestsCheckedGone(
    scope.workspaceId,
    rows.map((l) => l.id),
  );
  return rows.map((l) => {
    const r = { status: l.status, dueOn: l.dueOn, announcedDueOn: l.announcedDueOn };
    return {
      id: l.id,
      reference: l.reference,
      kind: l.kind,
      recipientName: l.recipientName,
      status: r.status,
      // "They say it is done" until every place is checked gone (a message key: the page says it in words).
      stateKey: requestStateKey(r.status, checkedGone.has(l.id)),
      due: effectiveDue(r),
      overdue: isOverdue(r, today),
    };
  });
}
