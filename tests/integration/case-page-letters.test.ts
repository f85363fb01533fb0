// The case page lists the newest letters and links to all of them; the dashboard shows the most urgent
// reminders and how many there are in all. Both stay usable without JavaScript (plain links and pages).
import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as casePage from "~/routes/cases.$caseId._index";
import { call, get, newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

type CaseData = {
  letters: { id: string; reference: string }[];
  lettersTotal: number;
  allLetters: boolean;
  groups: { items: Record<string, unknown>[] }[];
};

describe("case page letters", () => {
  it("lists the newest 20 of 23 letters, and all 23 with ?letters=all", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope);
    const refs = [first.reference];
    for (let i = 0; i < 22; i++) refs.push(sentLetter(a.scope, { caseId: first.caseId }).reference);

    const page = (await call(casePage.loader, get(`/cases/${first.caseId}`, a.cookie), {
      caseId: first.caseId,
    })) as CaseData;
    expect(page.letters).toHaveLength(20);
    expect(page.lettersTotal).toBe(23);
    expect(page.allLetters).toBe(false);
    expect(new Set(page.letters.map((l) => l.reference)).size).toBe(20);

    const all = (await call(casePage.loader, get(`/cases/${first.caseId}?letters=all`, a.cookie), {
      caseId: first.caseId,
    })) as CaseData;
    expect(all.letters.map((l) => l.reference).sort()).toEqual([...refs].sort());
    expect(all.lettersTotal).toBe(23);
    expect(all.allLetters).toBe(true);
  });

  it("does not hand the exposures' notes to the page", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope);
    const page = (await call(casePage.loader, get(`/cases/${l.caseId}`, a.cookie), {
      caseId: l.caseId,
    })) as CaseData;
    const item = page.groups[0]!.items[0]!;
    expect(item).toHaveProperty("url");
    expect(item).not.toHaveProperty("notes");
  });

  it("is a 404 for another workspace's case, as before", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const l = sentLetter(a.scope);
    const r = (await call(casePage.loader, get(`/cases/${l.caseId}?letters=all`, b.cookie), {
      caseId: l.caseId,
    })) as Response;
    expect(r.status).toBe(404);
  });
});

describe("dashboard reminders", () => {
  it("shows the 20 most urgent of 23 overdue requests and the total", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    for (let i = 1; i < 23; i++)
      sentLetter(a.scope, { caseId: first.caseId, dueOn: `2020-01-${String(i + 1).padStart(2, "0")}` });
    const data = (await call(home.loader, get("/", a.cookie))) as {
      reminders: { reference: string; due: string; overdue: boolean }[];
      remindersTotal: number;
    };
    expect(data.remindersTotal).toBe(23);
    expect(data.reminders).toHaveLength(20);
    expect(data.reminders[0]).toMatchObject({ reference: first.reference, due: "2020-01-01", overdue: true });
    expect(data.reminders.map((r) => r.due)).toEqual([...data.reminders.map((r) => r.due)].sort());
  });
});
