// The requests of a case with their tracking state (status, due date, overdue), for the case timeline page.
import { and, asc, eq } from "drizzle-orm";
import { requestEvents } from "#db/schema";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { listLetters } from "~/letters/letters.server";
import { inScope, type Scope } from "~/workspaces/scope.server";
import { effectiveDue, isOverdue } from "./lifecycle";

export function caseRequests(scope: Scope, caseId: string, now = new Date()) {
  const today = calendarDateIn(now, "UTC");
  // The latest announced due date per letter, for all the case's letters in one query (not two per letter).
  const announced = new Map<string, string | null>();
  for (const e of getDb()
    .select({ letterId: requestEvents.letterId, dueOn: requestEvents.dueOn })
    .from(requestEvents)
    .where(
      inScope(
        requestEvents,
        scope,
        and(eq(requestEvents.caseId, caseId), eq(requestEvents.kind, "announce_extension")),
      ),
    )
    .orderBy(asc(requestEvents.at))
    .all())
    announced.set(e.letterId, e.dueOn);
  return listLetters(scope, caseId).map((l) => {
    const r = { status: l.status, dueOn: l.dueOn, announcedDueOn: announced.get(l.id) ?? null };
    return {
      id: l.id,
      reference: l.reference,
      kind: l.kind,
      recipientName: l.recipientName,
      status: r.status,
      due: effectiveDue(r),
      overdue: isOverdue(r, today),
    };
  });
}
