// The audit log page and its CSV export: owners and admins only, one workspace's events, newest first with keyset
// pages, filters (member, action, client with everything about them, dates), and a CSV that is complete, escaped
// against spreadsheet formulas, and itself logged.
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { EXPORT_CAP, PAGE_SIZE, safeCell } from "~/audit/audit-log.server";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import * as auditRoute from "~/routes/workspace.audit";
import * as exportRoute from "~/routes/workspace.audit_.export";
import { acceptInvitation, createInvitation } from "~/workspaces/invitations.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { seedCaseData } from "./case-data";
import { sentLetter } from "./factories";
import { call, get, newAccount, status } from "./helpers";

type Member = { id: string; cookie: string; scope: Scope; email: string };

async function join(owner: Scope, workspaceId: string, role: Role, name: string): Promise<Member> {
  const acc = await newAccount(name);
  const inv = await createInvitation(owner, { email: acc.email, role });
  acceptInvitation(inv.link.split("/").pop()!, acc.id);
  const cookie = (await createSession({ userId: acc.id, workspaceId })).split(";")[0]!;
  return { id: acc.id, cookie, email: acc.email, scope: { userId: acc.id, workspaceId, role } };
}

async function org(name: string) {
  const acc = await newAccount(`${name} Owner`);
  const { id } = createOrganisation(acc.id, name);
  const cookie = (await createSession({ userId: acc.id, workspaceId: id })).split(";")[0]!;
  const owner: Member = {
    id: acc.id,
    cookie,
    email: acc.email,
    scope: { userId: acc.id, workspaceId: id, role: "owner" },
  };
  return { workspaceId: id, owner };
}

type Page = Awaited<ReturnType<typeof auditRoute.loader>>;
type Data = {
  events: {
    id: number;
    action: string;
    actor: { name: string; email: string } | null;
    targetId: string | null;
  }[];
  next?: number;
  fieldErrors: Record<string, string[]>;
  subjects: { value: string; label: string }[];
  members: { value: string; label: string }[];
};

async function page(query: string, cookie: string) {
  const r = (await call(auditRoute.loader, get(`/workspace/audit${query}`, cookie))) as Page;
  // `data(…, { status: 400 })` comes back from call() as the JSON Response the server sends.
  if (r instanceof Response && r.headers.get("Content-Type")?.includes("json"))
    return { status: r.status, data: (await r.json()) as Data };
  return { status: status(r), data: r as unknown as Data };
}

async function csv(query: string, cookie: string) {
  const r = (await call(exportRoute.loader, get(`/workspace/audit/export${query}`, cookie))) as Response;
  expect(r.status).toBe(200);
  const text = await r.text();
  return { response: r, rows: parse(text, { bom: true }) as string[][] };
}

const eventsOf = (workspaceId: string, action: string) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, action)))
    .all();

let a: Awaited<ReturnType<typeof org>>;
let admin: Member;
let caseworker: Member;
let viewer: Member;
let formulaAdmin: Member;
let clients: { subjectId: string; caseId: string }[];
let letterId: string;
let outsider: Awaited<ReturnType<typeof org>>;

beforeAll(async () => {
  a = await org("Audit Legal Aid");
  admin = await join(a.owner.scope, a.workspaceId, "admin", "Ada Admin");
  caseworker = await join(a.owner.scope, a.workspaceId, "caseworker", "Cas Worker");
  viewer = await join(a.owner.scope, a.workspaceId, "viewer", "Vi Ewer");
  // A member whose name would run as a formula in a spreadsheet.
  formulaAdmin = await join(a.owner.scope, a.workspaceId, "admin", '=HYPERLINK("http://evil.example","x")');
  clients = await seedCaseData(a.owner.scope, { subjects: 2, exposuresPer: 2, evidencePer: 1, tag: "audit" });
  letterId = sentLetter(a.owner.scope, clients[0]!.caseId).id;
  audit({
    action: "letter.read",
    actorUserId: formulaAdmin.id,
    workspaceId: a.workspaceId,
    targetType: "letter",
    targetId: letterId,
  });
  outsider = await org("Other Org");
  await seedCaseData(outsider.owner.scope, { subjects: 1, exposuresPer: 1, evidencePer: 0, tag: "other" });
});

