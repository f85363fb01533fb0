// The dashboard's chart counts places in each state at the end of each day or week, from the history of
// their states (exposure_status_changes). Places are moved through every state on given days and the counts are
// compared with a hand count of each day.
import { describe, expect, it } from "vitest";
import { memberships } from "#db/schema";
import { createUser } from "~/auth/users.server";
import { createCase } from "~/cases/cases.server";
import { progressFor, progressPeriod, runningCounts } from "~/dashboard/progress.server";
import { scorecardsFor } from "~/dashboard/scorecards.server";
import { getDb } from "~/db.server";
import { eraseSubject } from "~/export/erase.server";
import type { ExposureStatus } from "~/exposures/categories";
import { createExposure, deleteExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { assignSubject } from "~/workspaces/members.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { sentLetter } from "./factories";
import { newAccount } from "./helpers";

const NOW = new Date("2026-12-03T15:00:00Z");

async function caseWithPlaces(
  count: number,
  foundOn: string,
  given?: Awaited<ReturnType<typeof newAccount>>,
) {
  const account = given ?? (await newAccount());
  const subjectId = createSubject(account.scope, SubjectFieldsSchema.parse({ name: "Robin Example" }));
  const caseId = createCase(account.scope, { subjectId, title: "Posted addresses" });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const url = normaliseUrl(`https://people.example.org/${foundOn}/profile-${i}`);
    if (!url.ok) throw new Error("fixture");
    ids.push(
      createExposure(account.scope, caseId, {
        url: url.value,
        exposed: ["home_address"],
        callsForHarm: false,
        foundOn,
        severityOverride: null,
        status: "active",
        notes: "",
      }),
    );
  }
  const move = (exposureIds: string[], to: ExposureStatus, changedOn: string) =>
    setExposureStatus(getDb(), { workspaceId: account.workspaceId, exposureIds }, to, {
      source: "person",
      actorUserId: account.id,
      changedOn,
      now: NOW,
    });
  return { account, subjectId, caseId, ids, move };
}

describe("the progress chart", () => {
  it("counts each state at the end of every day, as a hand count of the changes says", async () => {
    const { account, caseId, ids, move } = await caseWithPlaces(4, "2026-11-20");
    const [a, b, c, d] = ids as [string, string, string, string];
    move([a, b, c], "requested", "2026-11-22");
    move([a, b], "said_removed", "2026-11-25");
    move([a], "removed", "2026-11-27");
    move([b], "removed", "2026-11-28");
    move([b], "reappeared", "2026-12-01");
    // A second case in the same workspace, found later, counts in the workspace's picture only.
    const second = await caseWithPlaces(1, "2026-11-30", account);

    const p = progressFor(account.scope, { caseId }, NOW);
    expect(p.bucket).toBe("day");
    expect(p.from).toBe("2026-11-20");
    expect(p.to).toBe("2026-12-03");
    expect(p.points).toHaveLength(14);
    const on = (day: string) => {
      const point = p.points.find((x) => x.on === day);
      if (!point) throw new Error(`no point for ${day}`);
      const { on: _, ...counts } = point;
      return counts;
    };
    expect(on("2026-11-20")).toEqual({ found: 4, requested: 0, said_removed: 0, removed: 0, reappeared: 0 });
    expect(on("2026-11-21")).toEqual({ found: 4, requested: 0, said_removed: 0, removed: 0, reappeared: 0 });
    expect(on("2026-11-22")).toEqual({ found: 4, requested: 3, said_removed: 0, removed: 0, reappeared: 0 });
    expect(on("2026-11-25")).toEqual({ found: 4, requested: 1, said_removed: 2, removed: 0, reappeared: 0 });
    expect(on("2026-11-27")).toEqual({ found: 4, requested: 1, said_removed: 1, removed: 1, reappeared: 0 });
    expect(on("2026-11-28")).toEqual({ found: 4, requested: 1, said_removed: 0, removed: 2, reappeared: 0 });
    expect(on("2026-12-03")).toEqual({ found: 4, requested: 1, said_removed: 0, removed: 1, reappeared: 1 });

    const workspace = progressFor(account.scope, {}, NOW).points;
    expect(workspace.find((x) => x.on === "2026-11-29")?.found).toBe(4);
    expect(workspace.find((x) => x.on === "2026-11-30")?.found).toBe(5);
    expect(workspace.at(-1)).toMatchObject({ found: 5, removed: 1, reappeared: 1 });
    expect(progressFor(account.scope, { caseIds: [caseId] }, NOW).points).toEqual(p.points);
    // The daily totals the workspace's picture reads follow deletions too: a place deleted, a person erased.
    deleteExposure(account.scope, caseId, d);
    expect(progressFor(account.scope, {}, NOW).points.at(-1)).toMatchObject({ found: 4, removed: 1 });
    expect(progressFor(account.scope, { caseId }, NOW).points.at(-1)).toMatchObject({ found: 3 });
    eraseSubject(account.scope, second.subjectId);
    expect(progressFor(account.scope, {}, NOW).points.at(-1)).toMatchObject({ found: 3, removed: 1 });
    // Another workspace sees none of it.
    const stranger = await newAccount();
    const theirs = progressFor(stranger.scope, {}, NOW);
    expect(theirs.points.every((x) => x.found === 0 && x.removed === 0)).toBe(true);
    expect(progressFor(stranger.scope, { caseIds: [caseId] }, NOW).points.every((x) => x.found === 0)).toBe(
      true,
    );
  });

  it("counts by week over a longer period, with what came before folded into the first week", async () => {
    const { account, caseId, ids, move } = await caseWithPlaces(3, "2026-08-01");
    move(ids, "requested", "2026-08-03");
    move([ids[0]!], "removed", "2026-10-15");
    const p = progressFor(account.scope, { caseId }, NOW);
    expect(p.bucket).toBe("week");
    // Weeks end on today's weekday; the first week covers the first day found.
    expect(p.points[p.points.length - 1]!.on).toBe("2026-12-03");
    expect(p.from <= "2026-08-01").toBe(true);
    expect(p.points[0]!.found).toBe(0);
    const last = p.points[p.points.length - 1]!;
    expect(last).toMatchObject({ found: 3, requested: 2, removed: 1 });
    const mid = p.points.find((x) => x.on >= "2026-10-15")!;
    expect(mid).toMatchObject({ found: 3, requested: 2, removed: 1 });
    const before = p.points.filter((x) => x.on < "2026-10-15").at(-1)!;
    expect(before).toMatchObject({ found: 3, requested: 3, removed: 0 });
  });
});

