// The dashboard at scale: the reminders' total is counted only up to REMINDER_COUNT_CAP ("more than
// 1,000" above it), the case list sends only what it shows, and every subject name it decrypts is still
// logged as a read.
import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, letters, requestEvents } from "#db/schema";
import { getDb } from "~/db.server";
import { requestSummary } from "~/requests/list.server";
import { applyEvent } from "~/requests/requests.server";
import { REMINDER_COUNT_CAP, reminderLimits } from "~/requests/tracking/reminders.server";
import * as home from "~/routes/_index";
import { newId } from "~/utils/ids.server";
import type { Scope } from "~/workspaces/scope.server";
import { sentLetter as factorySentLetter } from "./factories";
import { call, get, newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

type Home = {
  reminders: { reference: string; due: string }[];
  remindersTotal: number;
  remindersMore: boolean;
  cases: Record<string, unknown>[];
};

/**
 * `count` letters in one case, all overdue and waiting in `status`, written and sent through the domain
 * functions (tests/integration/factories.ts) on `sentOn`, in one transaction.
 */
function overdueLetters(
  scope: Scope,
  caseId: string,
  count: number,
  sentOn: string,
  status: "sent" | "acknowledged" | "extended" = "sent",
) {
  getDb().$client.transaction(() => {
    for (let i = 0; i < count; i++)
      factorySentLetter(scope, caseId, { sentOn, status, extendedTo: "2020-06-01" });
  })();
}

describe("dashboard reminders at scale", () => {
  // The same counting at a cap of 20 as at the real one (REMINDER_COUNT_CAP), with 20 letters, not 1,000.
  const CAP = 20;
  beforeAll(() => {
    reminderLimits.countCap = CAP;
  });
  afterAll(() => {
    reminderLimits.countCap = REMINDER_COUNT_CAP;
  });

  it("counts exactly up to the cap, then says 'more than' while still showing the most urgent first", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    overdueLetters(a.scope, first.caseId, CAP - 1, "2020-01-02");

    const atCap = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(atCap.remindersTotal).toBe(CAP);
    expect(atCap.remindersMore).toBe(false);

    overdueLetters(a.scope, first.caseId, 1, "2020-01-03");
    const over = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(over.remindersMore).toBe(true);
    expect(over.remindersTotal).toBe(CAP);
    expect(over.reminders).toHaveLength(20);
    expect(over.reminders[0]).toMatchObject({ reference: first.reference, due: "2020-01-01" });
  });

  it("counts every waiting state together: exact at the cap, 'more than' past it", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    // No state alone reaches the cap; together they make exactly the cap.
    overdueLetters(a.scope, first.caseId, 9, "2020-01-02", "sent");
    overdueLetters(a.scope, first.caseId, 6, "2020-01-02", "acknowledged");
    overdueLetters(a.scope, first.caseId, 4, "2020-01-02", "extended");
    const atCap = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(atCap.remindersTotal).toBe(CAP);
    expect(atCap.remindersMore).toBe(false);

    overdueLetters(a.scope, first.caseId, 1, "2020-01-03", "acknowledged");
    const over = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(over.remindersMore).toBe(true);
    expect(over.remindersTotal).toBe(CAP);
    expect(over.reminders[0]).toMatchObject({ reference: first.reference, due: "2020-01-01" });
  });

  it("counts a small workspace exactly, without the 'more than'", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    sentLetter(a.scope, { caseId: first.caseId, dueOn: "2020-01-02" });
    const data = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(data.remindersTotal).toBe(2);
    expect(data.remindersMore).toBe(false);
    expect(data.reminders.map((r) => r.due)).toEqual(["2020-01-01", "2020-01-02"]);
  });
});

