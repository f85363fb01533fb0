// Truthful states: "they say it is done" is not "removed". An answer saying it is done moves the request's places
// to said_removed and schedules a re-check three days later (a real HTTP server on 127.0.0.1 plays the site);
// only a re-check or the person's own check makes a place "removed". Also: "Stop reminding me" and taking a
// request up again, and changing several of a case's requests at once.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposureStatusChanges, jobs } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { listEvidence } from "~/evidence/evidence.server";
import { createExposuresBulk, getExposure, listExposures } from "~/exposures/exposures.server";
import { RECHECK_SOON_QUEUE, runSoonCheck } from "~/rechecks/soon.server";
import { getRequest, timelinePage } from "~/requests/requests.server";
import { remindersFor } from "~/requests/tracking/reminders.server";
import { action as caseAction, loader as caseLoader } from "~/routes/cases.$caseId._index";
import {
  action as exposureAction,
  loader as exposureLoader,
} from "~/routes/cases.$caseId.exposures.$exposureId";
import { action as requestAction, loader as requestLoader } from "~/routes/cases.$caseId.requests.$letterId";
import { createSubject } from "~/subjects/subjects.server";
import { draftLetter, sentLetter } from "./factories";
import { call, get, newAccount, post, status } from "./helpers";

type Page = { status: number; body: string };
const pages = new Map<string, Page>();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const p = pages.get(req.url ?? "/") ?? { status: 404, body: "not found" };
    res.writeHead(p.status, { "content-type": "text/html; charset=utf-8" });
    res.end(p.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const fetchOpts = { allowLoopback: true, timeoutMs: 3000 };
const NAME = "Jana Nováková";
let n = 0;

/** A case with `count` places on the local site, all requested by one sent letter. */
async function requestedPlaces(count: number) {
  const a = await newAccount();
  const subjectId = createSubject(a.scope, {
    name: NAME,
    aliases: [],
    emails: [],
    phones: [],
    addresses: [],
    usernames: [],
    country: "DE",
    notes: "",
  });
  const caseId = createCase(a.scope, { subjectId, title: "Case" });
  n += 1;
  const paths = Array.from({ length: count }, (_, i) => `/t${n}/post-${i}`);
  for (const p of paths) pages.set(p, { status: 200, body: `<h1>${NAME}</h1>` });
  createExposuresBulk(
    a.scope,
    caseId,
    paths.map((p, i) => ({
      line: i + 1,
      input: `${base}${p}`,
      fields: {
        exposed: ["home_address"],
        callsForHarm: false,
        foundOn: "2026-11-01",
        severityOverride: null,
        status: "active",
        notes: "",
      },
    })),
  );
  const all = listExposures(a.scope, caseId);
  const byPath = paths.map((p) => all.find((e) => e.url.endsWith(p))!.id);
  const letter = sentLetter(a.scope, caseId, { exposureIds: byPath, status: "acknowledged" });
  return { a, caseId, letter, exposureIds: byPath, paths };
}

const history = (exposureId: string) =>
  getDb()
    .select()
    .from(exposureStatusChanges)
    .where(eq(exposureStatusChanges.exposureId, exposureId))
    .orderBy(asc(exposureStatusChanges.at), asc(exposureStatusChanges.id))
    .all();

const soonJobs = (exposureId: string) =>
  getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.queue, RECHECK_SOON_QUEUE), eq(jobs.key, exposureId)))
    .all();

async function requestPage(a: { cookie: string }, caseId: string, letterId: string) {
  const path = `/cases/${caseId}/requests/${letterId}`;
  return (await call(requestLoader, get(path, a.cookie), { caseId, letterId })) as Awaited<
    ReturnType<typeof requestLoader>
  >;
}

function reply(
  a: { cookie: string },
  caseId: string,
  letterId: string,
  body: Record<string, string | string[]>,
) {
  const path = `/cases/${caseId}/requests/${letterId}`;
  return call(requestAction, post(path, { intent: "reply", receivedOn: "2026-12-01", ...body }, a.cookie), {
    caseId,
    letterId,
  });
}

