// An organisation's numbers for one incident (decision 115): per unit of the roster, how many people, places
// in each state and requests sent, answered, refused and unanswered by their due date; the same chart as the
// dashboard for the whole incident or one unit; a CSV of the per-unit counts. Counts and unit names only (the
// organisation already sees its roster's units): never a person's name or a place's address.
import { stringify } from "csv-stringify/sync";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { exposures, incidentPeople, incidents, letters } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { safeCell } from "~/audit/audit-log.server";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { listUnits } from "~/incidents/incidents.server";
import { inScope, notFound, type Scope } from "~/workspaces/scope.server";
import { progressFor } from "./progress.server";

export type UnitNumbers = {
  /** The unit's key (a keyed hash, for links), or null for people with no unit on the roster. */
  key: string | null;
  label: string;
  people: number;
  places: number;
  active: number;
  requested: number;
  saidRemoved: number;
  removed: number;
  reappeared: number;
  requestsSent: number;
  answered: number;
  refused: number;
  ignored: number;
};

const NO_UNIT = "No unit given";

function requireIncidentRow(scope: Scope, incidentId: string) {
  const row = getDb()
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.id, incidentId), eq(incidents.workspaceId, scope.workspaceId)))
    .get();
  if (!row) notFound("This incident");
}

const empty = (key: string | null, label: string): UnitNumbers => ({
  key,
  label,
  people: 0,
  places: 0,
  active: 0,
  requested: 0,
  saidRemoved: 0,
  removed: 0,
  reappeared: 0,
  requestsSent: 0,
  answered: 0,
  refused: 0,
  ignored: 0,
});

/** Per unit (in the roster's unit order, then people without one) and in all, for the people the scope sees. */
export function incidentNumbers(scope: Scope, incidentId: string, now = new Date()) {
  requireIncidentRow(scope, incidentId);
  const db = getDb();
  const today = calendarDateIn(now, "UTC");
  const people = inScope(incidentPeople, scope, eq(incidentPeople.incidentId, incidentId));
  const units = new Map<string | null, UnitNumbers>(
    listUnits(scope, incidentId).map((u) => [u.key, empty(u.key, u.label)]),
  );
  const unit = (key: string | null) => {
    let u = units.get(key);
    if (!u) {
      u = empty(key, NO_UNIT);
      units.set(key, u);
    }
    return u;
  };
  for (const r of db
    .select({ key: incidentPeople.unitHmac, n: sql<number>`count(*)` })
    .from(incidentPeople)
    .where(people)
    .groupBy(incidentPeople.unitHmac)
    .all())
    unit(r.key).people = r.n;
  for (const r of db
    .select({ key: incidentPeople.unitHmac, status: exposures.status, n: sql<number>`count(*)` })
    .from(incidentPeople)
    .innerJoin(
      exposures,
      and(eq(exposures.caseId, incidentPeople.caseId), eq(exposures.workspaceId, incidentPeople.workspaceId)),
    )
    .where(people)
    .groupBy(incidentPeople.unitHmac, exposures.status)
    .all()) {
    const u = unit(r.key);
    u.places += r.n;
    if (r.status === "active") u.active += r.n;
    else if (r.status === "requested") u.requested += r.n;
    else if (r.status === "said_removed") u.saidRemoved += r.n;
    else if (r.status === "removed") u.removed += r.n;
    else if (r.status === "reappeared") u.reappeared += r.n;
  }
  // Requests: answered (any answer event), refused, and past due with no answer; correlated with the letter.
  for (const r of db
    .select({
      key: incidentPeople.unitHmac,
      sent: sql<number>`count(*)`,
      answered: sql<number>`sum(exists (select 1 from request_events ev where ev.letter_id = ${letters.id} and ev.kind in ('acknowledge', 'announce_extension', 'reply')))`,
      refused: sql<number>`sum(exists (select 1 from request_events ev where ev.letter_id = ${letters.id} and ev.kind = 'reply' and ev.outcome = 'refused'))`,
      ignored: sql<number>`sum(${letters.effectiveDueOn} < ${today} and not exists (select 1 from request_events ev where ev.letter_id = ${letters.id} and ev.kind in ('acknowledge', 'announce_extension', 'reply')))`,
    })
    .from(incidentPeople)
    .innerJoin(
      letters,
      and(eq(letters.caseId, incidentPeople.caseId), eq(letters.workspaceId, incidentPeople.workspaceId)),
    )
    .where(and(people, isNotNull(letters.sentOn)))
    .groupBy(incidentPeople.unitHmac)
    .all()) {
    const u = unit(r.key);
    u.requestsSent = r.sent;
    u.answered = r.answered ?? 0;
    u.refused = r.refused ?? 0;
    u.ignored = r.ignored ?? 0;
  }
  const rows = [...units.values()];
  const total = rows.reduce(
    (t, u) => {
      for (const k of Object.keys(t) as (keyof UnitNumbers)[])
        if (typeof t[k] === "number") (t[k] as number) += u[k] as number;
      return t;
    },
    empty(null, "Everyone"),
  );
  return { units: rows, total };
}

/** The chart for the incident, or for one unit of it (`unitKey`), over the people the scope sees. */
export function incidentProgress(scope: Scope, incidentId: string, unitKey: string | null, now = new Date()) {
  requireIncidentRow(scope, incidentId);
  const caseIds = getDb()
    .select({ caseId: incidentPeople.caseId })
    .from(incidentPeople)
    .where(
      inScope(
        incidentPeople,
        scope,
        eq(incidentPeople.incidentId, incidentId),
        unitKey ? eq(incidentPeople.unitHmac, unitKey) : undefined,
      ),
    )
    .all()
    .map((r) => r.caseId);
  return progressFor(scope, { caseIds }, now);
}

/** Column headings of the CSV, whole words. */
const CSV_COLUMNS: [keyof UnitNumbers, string][] = [
  ["label", "Unit"],
  ["people", "People"],
  ["places", "Places found"],
  ["active", "Still up"],
  ["requested", "Removal requested"],
  ["saidRemoved", "They say it is removed"],
  ["removed", "Removed (checked)"],
  ["reappeared", "Back up again"],
  ["requestsSent", "Requests sent"],
  ["answered", "Requests answered"],
  ["refused", "Requests refused"],
  ["ignored", "No answer by the due date"],
];

/** The per-unit counts as CSV (a row per unit and one for everyone); the export is logged. */
export function incidentNumbersCsv(scope: Scope, incidentId: string, now = new Date()) {
  const { units, total } = incidentNumbers(scope, incidentId, now);
  audit({
    action: "incident.numbers_export",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "incident",
    targetId: incidentId,
  });
  // A unit name is the organisation's own text: never let a spreadsheet run it as a formula.
  const cell = (v: string | number | null) => (typeof v === "string" ? safeCell(v) : (v ?? ""));
  return stringify(
    [...units, total].map((u) => CSV_COLUMNS.map(([k]) => cell(u[k]))),
    {
      header: true,
      columns: CSV_COLUMNS.map(([, label]) => label),
    },
  );
}