describe("dashboard case list", () => {
  it("sends only the fields it shows and logs each subject name it decrypts", async () => {
    const a = await newAccount();
    const letters = [sentLetter(a.scope), sentLetter(a.scope), sentLetter(a.scope)];
    const lastAudit =
      getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).all().at(-1)?.id ?? 0;

    const data = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(data.cases).toHaveLength(3);
    for (const c of data.cases)
      expect(Object.keys(c).sort()).toEqual(
        ["exposures", "id", "removed", "status", "stillUp", "subjectName", "title"].sort(),
      );
    expect(new Set(data.cases.map((c) => c.id))).toEqual(new Set(letters.map((l) => l.caseId)));

    const reads = getDb()
      .select({ targetId: auditEvents.targetId, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, lastAudit), eq(auditEvents.action, "subject.read")))
      .all();
    // One read per subject shown (the three cases belong to three people), by the signed-in user.
    expect(reads).toHaveLength(3);
    expect(new Set(reads.map((r) => r.actor))).toEqual(new Set([a.scope.userId]));
  });
});

describe("the dashboard's pages (decision 153)", () => {
  it("shows the overview on the first page only; later pages are the list alone", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    for (let i = 0; i < 50; i++) sentLetter(a.scope, { dueOn: "2020-02-01" });
    type Page = Home & {
      page: number;
      pages: number;
      progress: unknown;
      unsent: unknown[];
      needsYou: unknown[];
    };
    const one = (await call(home.loader, get("/", a.cookie))) as Page;
    expect(one).toMatchObject({ page: 1, pages: 2 });
    expect(one.cases).toHaveLength(50);
    expect(one.reminders.length).toBeGreaterThan(0);
    expect(one.reminders[0]).toMatchObject({ reference: first.reference });
    expect(one.progress).not.toBeNull();

    const two = (await call(home.loader, get("/?page=2", a.cookie))) as Page;
    expect(two).toMatchObject({ page: 2, pages: 2, reminders: [], remindersTotal: 0, progress: null });
    expect(two.unsent).toEqual([]);
    expect(two.needsYou).toEqual([]);
    expect(two.cases).toHaveLength(1);
    const ids = new Set([...one.cases, ...two.cases].map((c) => c.id));
    expect(ids.size).toBe(51);
  });
});

describe("the date due now (letters.effective_due_on, kept by the database)", () => {
  it("follows the latest announced extension by event time, in the reminders and the API's summary", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope, { dueOn: "2020-01-01" });
    applyEvent(a.scope.workspaceId, l.letterId, { type: "acknowledge" }, a.scope.userId);
    const dueNow = () =>
      getDb()
        .select({ announced: letters.announcedDueOn, effective: letters.effectiveDueOn })
        .from(letters)
        .where(eq(letters.id, l.letterId))
        .get();
    expect(dueNow()).toEqual({ announced: null, effective: "2020-01-01" });
    const before = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(before.reminders.map((r) => r.due)).toEqual(["2020-01-01"]);

    // The recipient announces a later date: the request leaves the reminders.
    applyEvent(
      a.scope.workspaceId,
      l.letterId,
      { type: "announce_extension", newDueOn: "2099-03-01" },
      a.scope.userId,
      { at: new Date("2026-01-10T00:00:00Z") },
    );
    expect(dueNow()).toEqual({ announced: "2099-03-01", effective: "2099-03-01" });
    const after = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(after.reminders).toEqual([]);
    expect(requestSummary(a.scope, l.letterId)).toMatchObject({
      announcedDueOn: "2099-03-01",
      due: "2099-03-01",
    });

    // An announcement recorded later but dated earlier does not replace the newer one.
    getDb()
      .insert(requestEvents)
      .values({
        id: newId(),
        workspaceId: a.scope.workspaceId,
        caseId: l.caseId,
        letterId: l.letterId,
        at: new Date("2026-01-05T00:00:00Z"),
        kind: "announce_extension",
        dueOn: "2020-01-02",
      })
      .run();
    expect(dueNow()).toEqual({ announced: "2099-03-01", effective: "2099-03-01" });

    // Removing the newer announcement falls back to the older one; removing every one, to the computed date.
    getDb().delete(requestEvents).where(eq(requestEvents.dueOn, "2099-03-01")).run();
    expect(dueNow()).toEqual({ announced: "2020-01-02", effective: "2020-01-02" });
    const older = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(older.reminders.map((r) => r.due)).toEqual(["2020-01-02"]);
    getDb().delete(requestEvents).where(eq(requestEvents.letterId, l.letterId)).run();
    expect(dueNow()).toEqual({ announced: null, effective: "2020-01-01" });
  });
});
