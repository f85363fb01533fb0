// Queries built once and run many times (decision 050): each run binds its own scope and values, so a query
// built for one workspace, member or date never answers for another.
import { describe, expect, it, vi } from "vitest";
import { memberships } from "#db/schema";
import { createCase, listCases } from "~/cases/cases.server";
import { getDb, prepared } from "~/db.server";
import { reminderSummary } from "~/requests/tracking/reminders.server";
import { createSubject } from "~/subjects/subjects.server";
import type { Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

function openCase(scope: Scope, title: string) {
  const subjectId = createSubject(scope, {
    name: `Person for ${title}`,
    aliases: [],
    emails: [],
    phones: [],
    addresses: [],
    usernames: [],
    country: "DE",
    notes: "",
  });
  return createCase(scope, { subjectId, title });
}

const titles = (scope: Scope) =>
  listCases(scope)
    .items.map((c) => c.title)
    .sort();

describe("prepared", () => {
  it("builds a named query once and hands back the same one", () => {
    const build = vi.fn(() => ({ built: true }));
    const first = prepared("test.once", build);
    const second = prepared("test.once", build);
    expect(second).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});

describe("scoped queries", () => {
  it("bind each workspace's id on every run", async () => {
    const a = await newAccount("Prepared A");
    const b = await newAccount("Prepared B");
    openCase(a.scope, "A's case");
    openCase(b.scope, "B's case one");
    openCase(b.scope, "B's case two");
    expect(titles(a.scope)).toEqual(["A's case"]);
    expect(titles(b.scope)).toEqual(["B's case one", "B's case two"]);
    expect(titles(a.scope)).toEqual(["A's case"]);
    expect(listCases(b.scope).total).toBe(2);
    expect(listCases(a.scope).total).toBe(1);
  });

  it("bind the member for caseworkers, and keep each role's visibility rule apart", async () => {
    const owner = await newAccount("Prepared Owner");
    const orgId = createOrganisation(owner.id, "Prepared Legal Aid").id;
    const one = await newAccount("Caseworker One");
    const two = await newAccount("Caseworker Two");
    getDb()
      .insert(memberships)
      .values([
        { workspaceId: orgId, userId: one.id, role: "caseworker" },
        { workspaceId: orgId, userId: two.id, role: "caseworker" },
      ])
      .run();
    const scopeOf = (userId: string, role: Scope["role"]): Scope => ({ userId, workspaceId: orgId, role });
    // A caseworker's new subject is assigned to them.
    openCase(scopeOf(one.id, "caseworker"), "One's client");
    openCase(scopeOf(two.id, "caseworker"), "Two's client");
    openCase(scopeOf(owner.id, "owner"), "Unassigned client");

    expect(titles(scopeOf(one.id, "caseworker"))).toEqual(["One's client"]);
    expect(titles(scopeOf(two.id, "caseworker"))).toEqual(["Two's client"]);
    expect(titles(scopeOf(owner.id, "owner"))).toEqual(["One's client", "Two's client", "Unassigned client"]);
    expect(titles(scopeOf(one.id, "caseworker"))).toEqual(["One's client"]);
    expect(listCases(scopeOf(two.id, "caseworker")).total).toBe(1);
  });

  it("bind the page's limit and offset", async () => {
    const a = await newAccount("Prepared Pages");
    for (const t of ["one", "two", "three"]) openCase(a.scope, t);
    const first = listCases(a.scope, { limit: 2, offset: 0 }).items.map((c) => c.title);
    const rest = listCases(a.scope, { limit: 2, offset: 2 }).items.map((c) => c.title);
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(1);
    expect([...first, ...rest].sort()).toEqual(["one", "three", "two"]);
  });

  it("bind the reminders' date on every run, in the list and in the count", async () => {
    const a = await newAccount("Prepared Reminders");
    const first = sentLetter(a.scope, { dueOn: "2026-03-10" });
    sentLetter(a.scope, { caseId: first.caseId, dueOn: "2026-03-11" });
    // Later day first: a query that kept its first date would still count both on the earlier day.
    const later = reminderSummary(a.scope, new Date("2026-03-09T12:00:00Z"), 1);
    expect(later.items).toHaveLength(1);
    expect(later.total).toBe(2);
    const earlier = reminderSummary(a.scope, new Date("2026-03-01T12:00:00Z"), 1);
    expect(earlier.items).toHaveLength(0);
    expect(earlier.total).toBe(0);
    const between = reminderSummary(a.scope, new Date("2026-03-07T12:00:00Z"), 1);
    expect(between.total).toBe(1);
  });
});
