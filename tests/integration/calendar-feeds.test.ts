// Calendar feeds: a secret link per member (all their cases) or per case, parsed here with a real ICS library
// (ical.js) as a calendar app would. The feed carries letter references and dates, never the person's name,
// email, address, a place's URL or the recipient's name; a turned-off or replaced link answers 404.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarEvents } from "~/calendar/events.server";
import { calendarFeedInfo, createCalendarFeed, revokeCalendarFeed } from "~/calendar/feeds.server";
import { serveCalendarFeed } from "~/calendar/serve.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { loader as feedLoader } from "~/routes/calendar.$token";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { sentLetter } from "./factories";
import { call, newAccount } from "./helpers";

const PERSON = {
  name: "Mirela Quast-Obenauf",
  emails: "mirela.quast@example.test",
  addresses: "14 Lindenallee, 10115 Berlin",
  country: "DE",
};

async function caseWithPlaces(scope: Awaited<ReturnType<typeof newAccount>>["scope"], n: number) {
  const subjectId = createSubject(scope, SubjectFieldsSchema.parse(PERSON));
  const caseId = createCase(scope, { subjectId, title: "Posted on a forum" });
  const urls = [`https://forum-leak${n}.example.net/thread/mirela-quast`, `https://paste${n}.example.org/q7`];
  const exposureIds = urls.map((u) => {
    const url = normaliseUrl(u);
    if (!url.ok) throw new Error("fixture");
    return createExposure(scope, caseId, {
      url: url.value,
      exposed: ["home_address"],
      callsForHarm: false,
      foundOn: "2026-11-20",
      severityOverride: null,
      status: "active",
      notes: "",
    });
  });
  return { caseId, exposureIds, urls };
}

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return {
    name: cal.getFirstPropertyValue("x-wr-calname"),
    events: cal.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return { uid: e.uid, summary: e.summary, start: e.startDate.toString(), allDay: e.startDate.isDate };
    }),
  };
}

async function fetchFeed(token: string) {
  return (await call(feedLoader, new Request(`http://localhost/calendar/${token}`), { token })) as Response;
}

describe("calendar feeds", () => {
  it("serves every case's deadlines and re-checks as RFC 5545 with no personal data", async () => {
    const a = await newAccount();
    const one = await caseWithPlaces(a.scope, 1);
    const two = await caseWithPlaces(a.scope, 2);
    const first = sentLetter(a.scope, one.caseId, { exposureIds: [one.exposureIds[0]!] });
    const second = sentLetter(a.scope, two.caseId, { exposureIds: [two.exposureIds[0]!] });
    // The recipient of the first case's letter says the place is gone: a re-check is scheduled.
    getDb().transaction((tx) =>
      setExposureStatus(
        tx,
        { workspaceId: a.workspaceId, exposureIds: [one.exposureIds[0]!] },
        "said_removed",
        {
          source: "reply",
          actorUserId: a.id,
        },
      ),
    );

    const { token } = createCalendarFeed(a.scope, null);
    const res = await fetchFeed(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const ics = await res.text();
    const feed = parse(ics);
    expect(feed.name).toBe("Retract: your dates");
    const summaries = feed.events.map((e) => e.summary).sort();
    expect(summaries).toEqual(
      [
        `Deadline for a reply to ${first.reference}`,
        `Deadline for a reply to ${second.reference}`,
        `Re-check of a place named in ${first.reference}`,
      ].sort(),
    );
    const deadline = feed.events.find((e) => e.summary === `Deadline for a reply to ${first.reference}`)!;
    expect(deadline.start).toBe(first.dueOn);
    expect(deadline.allDay).toBe(true);
    // One day after the recipient said so (scheduled re-checks every 24 hours by default).
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(feed.events.find((e) => e.summary.startsWith("Re-check"))!.start).toBe(tomorrow);

    // Nothing that names the person, the place or the recipient.
    const lower = ics.toLowerCase().replace(/\r\n[ \t]/g, "");
    for (const secret of [
      PERSON.name,
      "Quast",
      PERSON.emails,
      "Lindenallee",
      "Berlin",
      "forum-leak1",
      "example.net",
      "example.org",
      "Operator of",
      "Example Hosting",
      "privacy@example.com",
      "Posted on a forum",
    ])
      expect(lower).not.toContain(secret.toLowerCase());
  });

  it("a case's feed holds only that case, and a member cannot make one for a case they cannot see", async () => {
    const a = await newAccount();
    const one = await caseWithPlaces(a.scope, 3);
    const two = await caseWithPlaces(a.scope, 4);
    const first = sentLetter(a.scope, one.caseId, { exposureIds: [one.exposureIds[1]!] });
    sentLetter(a.scope, two.caseId, { exposureIds: [two.exposureIds[1]!] });
    const { token } = createCalendarFeed(a.scope, one.caseId);
    const feed = parse(await (await fetchFeed(token)).text());
    expect(feed.name).toBe("Retract: dates of one case");
    expect(feed.events.map((e) => e.summary)).toEqual([`Deadline for a reply to ${first.reference}`]);

    const outsider = await newAccount();
    expect(() => createCalendarFeed(outsider.scope, one.caseId)).toThrow(Response);
    expect(calendarEvents(outsider.scope, null)).toEqual([]);
  });

  it("turning a link off, or making a new one, makes the old one answer 404", async () => {
    const a = await newAccount();
    const { caseId, exposureIds } = await caseWithPlaces(a.scope, 5);
    sentLetter(a.scope, caseId, { exposureIds: [exposureIds[0]!] });
    const old = createCalendarFeed(a.scope, caseId);
    expect((await fetchFeed(old.token)).status).toBe(200);
    expect(calendarFeedInfo(a.scope, caseId)?.lastUsedAt).toBeInstanceOf(Date);

    const fresh = createCalendarFeed(a.scope, caseId);
    expect((await fetchFeed(old.token)).status).toBe(404);
    expect((await fetchFeed(fresh.token)).status).toBe(200);

    // The person feed is separate: making or turning off one leaves the other.
    const person = createCalendarFeed(a.scope, null);
    expect(revokeCalendarFeed(a.scope, caseId)).toBe(true);
    expect(revokeCalendarFeed(a.scope, caseId)).toBe(false);
    expect(calendarFeedInfo(a.scope, caseId)).toBeNull();
    const gone = await fetchFeed(fresh.token);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe("This calendar link does not exist or was turned off.");
    expect((await fetchFeed(person.token)).status).toBe(200);
    expect((await fetchFeed("rcal_not-a-real-token")).status).toBe(404);
  });

  it("limits requests per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await serveCalendarFeed("rcal_guess", "203.0.113.9")).status);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