describe("they say it is done", () => {
  it("moves the places to 'they say it is removed', schedules a re-check in 3 days, and a 404 makes it removed", async () => {
    const { a, caseId, letter, exposureIds, paths } = await requestedPlaces(2);
    const before = Date.now();
    expect(status(await reply(a, caseId, letter.id, { outcome: "removed" }))).toBe(302);

    for (const id of exposureIds) {
      expect(getExposure(a.scope, caseId, id).status).toBe("said_removed");
      const last = history(id).at(-1)!;
      expect([last.fromStatus, last.toStatus, last.source, last.letterId]).toEqual([
        "requested",
        "said_removed",
        "reply",
        letter.id,
      ]);
      const [job] = soonJobs(id);
      expect(job?.state).toBe("pending");
      const days = (job!.runAt.getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(3);
      expect(days).toBeLessThan(3.01);
    }
    let page = await requestPage(a, caseId, letter.id);
    expect(page.status).toBe("removed");
    expect(page.statusLabel).toBe("they say it is done");
    const due = new Date(soonJobs(exposureIds[0]!)[0]!.runAt).toISOString().slice(0, 10);
    const [y, m, d] = due.split("-").map(Number);
    const words = `${d} ${new Date(Date.UTC(y!, m! - 1, d!)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${y}`;
    expect(page.places.map((p) => p.nextCheckOn)).toEqual([words, words]);

    // The re-check finds both gone: removed (checked), by a re-check, and the request says so.
    pages.set(paths[0]!, { status: 404, body: "" });
    pages.set(paths[1]!, { status: 410, body: "" });
    for (const id of exposureIds)
      expect(
        (await runSoonCheck({ workspaceId: a.workspaceId, exposureId: id }, { fetch: fetchOpts }))?.outcome,
      ).toBe("removed");
    for (const id of exposureIds) expect(getExposure(a.scope, caseId, id).status).toBe("removed");
    page = await requestPage(a, caseId, letter.id);
    expect(page.statusLabel).toBe("removed (checked)");
    expect(page.places.every((p) => p.gone?.by === "recheck")).toBe(true);
  });

  it("still up after they said so: requested again, and the page says so with a follow-up suggested", async () => {
    const { a, caseId, letter, exposureIds } = await requestedPlaces(1);
    await reply(a, caseId, letter.id, { outcome: "no_longer_there" });
    const id = exposureIds[0]!;
    const result = await runSoonCheck({ workspaceId: a.workspaceId, exposureId: id }, { fetch: fetchOpts });
    expect(result?.outcome).toBe("up");
    expect(getExposure(a.scope, caseId, id).status).toBe("requested");
    const last = history(id).at(-1)!;
    expect([last.fromStatus, last.toStatus, last.source]).toEqual(["said_removed", "requested", "recheck"]);

    const page = await requestPage(a, caseId, letter.id);
    expect(page.statusLabel).toBe("no longer there");
    expect(page.places[0]!.stillUpOn).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(page.next).toBe("follow-up");
    expect(page.can.followUp).toBe(true);
    // A place that is no longer waiting for the recipient's word is not checked by the scheduled job again.
    expect(
      await runSoonCheck({ workspaceId: a.workspaceId, exposureId: id }, { fetch: fetchOpts }),
    ).toBeNull();
  });

  it("'partly removed' moves only the places named, or all when none is named", async () => {
    const { a, caseId, letter, exposureIds } = await requestedPlaces(3);
    await reply(a, caseId, letter.id, { outcome: "partly_removed", placeIds: [exposureIds[1]!] });
    expect(exposureIds.map((id) => getExposure(a.scope, caseId, id).status)).toEqual([
      "requested",
      "said_removed",
      "requested",
    ]);
    expect(soonJobs(exposureIds[0]!)).toHaveLength(0);

    const other = await requestedPlaces(2);
    await reply(other.a, other.caseId, other.letter.id, { outcome: "partly_removed" });
    expect(other.exposureIds.map((id) => getExposure(other.a.scope, other.caseId, id).status)).toEqual([
      "said_removed",
      "said_removed",
    ]);
  });
});

describe("I checked: it is gone", () => {
  it("records the day given and the evidence; refuses a future day and a second confirmation", async () => {
    const { a, caseId, letter, exposureIds } = await requestedPlaces(1);
    const id = exposureIds[0]!;
    const path = `/cases/${caseId}/exposures/${id}`;
    const params = { caseId, exposureId: id };

    const future = await call(
      exposureAction,
      post(path, { intent: "gone", checkedOn: "2999-01-01" }, a.cookie),
      params,
    );
    expect(status(future)).toBe(400);
    expect(
      ((await (future as Response).json()) as { fieldErrors: Record<string, string[]> }).fieldErrors
        .checkedOn,
    ).toEqual(["The day you checked cannot be in the future."]);
    expect(getExposure(a.scope, caseId, id).status).toBe("requested");

    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#224466" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("intent", "gone");
    form.append("checkedOn", "2026-11-28");
    form.append("file", new File([new Uint8Array(png)], "empty-page.png", { type: "image/png" }));
    expect(status(await call(exposureAction, post(path, form, a.cookie), params))).toBe(302);

    expect(getExposure(a.scope, caseId, id).status).toBe("removed");
    const last = history(id).at(-1)!;
    const files = listEvidence(a.scope, id);
    expect(files.map((f) => f.filename)).toEqual(["empty-page.png"]);
    expect([last.toStatus, last.source, last.changedOn, last.evidenceId]).toEqual([
      "removed",
      "person",
      "2026-11-28",
      files[0]!.id,
    ]);
    const page = (await call(exposureLoader, get(path, a.cookie), params)) as Awaited<
      ReturnType<typeof exposureLoader>
    >;
    // The loader sends the day; the page writes it in its language (4 December 2026, 2026년 12월 4일).
    expect(page.story.gone).toEqual({ on: "2026-11-28", by: "person" });

    const again = await call(
      exposureAction,
      post(path, { intent: "gone", checkedOn: "2026-11-29" }, a.cookie),
      params,
    );
    expect(status(again)).toBe(409);

    // The request's story shows the person's check; a place of the same case that no letter names, checked
    // gone too, is not part of any request's story.
    createExposuresBulk(a.scope, caseId, [
      {
        line: 1,
        input: `${base}/t${n}/not-requested`,
        fields: {
          exposed: ["phone"],
          callsForHarm: false,
          foundOn: "2026-11-01",
          severityOverride: null,
          status: "active",
          notes: "",
        },
      },
    ]);
    const other = listExposures(a.scope, caseId).find((e) => e.url.endsWith("/not-requested"))!.id;
    expect(
      status(
        await call(
          exposureAction,
          post(`/cases/${caseId}/exposures/${other}`, { intent: "gone", checkedOn: "2026-11-29" }, a.cookie),
          { caseId, exposureId: other },
        ),
      ),
    ).toBe(302);
    const confirmed = timelinePage(a.scope, caseId).items.filter((i) => i.kind === "confirmed");
    expect(confirmed.map((i) => [i.letterId, i.text])).toEqual([
      [letter.id, "A place was checked by hand and is gone (checked on 28 November 2026)"],
    ]);
  });
});

describe("stop reminding me", () => {
  it("sets an overdue request aside (no reminder), keeps the note, and takes it up again in its old state", async () => {
    const { a, caseId, letter } = await requestedPlaces(1);
    const late = new Date(Date.now() + 120 * 86_400_000);
    expect(remindersFor(a.scope, late).map((r) => r.letterId)).toContain(letter.id);

    const path = `/cases/${caseId}/requests/${letter.id}`;
    const params = { caseId, letterId: letter.id };
    const r = await call(
      requestAction,
      post(path, { intent: "abandon", note: "They went offline." }, a.cookie),
      params,
    );
    expect(status(r)).toBe(302);
    expect(getRequest(a.scope, letter.id).status).toBe("abandoned");
    expect(remindersFor(a.scope, late).map((x) => x.letterId)).not.toContain(letter.id);
    const page = await requestPage(a, caseId, letter.id);
    expect(page.overdue).toBe(false);
    expect(page.can.resume).toBe(true);
    expect(page.timeline.find((t) => t.kind === "abandon")?.note).toBe("They went offline.");

    expect(status(await call(requestAction, post(path, { intent: "resume" }, a.cookie), params))).toBe(302);
    expect(getRequest(a.scope, letter.id).status).toBe("acknowledged");
    expect(remindersFor(a.scope, late).map((x) => x.letterId)).toContain(letter.id);
    // Not set aside any more: a second "take it up again" is refused in words.
    const again = await call(requestAction, post(path, { intent: "resume" }, a.cookie), params);
    expect(status(again)).toBe(409);
  });
});

describe("changing several requests at once", () => {
  it("applies to each ticked request, reports the ones the lifecycle refuses by reference, and only in the case", async () => {
    const { a, caseId, letter } = await requestedPlaces(1);
    const second = sentLetter(a.scope, caseId, { exposureIds: [listExposures(a.scope, caseId)[0]!.id] });
    const closed = sentLetter(a.scope, caseId, { exposureIds: [listExposures(a.scope, caseId)[0]!.id] });
    const path = `/cases/${caseId}`;
    await call(
      caseAction,
      post(path, { intent: "bulk-requests", action: "close", letterIds: [closed.id] }, a.cookie),
      { caseId },
    );
    expect(getRequest(a.scope, closed.id).status).toBe("closed");

    const res = (await call(
      caseAction,
      post(
        path,
        { intent: "bulk-requests", action: "abandon", letterIds: [letter.id, second.id, closed.id] },
        a.cookie,
      ),
      { caseId },
    )) as { bulk: { moved: string[]; refused: { reference: string; state: string }[] } };
    expect(res.bulk.moved.sort()).toEqual([letter.reference, second.reference].sort());
    expect(res.bulk.refused).toEqual([{ reference: closed.reference, state: "closed" }]);
    expect(getRequest(a.scope, letter.id).status).toBe("abandoned");
    expect(getRequest(a.scope, second.id).status).toBe("abandoned");

    // "They say it is done" goes through the reply path: the places wait for a check.
    const third = sentLetter(a.scope, caseId, { exposureIds: [listExposures(a.scope, caseId)[0]!.id] });
    const done = (await call(
      caseAction,
      post(path, { intent: "bulk-requests", action: "said_done", letterIds: [third.id] }, a.cookie),
      { caseId },
    )) as { bulk: { moved: string[] } };
    expect(done.bulk.moved).toEqual([third.reference]);
    expect(getRequest(a.scope, third.id).status).toBe("removed");
    expect(getExposure(a.scope, caseId, listExposures(a.scope, caseId)[0]!.id).status).toBe("said_removed");

    // The case page shows their state in words, never the ids.
    const page = (await call(caseLoader, get(path, a.cookie), { caseId })) as Awaited<
      ReturnType<typeof caseLoader>
    >;
    const label = (id: string) => page.letters.find((l) => l.id === id)?.stateLabel;
    expect(label(letter.id)).toBe("Set aside (no reminders)");
    expect(label(third.id)).toBe("They say it is done");

    // Nothing ticked: a clear 400; a request of another case: 404 and nothing changes.
    const none = await call(caseAction, post(path, { intent: "bulk-requests", action: "close" }, a.cookie), {
      caseId,
    });
    expect(status(none)).toBe(400);
    const elsewhere = await requestedPlaces(1);
    const foreign = await call(
      caseAction,
      post(
        path,
        { intent: "bulk-requests", action: "close", letterIds: [letter.id, elsewhere.letter.id] },
        a.cookie,
      ),
      { caseId },
    );
    expect(status(foreign)).toBe(404);
    expect(getRequest(a.scope, letter.id).status).toBe("abandoned");
    expect(getRequest(elsewhere.a.scope, elsewhere.letter.id).status).toBe("acknowledged");
    const draft = draftLetter(a.scope, caseId);
    const refusedDraft = (await call(
      caseAction,
      post(path, { intent: "bulk-requests", action: "abandon", letterIds: [draft] }, a.cookie),
      { caseId },
    )) as { bulk: { moved: string[]; refused: { state: string }[] } };
    expect(refusedDraft.bulk).toMatchObject({ moved: [], refused: [{ state: "draft" }] });
  });
});
