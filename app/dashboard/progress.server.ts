// The dashboard's picture of progress: how many places were found, requested, said removed, checked gone and
// back up at the end of each day or week, from exposure_status_changes (the one history of a place's state).
// The database adds up the changes per day and state (from exposure_status_changes_progress_idx alone, decision
// 112); this module turns them into running counts. Statuses, dates and counts only: nothing personal.
import { and, eq, sql } from "drizzle-orm";
import { exposureStatusChanges, exposureStatusDaily } from "#db/schema";
import { getDb, prepared } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { can, inScope, type Scope, scopedQuery } from "~/workspaces/scope.server";
import { chartGeometry } from "./chart.server";
import type { Progress, ProgressPoint } from "./progress";

/** How far back the chart looks at most, and when it switches from days to weeks. */
const LONGEST_DAYS = 364;
const DAILY_UP_TO_DAYS = 31;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

type Row = { day: string; fromStatus: string | null; toStatus: string; n: number };

/**
 * The days the chart covers: from the first change (at most a year back) to today, by day up to a month,
 * else by week (each week ending on today's weekday, so the last point is today).
 */
export function progressPeriod(first: string | null, today: string) {
  const earliest = addDays(today, -LONGEST_DAYS);
  let from = first && first < today ? first : addDays(today, -7);
  if (from < earliest) from = earliest;
  const span = daysBetween(from, today);
  const bucket: Progress["bucket"] = span <= DAILY_UP_TO_DAYS ? "day" : "week";
  const step = bucket === "day" ? 1 : 7;
  const ends: string[] = [];
  // Whole steps back from today, so every bucket has the same length; the first covers `from`.
  const steps = Math.ceil(span / step);
  for (let i = steps; i >= 0; i--) ends.push(addDays(today, -i * step));
  return { bucket, from: ends[0]!, ends };
}

/**
 * Running counts at the end of each bucket, from the changes per day (`before`: everything up to and including
 * the first bucket's end is folded into it). Pure, for the tests.
 */
export function runningCounts(rows: Row[], ends: string[]): ProgressPoint[] {
  const current: Record<string, number> = {};
  const bump = (status: string | null, by: number) => {
    if (status !== null) current[status] = (current[status] ?? 0) + by;
  };
  const sorted = [...rows].sort((a, b) => a.day.localeCompare(b.day));
  const points: ProgressPoint[] = [];
  let i = 0;
  for (const end of ends) {
    for (; i < sorted.length && sorted[i]!.day <= end; i++) {
      const r = sorted[i]!;
      if (r.fromStatus === null) current.found = (current.found ?? 0) + r.n;
      bump(r.fromStatus, -r.n);
      bump(r.toStatus, r.n);
    }
    points.push({
      on: end,
      found: current.found ?? 0,
      requested: current.requested ?? 0,
      said_removed: current.said_removed ?? 0,
      removed: current.removed ?? 0,
      reappeared: current.reappeared ?? 0,
    });
  }
  return points;
}

/** The places of one case, or of everything the scope may see in its workspace. */
type Of = { caseId?: string; caseIds?: string[] };

/**
 * The picture for the scope's workspace, one case (`caseId`: the caller has already found the case in
 * scope), or a set of cases (an incident's or a unit's: `caseIds`, already checked by the caller).
 */
