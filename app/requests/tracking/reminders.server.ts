// Reminders: requests due within three days and overdue ones, and letters written three or more days ago and
// never sent, for the dashboard and a daily email digest per user. The digest names letter references, recipients (companies, not people) and dates, with links; never
// the person's details. One digest per user and day (reminder_digests), whether the job or the CLI sends it.
import { eq, inArray, lte, sql } from "drizzle-orm";
import { letters, memberships, reminderDigests } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getUserProfile } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { getEnv } from "~/env.server";
import { recipientNames } from "~/exposures/recipient.server";
import { formatDay } from "~/i18n/dates";
import type { Translator } from "~/i18n/translate";
import type { JobHandler } from "~/jobs/runner.server";
import { mailTranslator, translatorForUser } from "~/mail/mail-language.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { inScope, type Role, type Scope, scopedQuery } from "~/workspaces/scope.server";
import { AWAITING, effectiveDue, isOverdue } from "./lifecycle";

export const DUE_SOON_DAYS = 3;

type Unnamed = "site" | "recipient";

/** Which stand-in a letter's recipient name is, if any (no recipient: a site; one not found: unknown). */
function unnamedOf(recipientId: string | null, names: Map<string, string>): { unnamed?: Unnamed } {
  if (!recipientId) return { unnamed: "site" };
  return names.has(recipientId) ? {} : { unnamed: "recipient" };
}
/** A letter written and not sent becomes a reminder itself after this many days. */
export const UNSENT_AFTER_DAYS = 3;

