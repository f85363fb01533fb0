// What a calendar feed holds: the dates a member needs to act on, for every case they can see in the workspace
// or for one case. Reply deadlines and follow-up dates of waiting requests, acknowledgement dates, and the next
// re-check of places a recipient says are removed (decision 117). Each event is a letter reference, a date and
// plain words; nothing personal is read, so nothing is decrypted (decision 116).
import { and, desc, eq, gte, inArray, max } from "drizzle-orm";
import ical, { ICalCalendarMethod } from "ical-generator";
import { exposureChecks, exposureStatusChanges, exposures, letterExposures, letters } from "#db/schema";
import { getDb } from "~/db.server";
import { calendarDateIn } from "~/deadlines/engine";
import { RULES, type RuleId } from "~/deadlines/rules";
import { getEnv } from "~/env.server";
import { AWAITING } from "~/requests/tracking/lifecycle";
import { inScope, type Scope } from "~/workspaces/scope.server";

export type CalendarEventKind = "deadline" | "follow_up" | "acknowledgement" | "recheck";

export type CalendarEvent = {
  /** Stable across polls, so a calendar app updates an event instead of adding another. */
  uid: string;
  kind: CalendarEventKind;
  /** YYYY-MM-DD: an all-day event. */
  date: string;
  summary: string;
  description: string;
  /** The request's page in Retract (it asks for a log-in). */
  url: string;
};

/** Waiting requests whose date passed more than this many days ago drop out of the feed. */
export const PAST_DAYS = 90;
/** At most this many events per feed, the soonest first: a calendar is not a report. */
export const MAX_EVENTS = 2000;

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Whether the rule's date is one the user set themselves (no days in law): "follow up", not "deadline". */
function isFollowUpRule(rule: string | null) {
  if (!rule || !(rule in RULES)) return true;
  return RULES[rule as RuleId].defaultFollowUpDays !== null;
}

/** The feed's events, soonest first. `caseId` null: every case the scope can see. */
export function calendarEvents(scope: Scope, caseId: string | null, now = new Date()): CalendarEvent[] {
  const db = getDb();
  const { baseUrl, RETRACT_RECHECK_HOURS: recheckHours } = getEnv();
  const today = calendarDateIn(now, "UTC");
  const from = addDays(today, -PAST_DAYS);
  const inCase = caseId === null ? undefined : eq(letters.caseId, caseId);
  const requestUrl = (c: string, l: string) => `${baseUrl}/cases/${c}/requests/${l}`;
  const events: CalendarEvent[] = [];

  const waiting = db
    .select({
      id: letters.id,
      caseId: letters.caseId,
      reference: letters.reference,
      status: letters.status,
      rule: letters.deadlineRule,
      due: letters.effectiveDueOn,
      acknowledgeBy: letters.acknowledgeBy,
    })
    .from(letters)
    .where(
      inScope(
        letters,
        scope,
        inArray(letters.status, [...AWAITING]),
        gte(letters.effectiveDueOn, from),
        inCase,
      ),
    )
    .orderBy(letters.effectiveDueOn, letters.id)
    .limit(MAX_EVENTS)
    .all();
  for (const l of waiting) {
    const url = requestUrl(l.caseId, l.id);
    if (l.due) {
      const followUp = isFollowUpRule(l.rule);
      events.push({
        uid: `${followUp ? "follow-up" : "deadline"}-${l.id}@retract`,
        kind: followUp ? "follow_up" : "deadline",
        date: l.due,
        summary: followUp ? `Follow up on ${l.reference}` : `Deadline for a reply to ${l.reference}`,
        description: followUp
          ? `If there is no answer to request ${l.reference} by today, it is time to follow up. Open the request in Retract to see what to do next.`
          : `The recipient of request ${l.reference} should have answered by today. Open the request in Retract to see what to do next.`,
        url,
      });
    }
    if (l.acknowledgeBy && l.status === "sent" && l.acknowledgeBy >= from)
      events.push({
        uid: `acknowledgement-${l.id}@retract`,
        kind: "acknowledgement",
        date: l.acknowledgeBy,
        summary: `Acknowledgement due for ${l.reference}`,
        description: `The recipient of request ${l.reference} should confirm they received it by today.`,
        url,
      });
  }

  // Re-checks: places a recipient says are removed are checked again; the date is the scheduled one (the
  // interval after the later of the last check and the day they said so). Off when scheduled re-checks are.
  if (recheckHours > 0) {
    const intervalMs = recheckHours * 3_600_000;
    const said = db
      .select({ id: exposures.id, caseId: exposures.caseId })
      .from(exposures)
      .where(
        inScope(
          exposures,
          scope,
          eq(exposures.status, "said_removed"),
          caseId === null ? undefined : eq(exposures.caseId, caseId),
        ),
      )
      .limit(MAX_EVENTS)
      .all();
    for (const e of said) {
      const saidAt =
        db
          .select({ at: max(exposureStatusChanges.at) })
          .from(exposureStatusChanges)
          .where(
            and(
              eq(exposureStatusChanges.exposureId, e.id),
              eq(exposureStatusChanges.toStatus, "said_removed"),
            ),
          )
          .get()?.at ?? null;
      const checkedAt =
        db
          .select({ at: max(exposureChecks.checkedAt) })
          .from(exposureChecks)
          .where(eq(exposureChecks.exposureId, e.id))
          .get()?.at ?? null;
      const base = Math.max(toMs(saidAt), toMs(checkedAt));
      if (base === 0) continue;
      // A re-check that is late (the job has not run yet) is shown today, not in the past.
      const scheduled = calendarDateIn(new Date(base + intervalMs), "UTC");
      const date = scheduled.localeCompare(today) < 0 ? today : scheduled;
      const letter = db
        .select({ id: letters.id, reference: letters.reference })
        .from(letterExposures)
        .innerJoin(letters, eq(letters.id, letterExposures.letterId))
        .where(eq(letterExposures.exposureId, e.id))
        .orderBy(desc(letters.createdAt))
        .limit(1)
        .get();
      events.push({
        uid: `recheck-${e.id}@retract`,
        kind: "recheck",
        date,
        summary: letter
          ? `Re-check of a place named in ${letter.reference}`
          : "Re-check of a place they say is removed",
        description:
          "The recipient says this place is removed. Retract checks it again on this day; until then it is shown as “they say it is removed”, not as removed.",
        url: letter ? requestUrl(e.caseId, letter.id) : `${baseUrl}/cases/${e.caseId}/exposures/${e.id}`,
      });
    }
  }

  events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
  return events.slice(0, MAX_EVENTS);
}

const toMs = (v: Date | number | null) => (v === null ? 0 : typeof v === "number" ? v : v.getTime());

/** The feed as RFC 5545 text: all-day events, no personal data, the calendar named in plain words. */
export function renderCalendar(
  events: CalendarEvent[],
  { forCase, now = new Date() }: { forCase: boolean; now?: Date },
) {
  const calendar = ical({
    name: forCase ? "Retract: dates of one case" : "Retract: your dates",
    description: "Deadlines, follow-up dates and re-checks from Retract. Letter references only.",
    prodId: { company: "Retract", product: "Retract", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const e of events)
    calendar.createEvent({
      id: e.uid,
      start: new Date(`${e.date}T00:00:00Z`),
      allDay: true,
      stamp: now,
      summary: e.summary,
      description: e.description,
      url: e.url,
    });
  return calendar.toString();
}
