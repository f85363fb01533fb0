// Reminders: requests due within three days and overdue ones, for the dashboard and a daily email digest per
// user. The digest names letter references, recipients (companies, not people) and dates, with links; never
// the person's details. One digest per user and day (reminder_digests), whether the job or the CLI sends it.
import { and, eq, inArray } from "drizzle-orm";
import { letters, memberships, reminderDigests, requestEvents } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getUserProfile } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { getEnv } from "~/env.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { getRecipient } from "~/recipients/directory.server";
import { inScope, type Role, type Scope } from "~/workspaces/scope.server";
import { AWAITING, effectiveDue, isDueSoon, isOverdue } from "./lifecycle";

export const DUE_SOON_DAYS = 3;

export type Reminder = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  status: string;
  due: string;
  overdue: boolean;
  daysLate: number;
};

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The scope's requests that are overdue or due within three days, most urgent first. */
export function remindersFor(scope: Scope, now = new Date()): Reminder[] {
  const today = calendarDateIn(now, "UTC");
  const db = getDb();
  const rows = db
    .select({
      id: letters.id,
      caseId: letters.caseId,
      reference: letters.reference,
      status: letters.status,
      dueOn: letters.dueOn,
      recipientId: letters.recipientId,
    })
    .from(letters)
    .where(inScope(letters, scope, inArray(letters.status, [...AWAITING])))
    .all();
  if (!rows.length) return [];
  const ext = db
    .select({ letterId: requestEvents.letterId, dueOn: requestEvents.dueOn, at: requestEvents.at })
    .from(requestEvents)
    .where(
      and(
        eq(requestEvents.workspaceId, scope.workspaceId),
        eq(requestEvents.kind, "announce_extension"),
        inArray(
          requestEvents.letterId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .all()
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const announced = new Map(ext.map((e) => [e.letterId, e.dueOn]));
  const out: Reminder[] = [];
  for (const r of rows) {
    const req = { status: r.status, dueOn: r.dueOn, announcedDueOn: announced.get(r.id) ?? null };
    const overdue = isOverdue(req, today);
    if (!overdue && !isDueSoon(req, today, DUE_SOON_DAYS)) continue;
    const due = effectiveDue(req)!;
    out.push({
      letterId: r.id,
      caseId: r.caseId,
      reference: r.reference,
      recipientName: r.recipientId
        ? (getRecipient(db, r.recipientId, scope.workspaceId)?.effective.name ?? "Unknown recipient")
        : "Unknown site",
      status: r.status,
      due,
      overdue,
      daysLate: overdue ? days(due, today) : 0,
    });
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

export function digestText(items: Reminder[], baseUrl: string) {
  const overdue = items.filter((i) => i.overdue);
  const soon = items.filter((i) => !i.overdue);
  const line = (i: Reminder) =>
    `- ${i.reference} to ${i.recipientName}: due ${i.due}${i.overdue ? ` (${i.daysLate} day${i.daysLate === 1 ? "" : "s"} late)` : ""}\n  ${baseUrl}/cases/${i.caseId}/requests/${i.letterId}`;
  return [
    "Requests that need you today.",
    "",
    ...(overdue.length
      ? [
          `Overdue (${overdue.length}): a follow-up or a complaint can go out in one click.`,
          ...overdue.map(line),
          "",
        ]
      : []),
    ...(soon.length ? [`Due within ${DUE_SOON_DAYS} days (${soon.length}):`, ...soon.map(line), ""] : []),
    "You receive this because you are a member of a Retract workspace with open requests.",
  ].join("\n");
}

/** Sends today's digest to every user with something due, once per day. Returns how many went out. */
export async function sendReminderDigests(now = new Date()) {
  const db = getDb();
  const today = calendarDateIn(now, "UTC");
  const members = db.select().from(memberships).all();
  const byUser = new Map<string, { workspaceId: string; role: Role }[]>();
  for (const m of members)
    byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), { workspaceId: m.workspaceId, role: m.role }]);
  let sent = 0;
  for (const [userId, ms] of byUser) {
    const items = ms.flatMap((m) => remindersFor({ userId, workspaceId: m.workspaceId, role: m.role }, now));
    if (!items.length) continue;
    const claimed = db
      .insert(reminderDigests)
      .values({ userId, sentOn: today, items: items.length })
      .onConflictDoNothing()
      .run();
    if (claimed.changes !== 1) continue;
    const user = getUserProfile(userId);
    if (!user) continue;
    const overdue = items.filter((i) => i.overdue).length;
    await sendSystemMail({
      to: user.email,
      subject: overdue
        ? `Retract: ${overdue} overdue request${overdue === 1 ? "" : "s"}`
        : `Retract: ${items.length} request${items.length === 1 ? "" : "s"} due soon`,
      text: digestText(items, getEnv().baseUrl),
    });
    audit({
      action: "reminder.digest",
      workspaceId: null,
      targetType: "user",
      targetId: userId,
      detail: { items: items.length, overdue },
    });
    sent += 1;
  }
  return sent;
}

/** Checks every 30 minutes; sends once a day at or after RETRACT_REMINDER_HOUR (UTC). */
export const reminderJob = {
  name: "reminders",
  start() {
    let running = false;
    const tick = async () => {
      if (running || new Date().getUTCHours() < getEnv().RETRACT_REMINDER_HOUR) return;
      running = true;
      try {
        await sendReminderDigests();
      } catch (e) {
        console.error(`[reminders] ${(e as Error).message}`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, 30 * 60_000);
    timer.unref();
    void tick();
    return () => clearInterval(timer);
  },
};
