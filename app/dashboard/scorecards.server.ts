// Recipient scorecards (decision 113): how each recipient answered this workspace's requests, from its own data.
// Per recipient: the median days from sending to the first answer, the median days from sending to a place
// being checked gone (exposure_status_changes to "removed"), the share of requests refused, and the share
// ignored (due date passed with no answer at all). Across the instance only when the operator opts in
// (RETRACT_SHARE_SCORECARDS), counts only and only where enough workspaces contribute. Nothing personal is
// read: dates, states and counts.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { exposureStatusChanges, letterExposures, letters } from "#db/schema";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { getEnv } from "~/env.server";
import { recipientNames } from "~/exposures/recipient.server";
import { inScope, type Scope } from "~/workspaces/scope.server";

/** The request events that are an answer from the recipient. */
const ANSWER_EVENTS = ["acknowledge", "announce_extension", "reply"] as const;

/** Below this many workspaces, an instance-wide figure is not shown (it could point at one organisation). */
export const INSTANCE_MIN_WORKSPACES = 5;

export type Scorecard = {
  recipientId: string;
  /** Requests sent to the recipient. */
  sent: number;
  /** Median whole days from sending to the first answer; null when none was answered. */
  medianDaysToAnswer: number | null;
  answered: number;
  /** Median whole days from sending to a place it was about being checked gone; null when none was. */
  medianDaysToRemoval: number | null;
  removedPlaces: number;
  refused: number;
  /** Past their due date with no answer of any kind. */
  ignored: number;
};

type LetterFacts = {
  id: string;
  recipientId: string;
  workspaceId: string;
  sentOn: string;
  due: string | null;
  firstAnswerOn: string | null;
  refused: number;
};

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** The median of whole days (the lower of the two middle values for an even count, so it is a real count). */
export function medianDays(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The facts of each sent request, one row per letter, added up in SQL. */
function letterFacts(where: ReturnType<typeof and>) {
  // Written out with table names: drizzle leaves them off in a one-table select, and these subqueries are
  // correlated with the outer letters row.
  const answerKinds = sql.join(
    ANSWER_EVENTS.map((k) => sql`${k}`),
    sql`, `,
  );
  return getDb()
    .select({
      id: letters.id,
      recipientId: sql<string>`${letters.recipientId}`,
      workspaceId: letters.workspaceId,
      sentOn: sql<string>`${letters.sentOn}`,
      due: sql<string | null>`${letters.effectiveDueOn}`,
      firstAnswerOn: sql<
        string | null
      >`(select strftime('%Y-%m-%d', min(ev.at) / 1000, 'unixepoch') from request_events ev where ev.letter_id = "letters"."id" and ev.kind in (${answerKinds}))`,
      refused: sql<number>`exists (select 1 from request_events ev where ev.letter_id = "letters"."id" and ev.kind = 'reply' and ev.outcome = 'refused')`,
    })
    .from(letters)
    .where(and(where, isNotNull(letters.sentOn), isNotNull(letters.recipientId)))
    .all() as LetterFacts[];
}

/** For each letter and place it was about: the first day on or after sending that the place was checked gone. */
function removals(where: ReturnType<typeof and>) {
  const c = exposureStatusChanges;
  return getDb()
    .select({
      letterId: letters.id,
      removedOn: sql<string>`min(${c.changedOn})`,
    })
    .from(letters)
    .innerJoin(letterExposures, eq(letterExposures.letterId, letters.id))
    .innerJoin(
      c,
      and(
        eq(c.exposureId, letterExposures.exposureId),
        eq(c.toStatus, "removed"),
        sql`${c.changedOn} >= ${letters.sentOn}`,
      ),
    )
    .where(and(where, isNotNull(letters.sentOn), isNotNull(letters.recipientId)))
    .groupBy(letters.id, letterExposures.exposureId)
    .all();
}

function tally(facts: LetterFacts[], removed: { letterId: string; removedOn: string }[], today: string) {
  const byLetter = new Map(facts.map((f) => [f.id, f]));
  const cards = new Map<
    string,
    Scorecard & { answerDays: number[]; removalDays: number[]; workspaces: Set<string> }
  >();
  const card = (recipientId: string) => {
    let c = cards.get(recipientId);
    if (!c) {
      c = {
        recipientId,
        sent: 0,
        medianDaysToAnswer: null,
        answered: 0,
        medianDaysToRemoval: null,
        removedPlaces: 0,
        refused: 0,
        ignored: 0,
        answerDays: [],
        removalDays: [],
        workspaces: new Set(),
      };
      cards.set(recipientId, c);
    }
    return c;
  };
  for (const f of facts) {
    const c = card(f.recipientId);
    c.sent += 1;
    c.workspaces.add(f.workspaceId);
    if (f.firstAnswerOn) {
      c.answered += 1;
      c.answerDays.push(Math.max(0, daysBetween(f.sentOn, f.firstAnswerOn)));
    } else if (f.due && f.due < today) c.ignored += 1;
    if (f.refused) c.refused += 1;
  }
  for (const r of removed) {
    const f = byLetter.get(r.letterId);
    if (!f) continue;
    const c = card(f.recipientId);
    c.removedPlaces += 1;
    c.removalDays.push(daysBetween(f.sentOn, r.removedOn));
  }
  return [...cards.values()].map(({ answerDays, removalDays, workspaces, ...c }) => ({
    ...c,
    medianDaysToAnswer: medianDays(answerDays),
    medianDaysToRemoval: medianDays(removalDays),
    workspaceCount: workspaces.size,
  }));
}

/**
 * The scope's scorecards, one per recipient it has sent requests to (or only `recipientId`'s), most requests
 * first, with the recipient's name (the workspace's correction applied).
 */
export function scorecardsFor(scope: Scope, options: { recipientId?: string; now?: Date } = {}) {
  const today = calendarDateIn(options.now ?? new Date(), "UTC");
  const where = inScope(
    letters,
    scope,
    options.recipientId ? eq(letters.recipientId, options.recipientId) : undefined,
  );
  const cards = tally(letterFacts(where), removals(where), today).map(({ workspaceCount: _, ...c }) => c);
  const names = recipientNames(
    scope.workspaceId,
    cards.map((c) => c.recipientId),
  );
  return cards
    .map((c) => ({ ...c, name: names.get(c.recipientId) ?? "Unknown recipient" }))
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name));
}

/** Whether the operator shares de-identified scorecards across the instance (RETRACT_SHARE_SCORECARDS). */
export function instanceScorecardsShared() {
  return getEnv().RETRACT_SHARE_SCORECARDS;
}

/**
 * One recipient's scorecard over every workspace of the instance, only when the operator opts in and at least
 * INSTANCE_MIN_WORKSPACES workspaces sent it requests; otherwise null. Counts only: no workspace is named.
 */
export function instanceScorecard(recipientId: string, now = new Date()) {
  if (!instanceScorecardsShared()) return null;
  const today = calendarDateIn(now, "UTC");
  const where = and(eq(letters.recipientId, recipientId));
  const [card] = tally(letterFacts(where), removals(where), today);
  if (!card || card.workspaceCount < INSTANCE_MIN_WORKSPACES) return null;
  const { workspaceCount: _, recipientId: __, ...counts } = card;
  return counts;
}
