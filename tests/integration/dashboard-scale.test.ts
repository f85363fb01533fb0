// The dashboard at scale (issue 7): the reminders' total is counted only up to REMINDER_COUNT_CAP ("more than
// 1,000" above it), the case list sends only what it shows, and every subject name it decrypts is still
// logged as a read.
import { and, eq, gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { getDb } from "~/db.server";
import { ALLOWED_FROM, EVENT_TYPES, type RequestEvent, transition } from "~/requests/lifecycle";
import { REMINDER_COUNT_CAP } from "~/requests/reminders.server";
import * as home from "~/routes/_index";
import { encrypt } from "~/security/crypto.server";
import { newId } from "~/utils/ids.server";
import type { Scope } from "~/workspaces/scope.server";
import { call, get, newAccount } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

type Home = {
  reminders: { reference: string; due: string }[];
  remindersTotal: number;
  remindersMore: boolean;
  cases: Record<string, unknown>[];
};

/** `count` sent letters in one case, all overdue (due `dueOn`), written in one transaction. */
function overdueLetters(scope: Scope, caseId: string, count: number, dueOn: string) {
  const db = getDb().$client;
  const insert = db.prepare(
    `INSERT INTO letters (id, workspace_id, case_id, kind, channel, address_enc, template_id, template_lang,
      template_version, regime, reference, status, subject_enc, body_enc, template_body_enc, variables_enc,
      frozen_at, sent_at, sent_on, due_on, updated_at)
     VALUES (?, ?, ?, 'gdpr-erasure', 'email', ?, 'gdpr-erasure', 'en', 1, 'gdpr', ?, 'sent', ?, ?, ?, ?, ?, ?,
      '2019-12-01', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = newId();
      const c = (f: string, v: string) => encrypt(v, `letter:${id}:${f}`);
      const now = Date.now();
      insert.run(
        id,
        scope.workspaceId,
        caseId,
        c("address", "privacy@host.example"),
        `RX-SCALE-${id}`,
        c("subject", "Erasure request"),
        c("body", "Please erase."),
        c("template_body", "Please erase."),
        c("variables", "{}"),
        now,
        now,
        dueOn,
        now,
      );
    }
  })();
}

describe("dashboard reminders at scale", () => {
  it("counts exactly up to the cap, then says 'more than' while still showing the most urgent first", async () => {
    const a = await newAccount();
    const first = sentLetter(a.scope, { dueOn: "2020-01-01" });
    overdueLetters(a.scope, first.caseId, REMINDER_COUNT_CAP - 1, "2020-02-01");

    const atCap = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(atCap.remindersTotal).toBe(REMINDER_COUNT_CAP);
    expect(atCap.remindersMore).toBe(false);

    overdueLetters(a.scope, first.caseId, 1, "2020-02-02");
    const over = (await call(home.loader, get("/", a.cookie))) as Home;
    expect(over.remindersMore).toBe(true);
    expect(over.remindersTotal).toBe(REMINDER_COUNT_CAP);
    expect(over.reminders).toHaveLength(20);
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

describe("the reminders' shortcut for sent requests", () => {
  it("holds: no request reaches `sent` after an announced extension, so sent ones go by their own date", () => {
    // Every state that can lead to `sent` (walking the lifecycle backwards) must be one an extension cannot
    // have happened in: announce_extension leads to `extended`, which must not be among them.
    const edges: [string, string][] = [];
    for (const type of EVENT_TYPES) {
      if (type === "reply") continue; // replies lead to a reply outcome, never to sent, draft, queued or failed
      const event = (
        type === "announce_extension" ? { type, newDueOn: "2030-01-01" } : { type }
      ) as RequestEvent;
      for (const from of ALLOWED_FROM[type]) edges.push([from, transition(from, event)]);
    }
    const before = new Set(["sent"]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [from, to] of edges)
        if (before.has(to) && !before.has(from)) {
          before.add(from);
          grew = true;
        }
    }
    expect([...before].sort()).toEqual(["draft", "failed", "queued", "sent"]);
    expect(ALLOWED_FROM.announce_extension).not.toContain("draft");
    expect(ALLOWED_FROM.announce_extension).not.toContain("queued");
    expect(ALLOWED_FROM.announce_extension).not.toContain("failed");
  });
});