describe("who may see the audit log", () => {
  it("lets owners and admins in, and refuses caseworkers and viewers with 403 (page and export)", async () => {
    expect((await page("", a.owner.cookie)).status).toBe(200);
    expect((await page("", admin.cookie)).status).toBe(200);
    for (const m of [caseworker, viewer]) {
      expect((await page("", m.cookie)).status).toBe(403);
      const r = (await call(exportRoute.loader, get("/workspace/audit/export", m.cookie))) as Response;
      expect(r.status).toBe(403);
    }
    const anon = (await call(auditRoute.loader, get("/workspace/audit"))) as Response;
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
  });

  it("shows another organisation only its own events, and none of ours by id", async () => {
    const own = await page("", outsider.owner.cookie);
    expect(own.status).toBe(200);
    const ourIds = new Set(
      getDb()
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(eq(auditEvents.workspaceId, a.workspaceId))
        .all()
        .map((r) => r.id),
    );
    expect(own.data.events.length).toBeGreaterThan(0);
    expect(own.data.events.some((e) => ourIds.has(e.id))).toBe(false);
    // Our client and our member are not in their lists and cannot be used as filters.
    expect(own.data.subjects.some((s) => s.value === clients[0]!.subjectId)).toBe(false);
    const bySubject = await page(`?subject=${clients[0]!.subjectId}`, outsider.owner.cookie);
    expect(bySubject.status).toBe(400);
    expect(bySubject.data.events).toEqual([]);
    const byMember = await page(`?member=${caseworker.id}`, outsider.owner.cookie);
    expect(byMember.status).toBe(400);
    expect(byMember.data.events).toEqual([]);
    const r = (await call(
      exportRoute.loader,
      get(`/workspace/audit/export?subject=${clients[0]!.subjectId}`, outsider.owner.cookie),
    )) as Response;
    expect(r.status).toBe(400);
  });
});