export type Reminder = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  /** Set when `recipientName` is a stand-in ("Unknown site"), so a mail can say it in its own language. */
  unnamed?: Unnamed;
  status: string;
  due: string;
  overdue: boolean;
  daysLate: number;
};

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The scope's requests that are overdue or due within three days, most urgent first. The database picks them
 * (due date, or the announced extension's, on or before today + 3 days), so a workspace with a hundred
 * thousand waiting requests reads only the ones shown; `limit` caps the list (the dashboard shows the most
 * urgent few and the total).
 */
export function remindersFor(scope: Scope, now = new Date(), limit?: number): Reminder[] {
  return reminders(scope, now, limit).items;
}

/**
 * Counting stops here: an organisation can have 90,000 overdue requests, and counting them exactly read the
 * whole index range on every dashboard view (~10-18 ms at the bench's full scale). Up to this many the total
 * is exact; above it the page says "more than".
 */
export const REMINDER_COUNT_CAP = 1000;

/** The limits in force; tests lower them (a settings object: no operator needs to change them). */
export const reminderLimits = { countCap: REMINDER_COUNT_CAP };

/**
 * The most urgent `limit` reminders and how many there are in all: `total` is exact up to the count cap
 * (reminderLimits.countCap); `more` says there are more than that (then `total` is the cap).
 */
export function reminderSummary(scope: Scope, now = new Date(), limit = 10) {
  const cap = reminderLimits.countCap;
  const { items, total } = reminders(scope, now, limit, cap);
  const more = total > cap;
  return { items, total: more ? cap : total, more };
}

/** `countCap`: count the total, up to one past it (the dashboard); without it, only the rows are read. */
function reminders(scope: Scope, now: Date, limit?: number, countCap?: number) {
  const today = calendarDateIn(now, "UTC");
  const horizon = new Date(`${today}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + DUE_SOON_DAYS);
  const until = horizon.toISOString().slice(0, 10);
  const db = getDb();
  type Candidate = {
    id: string;
    status: string;
    due: string;
    caseId: string;
    reference: string;
    recipientId: string | null;
  };
  const columns = {
    id: letters.id,
    status: letters.status,
    caseId: letters.caseId,
    reference: letters.reference,
    recipientId: letters.recipientId,
  };
  const candidates: Candidate[] = [];
  let full = false;
  // The date due now (an announced extension's, else the one computed at sending) is a column the database
  // keeps (letters.effective_due_on, migration 0019), indexed with the workspace and status: each waiting state
  // is read from letters_effective_due_idx already in order, so the most urgent few are read without sorting
  // and without touching the letters' long rows. Reading the latest announcement from request_events per view
  // was the dashboard's main cost at the bench's scale (~90 ms with a million events).
  // Built once per role (decision 050); the digest asks for every row, the dashboard for the first few.
  const q = (name: string, limited: boolean) =>
    scopedQuery(name, scope, (s) => {
      const all = db
        .select({ ...columns, due: sql<string>`${letters.effectiveDueOn}` })
        .from(letters)
        .where(
          inScope(
            letters,
            s,
            eq(letters.status, sql.placeholder("status")),
            lte(letters.effectiveDueOn, sql.placeholder("until")),
          ),
        )
        .orderBy(letters.effectiveDueOn, letters.id);
      return (limited ? all.limit(sql.placeholder("limit")) : all).prepare();
    });
  for (const status of AWAITING) {
    const rows =
      limit === undefined
        ? q("reminders.all", false).all({ status, until })
        : q("reminders.first", true).all({ status, until, limit });
    candidates.push(...rows);
    full ||= limit !== undefined && rows.length === limit;
  }
  // Fewer rows than the limit in every state are all of them. Otherwise count, once for all the waiting states
  // and only up to one past the cap: enough to say "more than". (Counting each state up to the cap read up to
  // three times as many index entries.)
  let total = candidates.length;
  if (countCap !== undefined && full) {
    total =
      scopedQuery("reminders.count", scope, (s) => {
        const capped = db
          .select({ one: sql`1` })
          .from(letters)
          .where(
            inScope(
              letters,
              s,
              inArray(letters.status, [...AWAITING]),
              lte(letters.effectiveDueOn, sql.placeholder("until")),
            ),
          )
          .limit(sql.placeholder("cap"))
          .as("capped");
        return db.select({ n: sql<number>`count(*)` }).from(capped).prepare();
      }).get({ until, cap: countCap + 1 })?.n ?? 0;
  }
  candidates.sort((x, y) => x.due.localeCompare(y.due) || x.id.localeCompare(y.id));
  // The per-state queries read a letter's row only for the few they return (the index gives the order).
  const rows = limit === undefined ? candidates : candidates.slice(0, limit);
  // Only the names, for every recipient at once (with the workspace's corrections).
  const names = recipientNames(
    scope.workspaceId,
    rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])),
  );
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "Unknown recipient") : "Unknown site");
  const items: Reminder[] = rows.map((r) => {
    const req = { status: r.status, dueOn: r.due };
    const overdue = isOverdue(req, today);
    return {
      letterId: r.id,
      caseId: r.caseId,
      reference: r.reference,
      recipientName: nameOf(r.recipientId),
      ...unnamedOf(r.recipientId, names),
      status: r.status,
      due: effectiveDue(req)!,
      overdue,
      daysLate: overdue ? days(r.due, today) : 0,
    };
  });
  return { items, total };
}

export type UnsentReminder = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  unnamed?: Unnamed;
  /** The day the letter was written (UTC), YYYY-MM-DD. */
  writtenOn: string;
};

/**
 * Letters of the scope still drafts three or more days after they were written, oldest first: each is a
 * reminder ("You wrote this letter on … and have not sent it yet"). A follow-up or complaint draft is one too:
 * its request moves on only when it is sent. Nothing is decrypted.
 */
export function unsentLetters(scope: Scope, now = new Date(), limit = 100): UnsentReminder[] {
  const before = now.getTime() - UNSENT_AFTER_DAYS * 86_400_000;
  const db = getDb();
  const rows = scopedQuery("reminders.unsent", scope, (s) =>
    db
      .select(columnsOfUnsent)
      .from(letters)
      .where(
        inScope(
          letters,
          s,
          eq(letters.status, "draft"),
          sql`${letters.createdAt} <= ${sql.placeholder("before")}`,
        ),
      )
      .orderBy(letters.createdAt, letters.id)
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all({ before, limit });
  const names = recipientNames(
    scope.workspaceId,
    rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])),
  );
  return rows.map((r) => ({
    letterId: r.id,
    caseId: r.caseId,
    reference: r.reference,
    recipientName: r.recipientId ? (names.get(r.recipientId) ?? "Unknown recipient") : "Unknown site",
    ...unnamedOf(r.recipientId, names),
    writtenOn: calendarDateIn(r.createdAt, "UTC"),
  }));
}

const columnsOfUnsent = {
  id: letters.id,
  caseId: letters.caseId,
  reference: letters.reference,
  recipientId: letters.recipientId,
  createdAt: letters.createdAt,
};

/** The digest's text in the translator's language: days written out (4 December 2026), counts as plurals. */
export function digestText(
  items: Reminder[],
  baseUrl: string,
  unsent: UnsentReminder[] = [],
  { t, locale }: Translator = mailTranslator("en"),
) {
  const overdue = items.filter((i) => i.overdue);
  const soon = items.filter((i) => !i.overdue);
  const day = (d: string) => formatDay(locale, d, "long");
  const to = (i: { recipientName: string; unnamed?: Unnamed }) =>
    i.unnamed === "site"
      ? t("mail.digest.unknownSite")
      : i.unnamed === "recipient"
        ? t("mail.digest.unknownRecipient")
        : i.recipientName;
  const link = (i: { caseId: string; letterId: string }) =>
    `  ${baseUrl}/cases/${i.caseId}/requests/${i.letterId}`;
  const line = (i: Reminder) => {
    const values = { reference: i.reference, recipient: to(i), due: day(i.due) };
    const words = i.overdue
      ? t("mail.digest.lineLate", { ...values, days: i.daysLate })
      : t("mail.digest.line", values);
    return `- ${words}\n${link(i)}`;
  };
  return [
    t("mail.digest.intro"),
    "",
    ...(overdue.length
      ? [t("mail.digest.overdue", { count: overdue.length }), ...overdue.map(line), ""]
      : []),
    ...(soon.length
      ? [t("mail.digest.soon", { days: DUE_SOON_DAYS, count: soon.length }), ...soon.map(line), ""]
      : []),
    ...(unsent.length
      ? [
          t("mail.digest.unsent", { count: unsent.length }),
          ...unsent.map(
            (u) =>
              `- ${t("mail.digest.unsentLine", { reference: u.reference, recipient: to(u), writtenOn: day(u.writtenOn) })}\n${link(u)}`,
          ),
          "",
        ]
      : []),
    t("mail.digest.why"),
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
    const scopes = ms.map((m) => ({ userId, workspaceId: m.workspaceId, role: m.role }));
    const items = scopes.flatMap((s) => remindersFor(s, now));
    const unsent = scopes.flatMap((s) => unsentLetters(s, now));
    if (!items.length && !unsent.length) continue;
    const claimed = db
      .insert(reminderDigests)
      .values({ userId, sentOn: today, items: items.length + unsent.length })
      .onConflictDoNothing()
      .run();
    if (claimed.changes !== 1) continue;
    const user = getUserProfile(userId);
    if (!user) continue;
    const overdue = items.filter((i) => i.overdue).length;
    // A job: no request, so the recipient's own page language (decision 149).
    const translator = translatorForUser(userId);
    const { t } = translator;
    await sendSystemMail({
      to: user.email,
      subject: overdue
        ? t("mail.digest.subject.overdue", { count: overdue })
        : items.length
          ? t("mail.digest.subject.soon", { count: items.length })
          : t("mail.digest.subject.unsent", { count: unsent.length }),
      text: digestText(items, getEnv().baseUrl, unsent, translator),
    });
    audit({
      action: "reminder.digest",
      workspaceId: null,
      targetType: "user",
      targetId: userId,
      detail: { items: items.length, overdue, unsent: unsent.length },
    });
    sent += 1;
  }
  return sent;
}

/** A recurring job of the runner: checks every 30 minutes; sends once a day at or after RETRACT_REMINDER_HOUR (UTC). */
export const reminderJob: JobHandler = {
  queue: "reminders",
  everyMs: () => 30 * 60_000,
  firstDelayMs: 0,
  async run() {
    if (new Date().getUTCHours() < getEnv().RETRACT_REMINDER_HOUR) return;
    try {
      await sendReminderDigests();
    } catch (e) {
      console.error(`[reminders] ${(e as Error).message}`);
    }
  },
};
