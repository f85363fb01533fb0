// Recipient scorecards: seeded requests with known answers, and each figure compared with a hand count. The
// instance-wide figures appear only when the operator opts in and enough workspaces wrote to the recipient.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { instanceScorecard, medianDays, scorecardsFor } from "~/dashboard/scorecards.server";
import { getDb } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { createExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { applyEvent } from "~/requests/requests.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import type { Scope } from "~/workspaces/scope.server";
import { sentLetter } from "./factories";
import { newAccount } from "./helpers";

const NOW = new Date("2026-12-03T12:00:00Z");
const at = (day: string) => ({ at: new Date(`${day}T10:00:00Z`) });

function place(scope: Scope, caseId: string, address: string) {
  const url = normaliseUrl(address);
  if (!url.ok) throw new Error("fixture");
  return createExposure(scope, caseId, {
    url: url.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-09-20",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

function newCase(scope: Scope) {
  const subjectId = createSubject(scope, SubjectFieldsSchema.parse({ name: "Alex Example" }));
  return createCase(scope, { subjectId, title: "Listed on people-search sites" });
}

beforeAll(() => {
  // The shared directory, so letters to a platform from different workspaces go to one recipient.
  importDirectory(getDb());
});

afterEach(() => {
  delete process.env.RETRACT_SHARE_SCORECARDS;
  resetEnvForTests();
});

describe("recipient scorecards", () => {
  it("match a hand count of seeded requests", async () => {
    const account = await newAccount();
    const { scope } = account;
    const caseId = newCase(scope);
    const a1 = place(scope, caseId, "https://finder.example.com/p/1");
    const a2 = place(scope, caseId, "https://finder.example.com/p/2");
    const a3 = place(scope, caseId, "https://finder.example.com/p/3");
    const b1 = place(scope, caseId, "https://finder.example.net/p/1");

    // Finder A. 1: acknowledged after 3 days, done after 19; its place checked gone 24 days after sending.
    const l1 = sentLetter(scope, caseId, { exposureIds: [a1], sentOn: "2026-10-01" });
    applyEvent(scope.workspaceId, l1.id, { type: "acknowledge" }, scope.userId, at("2026-10-04"));
    applyEvent(
      scope.workspaceId,
      l1.id,
      { type: "reply", outcome: "removed" },
      scope.userId,
      at("2026-10-20"),
    );
    setExposureStatus(getDb(), { workspaceId: scope.workspaceId, exposureIds: [a1] }, "removed", {
      source: "recheck",
      actorUserId: null,
      changedOn: "2026-10-25",
    });
    // 2: refused after 10 days.
    const l2 = sentLetter(scope, caseId, { exposureIds: [a2], sentOn: "2026-10-05" });
    applyEvent(
      scope.workspaceId,
      l2.id,
      { type: "reply", outcome: "refused", reason: "id_document_demanded" },
      scope.userId,
      at("2026-10-15"),
    );
    // 3: never answered, its due date long past; the person checked the place gone on their own after 40 days.
    const l3 = sentLetter(scope, caseId, { exposureIds: [a3], sentOn: "2026-10-10" });
    expect(l3.dueOn! < "2026-12-03").toBe(true);
    setExposureStatus(getDb(), { workspaceId: scope.workspaceId, exposureIds: [a3] }, "removed", {
      source: "person",
      actorUserId: scope.userId,
      changedOn: "2026-11-19",
    });
    // Finder B: sent a few days ago, not yet due, no answer.
    sentLetter(scope, caseId, { exposureIds: [b1], sentOn: "2026-11-30" });
    // A draft is not a sent request and counts nowhere.

    const cards = scorecardsFor(scope, { now: NOW });
    expect(cards).toHaveLength(2);
    const [a, b] = cards;
    expect(a).toMatchObject({
      sent: 3,
      answered: 2,
      // Answers after 3 and 10 days: the lower middle value.
      medianDaysToAnswer: 3,
      // Places checked gone 24 and 40 days after their request.
      removedPlaces: 2,
      medianDaysToRemoval: 24,
      refused: 1,
      ignored: 1,
    });
    expect(a!.name).toMatch(/example\.com/);
    expect(b).toMatchObject({
      sent: 1,
      answered: 0,
      medianDaysToAnswer: null,
      removedPlaces: 0,
      medianDaysToRemoval: null,
      refused: 0,
      ignored: 0,
    });
    // One recipient's card alone (the directory page) is the same card.
    expect(scorecardsFor(scope, { recipientId: a!.recipientId, now: NOW })).toEqual([a]);

    // Another workspace sees none of these requests, and an outsider's card for the recipient is empty.
    const stranger = await newAccount();
    expect(scorecardsFor(stranger.scope, { now: NOW })).toEqual([]);
    expect(scorecardsFor(stranger.scope, { recipientId: a!.recipientId, now: NOW })).toEqual([]);
  });

  it("takes the middle value of whole days", () => {
    expect(medianDays([])).toBeNull();
    expect(medianDays([7])).toBe(7);
    expect(medianDays([9, 1, 4])).toBe(4);
    expect(medianDays([10, 3])).toBe(3);
  });

  it("shares instance-wide counts only when the operator opts in and five workspaces wrote to the recipient", async () => {
    const sendTo = async (address: string) => {
      const account = await newAccount();
      const caseId = newCase(account.scope);
      const id = place(account.scope, caseId, address);
      sentLetter(account.scope, caseId, { exposureIds: [id], sentOn: "2026-11-25" });
      return account;
    };
    const first = await sendTo("https://pastebin.com/leak1");
    // The directory's recipient for the platform, the same for every workspace.
    const recipientId = scorecardsFor(first.scope, { now: NOW })[0]!.recipientId;
    for (let i = 2; i <= 4; i++) await sendTo(`https://pastebin.com/leak${i}`);

    process.env.RETRACT_SHARE_SCORECARDS = "true";
    resetEnvForTests();
    expect(instanceScorecard(recipientId, NOW)).toBeNull();
    await sendTo("https://pastebin.com/leak5");
    const shared = instanceScorecard(recipientId, NOW);
    expect(shared).toMatchObject({ sent: 5, answered: 0, refused: 0, ignored: 0 });
    expect(Object.keys(shared!)).not.toContain("recipientId");
    expect(JSON.stringify(shared)).not.toMatch(/workspace/i);

    delete process.env.RETRACT_SHARE_SCORECARDS;
    resetEnvForTests();
    expect(instanceScorecard(recipientId, NOW)).toBeNull();
  });
});
