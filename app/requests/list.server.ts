// Requests across a workspace (for the API): filtered pages, one request's dates, and the due dates coming up.
// Only plain columns are read (status, dates, reference, recipient id), so nothing is decrypted here; the
// overdue rule and the effective due date come from the lifecycle module.
import { desc, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { letters } from "#db/schema";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { getRecipient } from "~/recipients/directory.server";
import { AWAITING, effectiveDue, isOverdue, type RequestState } from "~/requests/tracking/lifecycle";
import { inScope, notFound, type Scope } from "~/workspaces/scope.server";

const DAY = 86_400_000;

function recipientNamer(workspaceId: string) {
  const names = new Map<string | null, string>();
  return (id: string | null) => {
    if (!names.has(id))
      names.set(
        id,
        id ? (getRecipient({ workspaceId }, id)?.effective.name ?? "Unknown recipient") : "Unknown site",
      );
    return names.get(id)!;
  };
}

export type RequestSummary = {
  id: string;
  caseId: string;
  reference: string;
  kind: string;
  regime: string;
  channel: "email" | "pdf" | "webform";
  recipientId: string | null;
  recipientName: string;
  status: RequestState;
  overdue: boolean;
  createdAt: Date;
  sentAt: Date | null;
  sentOn: string | null;
  dueOn: string | null;
  extendedDueOn: string | null;
  acknowledgeBy: string | null;
  announcedDueOn: string | null;
  due: string | null;
};

/** The summary's columns of the letters `where` picks (the announced date is kept on the letter). */
function query(where: SQL | undefined) {
  return getDb()
    .select({
      id: letters.id,
      caseId: letters.caseId,
      reference: letters.reference,
      kind: letters.kind,
      regime: letters.regime,
      channel: letters.channel,
      recipientId: letters.recipientId,
      status: letters.status,
      createdAt: letters.createdAt,
      sentAt: letters.sentAt,
      sentOn: letters.sentOn,
      dueOn: letters.dueOn,
      extendedDueOn: letters.extendedDueOn,
      acknowledgeBy: letters.acknowledgeBy,
      announcedDueOn: letters.announcedDueOn,
    })
    .from(letters)
    .where(where);
}

function summarise(
  rows: (Omit<RequestSummary, "recipientName" | "overdue" | "due" | "status"> & { status: string })[],
  scope: Scope,
  now: Date,
): RequestSummary[] {
  const today = calendarDateIn(now, "UTC");
  const nameOf = recipientNamer(scope.workspaceId);
  return rows.map((r) => ({
    ...r,
    status: r.status as RequestState,
    recipientName: nameOf(r.recipientId),
    due: effectiveDue(r),
    overdue: isOverdue(r, today),
  }));
}

/** A page of the scope's requests, newest first, optionally of one status or case. */
export function listRequests(
  scope: Scope,
  f: { status?: RequestState; caseId?: string; limit: number; offset: number },
  now = new Date(),
) {
  const where = inScope(
    letters,
    scope,
    f.status ? eq(letters.status, f.status) : undefined,
    f.caseId ? eq(letters.caseId, f.caseId) : undefined,
  );
  const q = query(where);
  const rows = q.orderBy(desc(letters.createdAt), letters.id).limit(f.limit).offset(f.offset).all();
  const total = getDb().select({ n: sql<number>`count(*)` }).from(letters).where(where).get()?.n ?? 0;
  return { items: summarise(rows, scope, now), total };
}

/** One request's tracking facts (404 outside the scope). */
export function requestSummary(scope: Scope, id: string, now = new Date()): RequestSummary {
  const q = query(inScope(letters, scope, eq(letters.id, id)));
  const row = q.get();
  if (!row) notFound("This request");
  return summarise([row], scope, now)[0]!;
}

export type UpcomingDeadline = {
  requestId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  status: RequestState;
  due: string;
  overdue: boolean;
  daysLeft: number;
};

/** Requests waiting for an answer that are overdue or due within `days` days, soonest first. */
export function upcomingDeadlines(scope: Scope, days: number, now = new Date()) {
  const today = calendarDateIn(now, "UTC");
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
  // letters.effective_due_on is the announced date, else the computed one (indexed with workspace and status).
  const due = sql<string>`${letters.effectiveDueOn}`;
  const rows = getDb()
    .select({
      id: letters.id,
      caseId: letters.caseId,
      reference: letters.reference,
      status: letters.status,
      recipientId: letters.recipientId,
      due,
    })
    .from(letters)
    .where(
      inScope(letters, scope, inArray(letters.status, [...AWAITING]), lte(letters.effectiveDueOn, until)),
    )
    .orderBy(letters.effectiveDueOn, letters.id)
    .limit(1000)
    .all();
  const nameOf = recipientNamer(scope.workspaceId);
  const items: UpcomingDeadline[] = rows.map((r) => ({
    requestId: r.id,
    caseId: r.caseId,
    reference: r.reference,
    recipientName: nameOf(r.recipientId),
    status: r.status as RequestState,
    due: r.due,
    overdue: isOverdue({ status: r.status, dueOn: r.due }, today),
    daysLeft: Math.round((Date.parse(`${r.due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY),
  }));
  return { today, until, items };
}