describe("what a caseworker sees", () => {
  it("counts only the places of the clients assigned to them, in the chart and the scorecards", async () => {
    const owner = await newAccount("Owner");
    const orgId = createOrganisation(owner.id, "Legal aid clinic").id;
    const ownerScope = { userId: owner.id, workspaceId: orgId, role: "owner" as const };
    const subjectId = createSubject(ownerScope, SubjectFieldsSchema.parse({ name: "Jo Example" }));
    const caseId = createCase(ownerScope, { subjectId, title: "Forum thread" });
    const url = normaliseUrl("https://forum.example.com/thread-9");
    if (!url.ok) throw new Error("fixture");
    const exposureId = createExposure(ownerScope, caseId, {
      url: url.value,
      exposed: ["phone"],
      callsForHarm: false,
      foundOn: "2026-11-25",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    sentLetter(ownerScope, caseId, { exposureIds: [exposureId], sentOn: "2026-11-26" });
    const user = await createUser({
      email: `cw-${Date.now()}@example.test`,
      name: "Caseworker",
      password: "correct horse battery staple",
    });
    getDb().insert(memberships).values({ workspaceId: orgId, userId: user.id, role: "caseworker" }).run();
    const cw = { userId: user.id, workspaceId: orgId, role: "caseworker" as const };

    expect(progressFor(ownerScope, {}, NOW).points.at(-1)).toMatchObject({ found: 1, requested: 1 });
    expect(progressFor(cw, {}, NOW).points.at(-1)).toMatchObject({ found: 0, requested: 0 });
    expect(scorecardsFor(cw, { now: NOW })).toEqual([]);
    assignSubject(ownerScope, subjectId, user.id);
    expect(progressFor(cw, {}, NOW).points.at(-1)).toMatchObject({ found: 1, requested: 1 });
    expect(scorecardsFor(cw, { now: NOW }).map((c) => c.sent)).toEqual([1]);
  });
});

describe("the period and the running counts", () => {
  it("looks back at most a year, by week, and a week at least", () => {
    const year = progressPeriod("2020-01-01", "2026-12-03");
    expect(year.bucket).toBe("week");
    expect(year.ends.at(-1)).toBe("2026-12-03");
    expect(year.ends).toHaveLength(53);
    const none = progressPeriod(null, "2026-12-03");
    expect(none).toMatchObject({ bucket: "day", from: "2026-11-26" });
    expect(none.ends).toHaveLength(8);
  });

  it("folds the rows before the first bucket into it and adds each change to its day", () => {
    const points = runningCounts(
      [
        { day: "", fromStatus: null, toStatus: "active", n: 5 },
        { day: "", fromStatus: "active", toStatus: "requested", n: 2 },
        { day: "2026-12-02", fromStatus: "requested", toStatus: "removed", n: 1 },
        { day: "2026-12-03", fromStatus: null, toStatus: "active", n: 1 },
      ],
      ["2026-12-01", "2026-12-02", "2026-12-03"],
    );
    expect(points.map((p) => [p.on, p.found, p.requested, p.removed])).toEqual([
      ["2026-12-01", 5, 2, 0],
      ["2026-12-02", 5, 1, 1],
      ["2026-12-03", 6, 1, 1],
    ]);
  });
});