describe("filters", () => {
  it("filters by member and action together", async () => {
    // The caseworker is given the first client and opens it: subject.read by them.
    getDb()
      .$client.prepare("UPDATE subjects SET assigned_to = ? WHERE id = ?")
      .run(caseworker.id, clients[0]!.subjectId);
    expect(
      status(
        await call(subjectRoute.loader, get(`/subjects/${clients[0]!.subjectId}`, caseworker.cookie), {
          subjectId: clients[0]!.subjectId,
        }),
      ),
    ).toBe(200);
    const res = await page(`?member=${caseworker.id}&action=subject.read`, a.owner.cookie);
    expect(res.status).toBe(200);
    expect(res.data.events.length).toBeGreaterThan(0);
    for (const e of res.data.events) {
      expect(e.action).toBe("subject.read");
      expect(e.actor?.name).toBe("Cas Worker");
      expect(e.actor?.email).toBe(caseworker.email);
    }
    const onlyMember = await page(`?member=${caseworker.id}`, a.owner.cookie);
    expect(new Set(onlyMember.data.events.map((e) => e.actor?.name))).toEqual(new Set(["Cas Worker"]));
    expect(onlyMember.data.events.some((e) => e.action === "invitation.accept")).toBe(true);
  });

  it("filters by client: the client and their cases, leaked pages, evidence and letters, not other clients", async () => {
    const [first, second] = clients;
    const res = await page(`?subject=${first!.subjectId}`, a.owner.cookie);
    expect(res.status).toBe(200);
    const actions = new Set(res.data.events.map((e) => e.action));
    for (const x of [
      "subject.create",
      "case.create",
      "exposure.bulk_create",
      "evidence.upload",
      "letter.read",
    ])
      expect(actions, x).toContain(x);
    const targets = new Set(res.data.events.map((e) => e.targetId));
    expect(targets).toContain(first!.subjectId);
    expect(targets).toContain(first!.caseId);
    expect(targets).toContain(letterId);
    expect(targets).not.toContain(second!.subjectId);
    expect(targets).not.toContain(second!.caseId);
  });

  it("filters by date range (inclusive days, UTC) and rejects a range that ends before it starts", async () => {
    getDb()
      .$client.prepare(
        "INSERT INTO audit_events (created_at, actor_user_id, workspace_id, action, target_type, target_id) VALUES (?, ?, ?, 'case.read', 'case', ?)",
      )
      .run(Date.parse("2025-01-31T23:59:00Z"), admin.id, a.workspaceId, clients[1]!.caseId);
    const jan = await page("?from=2025-01-01&to=2025-01-31", a.owner.cookie);
    expect(jan.data.events).toHaveLength(1);
    expect(jan.data.events[0]!.targetId).toBe(clients[1]!.caseId);
    expect((await page("?from=2025-02-01&to=2025-02-28", a.owner.cookie)).data.events).toHaveLength(0);
    const bad = await page("?from=2025-02-01&to=2025-01-01", a.owner.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.to?.[0]).toMatch(/on or after/);
    expect((await page("?action=not.an.action", a.owner.cookie)).status).toBe(400);
  });

  it("logs each client name shown in the picker as a read, and the view itself with its filters", async () => {
    const before = eventsOf(a.workspaceId, "subject.read").filter((e) => e.actorUserId === admin.id).length;
    await page(`?member=${caseworker.id}`, admin.cookie);
    const reads = eventsOf(a.workspaceId, "subject.read").filter((e) => e.actorUserId === admin.id);
    expect(reads.length - before).toBe(clients.length);
    expect(reads.at(-1)!.detail).toEqual({ fields: "name" });
    const views = eventsOf(a.workspaceId, "audit.view").filter((e) => e.actorUserId === admin.id);
    expect(views.at(-1)!.detail).toMatchObject({ member: caseworker.id });
  });
});

describe("pages", () => {
  it("pages newest first with a keyset cursor: no event twice, none skipped", async () => {
    const b = await org("Paging Org");
    audit(
      Array.from({ length: 2 * PAGE_SIZE + 7 }, (_, i) => ({
        action: "case.read" as const,
        actorUserId: b.owner.id,
        workspaceId: b.workspaceId,
        targetType: "case",
        targetId: `case-${i}`,
      })),
    );
    const total = getDb()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, b.workspaceId), eq(auditEvents.action, "case.read")))
      .all().length;
    const seen: number[] = [];
    let query = "?action=case.read";
    for (let n = 0; n < 10; n++) {
      const res = await page(query, b.owner.cookie);
      seen.push(...res.data.events.map((e) => e.id));
      if (!res.data.next) break;
      expect(res.data.events).toHaveLength(PAGE_SIZE);
      query = `?action=case.read&before=${res.data.next}`;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
  });
});