export function progressFor(scope: Scope, of: Of = {}, now = new Date()): Progress {
  const today = calendarDateIn(now, "UTC");
  // The whole workspace, for a member who sees every client: the database's daily totals (a few rows a day).
  if (!of.caseId && !of.caseIds && can(scope, "case:read_all")) return fromDailyTotals(scope, today);
  const db = getDb();
  const t = exposureStatusChanges;
  const first = (() => {
    if (of.caseIds) return firstDayOfCases(scope, of.caseIds);
    const q = of.caseId
      ? scopedQuery("progress.first.case", scope, (s) =>
          db
            .select({ day: sql<string | null>`min(${t.changedOn})` })
            .from(t)
            .where(inScope(t, s, eq(t.caseId, sql.placeholder("caseId"))))
            .prepare(),
        )
      : scopedQuery("progress.first", scope, (s) =>
          db
            .select({ day: sql<string | null>`min(${t.changedOn})` })
            .from(t)
            .where(inScope(t, s))
            .prepare(),
        );
    return q.get(of.caseId ? { caseId: of.caseId } : {})?.day ?? null;
  })();
  const { bucket, from, ends } = progressPeriod(first, today);
  // Changes on or before the first bucket's end are added up as one row: they make its starting counts.
  const day = sql<string>`case when ${t.changedOn} <= ${sql.placeholder("start")} then '' else ${t.changedOn} end`;
  const select = { day, fromStatus: t.fromStatus, toStatus: t.toStatus, n: sql<number>`count(*)` };
  let rows: Row[];
  if (of.caseIds) {
    rows = chunked(of.caseIds, (ids) =>
      db
        .select({
          ...select,
          day: sql<string>`case when ${t.changedOn} <= ${from} then '' else ${t.changedOn} end`,
        })
        .from(t)
        .where(inScope(t, scope, sql`${t.caseId} in ${ids}`))
        .groupBy(sql`1`, t.fromStatus, t.toStatus)
        .all(),
    );
  } else if (of.caseId) {
    rows = scopedQuery("progress.case", scope, (s) =>
      db
        .select(select)
        .from(t)
        .where(inScope(t, s, eq(t.caseId, sql.placeholder("caseId"))))
        .groupBy(sql`1`, t.fromStatus, t.toStatus)
        .prepare(),
    ).all({ caseId: of.caseId, start: from });
  } else {
    rows = scopedQuery("progress.workspace", scope, (s) =>
      db.select(select).from(t).where(inScope(t, s)).groupBy(sql`1`, t.fromStatus, t.toStatus).prepare(),
    ).all({ start: from });
  }
  const points = runningCounts(rows, ends);
  return { bucket, from, to: today, points, chart: chartGeometry(points) };
}

function fromDailyTotals(scope: Scope, today: string): Progress {
  const d = exposureStatusDaily;
  const rows = prepared("progress.daily", (db) =>
    db
      .select({ day: d.day, fromStatus: d.fromStatus, toStatus: d.toStatus, n: d.n })
      .from(d)
      .where(eq(d.workspaceId, sql.placeholder("workspaceId")))
      .prepare(),
  ).all({ workspaceId: scope.workspaceId });
  const first = rows.reduce<string | null>(
    (m, r) => (r.n > 0 && (m === null || r.day < m) ? r.day : m),
    null,
  );
  const { bucket, from, ends } = progressPeriod(first, today);
  const changes: Row[] = rows.map((r) => ({
    day: r.day <= from ? "" : r.day,
    fromStatus: r.fromStatus === "" ? null : r.fromStatus,
    toStatus: r.toStatus,
    n: r.n,
  }));
  const points = runningCounts(changes, ends);
  return { bucket, from, to: today, points, chart: chartGeometry(points) };
}

function firstDayOfCases(scope: Scope, caseIds: string[]) {
  const t = exposureStatusChanges;
  const days = chunked(caseIds, (ids) =>
    getDb()
      .select({ day: sql<string>`min(${t.changedOn})` })
      .from(t)
      .where(and(inScope(t, scope), sql`${t.caseId} in ${ids}`))
      .all(),
  )
    .map((r) => r.day)
    .filter((d): d is string => d !== null)
    .sort();
  return days[0] ?? null;
}

/** SQLite limits bound variables; large sets of cases are asked in parts and the rows put together. */
function chunked<R>(ids: string[], run: (ids: string[]) => R[]): R[] {
  if (ids.length === 0) return [];
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...run(ids.slice(i, i + 500)));
  return out;
}