describe("CSV export", () => {
  it("holds the filtered events with member names, escapes formula cells, and is logged", async () => {
    // The page first: its client picker logs reads about this client, which the CSV then also holds.
    const shown = await page(`?subject=${clients[0]!.subjectId}`, a.owner.cookie);
    const { response, rows } = await csv(`?subject=${clients[0]!.subjectId}`, a.owner.cookie);
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(rows[0]).toEqual([
      "time (UTC)",
      "member",
      "member email",
      "action",
      "what happened",
      "about",
      "record id",
      "detail",
    ]);
    const body = rows.slice(1);
    // The same events as the page (the page holds at most PAGE_SIZE; this client has fewer).
    // Random ids may start with "-", which the export escapes like any formula-looking cell.
    const escaped = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    expect(body.map((r) => r[6])).toEqual(shown.data.events.map((e) => escaped(e.targetId ?? "")));
    const letterRow = body.find((r) => r[3] === "letter.read" && r[6] === escaped(letterId))!;
    expect(letterRow[1]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(letterRow[4]).toBe("Read a letter");
    expect(letterRow[5]).toBe("Letter");
    // No cell of the file can start a formula.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // Never a client's personal values: the client's name is nowhere in the file.
    expect(JSON.stringify(rows)).not.toContain("Person audit0");
    const exports = eventsOf(a.workspaceId, "audit.export");
    expect(exports.at(-1)!.actorUserId).toBe(a.owner.id);
    expect(exports.at(-1)!.detail).toMatchObject({
      subject: clients[0]!.subjectId,
      rows: body.length,
      capped: false,
    });
  });

  it("escapes every formula lead character", () => {
    expect(["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", ""].map(safeCell)).toEqual([
      "'=1+2",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "plain",
      "a=b",
      "",
    ]);
    expect(EXPORT_CAP).toBeGreaterThanOrEqual(10_000);
  });

  it("exports a large selection completely and in order (streamed in batches)", async () => {
    const c = await org("Big Export Org");
    const n = 2_600;
    audit(
      Array.from({ length: n }, (_, i) => ({
        action: "exposure.read" as const,
        actorUserId: c.owner.id,
        workspaceId: c.workspaceId,
        targetType: "exposure",
        targetId: `e-${i}`,
      })),
    );
    const { rows } = await csv("?action=exposure.read", c.owner.cookie);
    expect(rows).toHaveLength(n + 1);
    expect(rows[1]![6]).toBe(`e-${n - 1}`);
    expect(rows.at(-1)![6]).toBe("e-0");
  });
});

describe("speed with many events", () => {
  it("answers a page from the indexes (no sort of the workspace's events) among 200,000 events", async () => {
    const big = await org("Busy Org");
    const quiet = await org("Quiet Org");
    const sqlite = getDb().$client;
    const insert = sqlite.prepare(
      "INSERT INTO audit_events (actor_user_id, workspace_id, action, target_type, target_id) VALUES (?, ?, ?, 'case', ?)",
    );
    const actions = ["case.read", "subject.read", "exposure.read", "letter.read"];
    sqlite.transaction(() => {
      for (let i = 0; i < 200_000; i++) {
        const o = i % 10 === 0 ? quiet : big;
        insert.run(
          i % 7 === 0 ? o.owner.id : `former-${i % 13}`,
          o.workspaceId,
          actions[Math.floor(i / 10) % 4],
          `c${i}`,
        );
      }
    })();
    const timings: Record<string, number> = {};
    for (const [label, o] of [
      ["busy", big],
      ["quiet", quiet],
    ] as const) {
      for (const q of [
        "",
        "?action=letter.read",
        `?member=${o.owner.id}`,
        `?member=${o.owner.id}&action=case.read`,
        "?from=2020-01-01&to=2100-01-01",
      ]) {
        const first = await page(q, o.owner.cookie);
        expect(first.status).toBe(200);
        expect(first.data.next).toBeDefined();
        const t = performance.now();
        const second = await page(`${q ? `${q}&` : "?"}before=${first.data.next}`, o.owner.cookie);
        timings[`${q || "(none)"} ${label}`] = Math.round(performance.now() - t);
        expect(second.status).toBe(200);
        expect(second.data.events).toHaveLength(PAGE_SIZE);
      }
    }
    console.info("audit page timings (ms, second page incl. loader):", timings);
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(1000);
    // The plans: an index range in id order, never a temporary sort of the workspace's events.
    const plan = (sql: string, ...args: unknown[]) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join("; ");
    const base = "SELECT id FROM audit_events WHERE workspace_id = ?";
    const order = "AND id < ? ORDER BY id DESC LIMIT 51";
    for (const p of [
      plan(`${base} ${order}`, big.workspaceId, 1e12),
      plan(`${base} AND actor_user_id = ? ${order}`, big.workspaceId, big.owner.id, 1e12),
      plan(`${base} AND action = ? ${order}`, big.workspaceId, "case.read", 1e12),
    ]) {
      expect(p).toMatch(/USING (COVERING )?INDEX audit_workspace_(id|actor|action)_idx/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  }, 60_000);
});
