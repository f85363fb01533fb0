// /api/v1 with bearer tokens, endpoint by endpoint: happy paths (answers checked against the documented
// response schemas), 400 with the fields, 404 for another workspace's ids, 403 for read tokens writing,
// caseworker scoping, 401 for revoked and expired tokens, audited reads, and request lifecycle moves (409).
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, memberships } from "#db/schema";
import { ENDPOINTS, type EndpointName } from "~/api/endpoints.server";
import { createAccessToken, revokeAccessToken } from "~/api/tokens.server";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { computeSeverity } from "~/exposures/categories";
import { importDirectory } from "~/recipients/import.server";
import * as cases from "~/routes/api.v1.cases";
import * as oneCase from "~/routes/api.v1.cases.$caseId";
import * as exposures from "~/routes/api.v1.cases.$caseId.exposures";
import * as oneExposure from "~/routes/api.v1.cases.$caseId.exposures.$exposureId";
import * as deadlines from "~/routes/api.v1.deadlines";
import * as requests from "~/routes/api.v1.requests";
import * as oneRequest from "~/routes/api.v1.requests.$requestId";
import * as subjects from "~/routes/api.v1.subjects";
import * as oneSubject from "~/routes/api.v1.subjects.$subjectId";
import * as tokenPage from "~/routes/settings.tokens";
import type { Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, get, newAccount, post } from "./helpers";

type Mod = { loader?: unknown; action?: unknown };
// biome-ignore lint/suspicious/noExplicitAny: JSON answers under test
type Json = Record<string, any>;

/** The route module for a path (the same table a client would route by), with its params. */
function route(path: string): { mod: Mod; params: Record<string, string> } {
  const p = path.split("?")[0]!.split("/").slice(3); // after /api/v1/
  const table: [RegExp, Mod, string[]][] = [
    [/^subjects$/, subjects, []],
    [/^subjects\/([^/]+)$/, oneSubject, ["subjectId"]],
    [/^cases$/, cases, []],
    [/^cases\/([^/]+)$/, oneCase, ["caseId"]],
    [/^cases\/([^/]+)\/exposures$/, exposures, ["caseId"]],
    [/^cases\/([^/]+)\/exposures\/([^/]+)$/, oneExposure, ["caseId", "exposureId"]],
    [/^requests$/, requests, []],
    [/^requests\/([^/]+)$/, oneRequest, ["requestId"]],
    [/^deadlines$/, deadlines, []],
  ];
  for (const [re, mod, names] of table) {
    const m = re.exec(p.join("/"));
    if (m)
      return { mod, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  throw new Error(`no route for ${path}`);
}

/** Which documented endpoint answered (for checking the answer against its response schema). */
function endpointOf(method: string, path: string): EndpointName | undefined {
  const bare = path.split("?")[0]!;
  return (Object.keys(ENDPOINTS) as EndpointName[]).find((n) => {
    const e = ENDPOINTS[n];
    const re = new RegExp(`^${e.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return e.method === method.toLowerCase() && re.test(bare);
  });
}

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const { mod, params } = route(path);
  const headers = new Headers();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const fn = (method === "GET" ? mod.loader : mod.action) as never;
  const res = (await call(fn, request, params)) as Response;
  const json = (await res.json()) as Json;
  if (res.status < 300) {
    const name = endpointOf(method, path);
    expect(name, `${method} ${path} is documented`).toBeDefined();
    const check = ENDPOINTS[name!].response.schema.safeParse(json);
    expect(check.success ? [] : check.error.issues, `${method} ${path} answers its documented shape`).toEqual(
      [],
    );
    expect(res.status).toBe(ENDPOINTS[name!].response.status);
  } else {
    // One error shape everywhere.
    expect(typeof json.error).toBe("string");
  }
  return { status: res.status, body: json, headers: res.headers };
}

const auditCount = (action: string, targetId: string) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
    .get()!.n;

let owner: Awaited<ReturnType<typeof newAccount>>;
let viewerAccount: Awaited<ReturnType<typeof newAccount>>;
let orgId: string;
const tokens = {} as Record<"owner" | "ownerRead" | "caseworker" | "viewer" | "outsider", string>;
let outsiderSubjectId: string;
let outsiderCaseId: string;

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Api Owner");
  orgId = createOrganisation(owner.id, "Api Legal Aid").id;
  const caseworker = await newAccount("Api Caseworker");
  const viewer = await newAccount("Api Viewer");
  viewerAccount = viewer;
  const outsider = await newAccount("Api Outsider");
  getDb()
    .insert(memberships)
    .values([
      { workspaceId: orgId, userId: caseworker.id, role: "caseworker" },
      { workspaceId: orgId, userId: viewer.id, role: "viewer" },
    ])
    .run();
  const make = (userId: string, workspaceId: string, access: "read" | "write") =>
    createAccessToken({ userId, workspaceId, name: "test", access }).token;
  tokens.owner = make(owner.id, orgId, "write");
  tokens.ownerRead = make(owner.id, orgId, "read");
  tokens.caseworker = make(caseworker.id, orgId, "write");
  tokens.viewer = make(viewer.id, orgId, "read");
  tokens.outsider = make(outsider.id, outsider.workspaceId, "write");
  // The outsider's own subject and case, made through the API in their workspace.
  outsiderSubjectId = (await api("POST", "/api/v1/subjects", tokens.outsider, { name: "Outsider Client" }))
    .body.id;
  outsiderCaseId = (
    await api("POST", "/api/v1/cases", tokens.outsider, { subjectId: outsiderSubjectId, title: "Theirs" })
  ).body.id;
});

describe("subjects", () => {
  it("creates, pages, reads (audited) and updates; 400 names the fields; 404 across workspaces", async () => {
    const a = await api("POST", "/api/v1/subjects", tokens.owner, {
      name: "Ada Example",
      emails: ["ada@example.test"],
      addresses: ["1 Main Street\nBerlin", "2 Side Street\nBerlin"],
      country: "de",
    });
    expect(a.status).toBe(201);
    expect(a.headers.get("Location")).toBe(`/api/v1/subjects/${a.body.id}`);
    expect(a.body).toMatchObject({ name: "Ada Example", country: "DE", emails: ["ada@example.test"] });
    expect(a.body.addresses).toEqual(["1 Main Street\nBerlin", "2 Side Street\nBerlin"]);
    expect(a.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    await api("POST", "/api/v1/subjects", tokens.owner, { name: "Bea Example" });

    const page1 = await api("GET", "/api/v1/subjects?limit=1", tokens.owner);
    expect(page1.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(page1.body.items).toHaveLength(1);
    const page2 = await api("GET", "/api/v1/subjects?limit=1&offset=1", tokens.owner);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const before = auditCount("subject.read", a.body.id);
    const read = await api("GET", `/api/v1/subjects/${a.body.id}`, tokens.ownerRead);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe("Ada Example");
    expect(auditCount("subject.read", a.body.id)).toBe(before + 1);

    const patched = await api("PATCH", `/api/v1/subjects/${a.body.id}`, tokens.owner, {
      notes: "Moved in March.",
      phones: ["+49 30 123456"],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Ada Example",
      notes: "Moved in March.",
      phones: ["+49 30 123456"],
    });
    expect(patched.body.addresses).toHaveLength(2);

    const bad = await api("PATCH", `/api/v1/subjects/${a.body.id}`, tokens.owner, {
      emails: ["not-an-email"],
      name: "",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path).sort()).toEqual(["emails.0", "name"]);
    expect(bad.body.error).toMatch(/emails/);
    const unknown = await api("POST", "/api/v1/subjects", tokens.owner, { name: "X", shoeSize: 44 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/shoeSize|\(body\)/);
    expect((await api("POST", "/api/v1/subjects", tokens.owner, "{oops")).status).toBe(400);
    expect((await api("GET", "/api/v1/subjects?limit=0", tokens.owner)).body.issues[0].path).toBe("limit");

    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { notes: "x" }],
    ] as const) {
      const r = await api(method, `/api/v1/subjects/${outsiderSubjectId}`, tokens.owner, body);
      expect(r.status).toBe(404);
    }
    expect((await api("GET", `/api/v1/subjects/${"x".repeat(41)}`, tokens.owner)).status).toBe(404);
    // A read token cannot write: 403 with a message, nothing changed.
    const ro = await api("PATCH", `/api/v1/subjects/${a.body.id}`, tokens.ownerRead, { notes: "no" });
    expect(ro.status).toBe(403);
    expect(ro.body.error).toMatch(/only read/);
  });
});

describe("cases, exposures, requests and deadlines", () => {
  it("walks a case from subject to a sent request with deadlines, with the web's rules", async () => {
    const subjectId = (
      await api("POST", "/api/v1/subjects", tokens.owner, { name: "Cleo Example", country: "DE" })
    ).body.id;
    expect(
      (await api("POST", "/api/v1/cases", tokens.owner, { subjectId: outsiderSubjectId, title: "No" }))
        .status,
    ).toBe(404);
    const bad = await api("POST", "/api/v1/cases", tokens.owner, { subjectId, title: " " });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("title");
    const kase = await api("POST", "/api/v1/cases", tokens.owner, { subjectId, title: "Telegram post" });
    expect(kase.status).toBe(201);
    expect(kase.body).toMatchObject({ subjectId, title: "Telegram post", status: "open" });
    const caseId = kase.body.id as string;
    const listed = await api("GET", "/api/v1/cases", tokens.owner);
    expect(listed.body.items.find((c: Json) => c.id === caseId)).toMatchObject({
      subjectId,
      subjectName: "Cleo Example",
    });
    expect((await api("GET", `/api/v1/cases/${caseId}`, tokens.viewer)).body.title).toBe("Telegram post");
    expect((await api("GET", `/api/v1/cases/${outsiderCaseId}`, tokens.owner)).status).toBe(404);
    expect((await api("PATCH", `/api/v1/cases/${caseId}`, tokens.owner, { status: "done" })).status).toBe(
      400,
    );

    // Exposures: the web form's normalisation, recipient match and severity.
    const x = await api("POST", `/api/v1/cases/${caseId}/exposures`, tokens.owner, {
      url: "t.me/leakchannel/55?utm_source=share",
      exposed: ["home_address", "phone"],
      callsForHarm: true,
    });
    expect(x.status).toBe(201);
    expect(x.body).toMatchObject({
      caseId,
      url: "https://t.me/leakchannel/55",
      recipientId: "curated:telegram",
      severity: computeSeverity(["home_address", "phone"], true),
      status: "active",
    });
    const dup = await api("POST", `/api/v1/cases/${caseId}/exposures`, tokens.owner, {
      url: "https://t.me/leakchannel/55",
    });
    expect(dup.status).toBe(409);
    const invalidUrl = await api("POST", `/api/v1/cases/${caseId}/exposures`, tokens.owner, {
      url: "javascript:alert(1)",
      exposed: ["nonsense"],
    });
    expect(invalidUrl.status).toBe(400);
    expect(invalidUrl.body.issues.map((i: Json) => i.path)).toContain("exposed.0");
    expect(
      (
        await api("POST", `/api/v1/cases/${outsiderCaseId}/exposures`, tokens.owner, {
          url: "https://t.me/x/1",
        })
      ).status,
    ).toBe(404);
    const list = await api("GET", `/api/v1/cases/${caseId}/exposures`, tokens.owner);
    expect(list.body.items.map((e: Json) => e.id)).toEqual([x.body.id]);
    const one = await api("GET", `/api/v1/cases/${caseId}/exposures/${x.body.id}`, tokens.owner);
    expect(one.body.url).toBe("https://t.me/leakchannel/55");
    expect(auditCount("exposure.read", x.body.id)).toBeGreaterThanOrEqual(1);
    expect(
      (await api("GET", `/api/v1/cases/${outsiderCaseId}/exposures/${x.body.id}`, tokens.owner)).status,
    ).toBe(404);

    // Requests: a draft from the same composer, refused kinds and addresses named.
    const notOffered = await api("POST", "/api/v1/requests", tokens.owner, {
      caseId,
      recipientId: "curated:telegram",
      kind: "ccpa-deletion",
    });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.error).toMatch(/does not apply to Telegram.*gdpr-erasure\/gdpr/);
    const wrongRecipient = await api("POST", "/api/v1/requests", tokens.owner, {
      caseId,
      recipientId: "curated:facebook",
      kind: "gdpr-erasure",
    });
    expect(wrongRecipient.status).toBe(400);
    expect(wrongRecipient.body.issues[0].path).toBe("recipientId");
    const missing = await api("POST", "/api/v1/requests", tokens.owner, { caseId, kind: "gdpr-erasure" });
    expect(missing.status).toBe(400);
    expect(
      (
        await api("POST", "/api/v1/requests", tokens.owner, {
          caseId: outsiderCaseId,
          recipientId: "curated:telegram",
          kind: "gdpr-erasure",
        })
      ).status,
    ).toBe(404);
    const draft = await api("POST", "/api/v1/requests", tokens.owner, {
      caseId,
      recipientId: "curated:telegram",
      kind: "gdpr-erasure",
      channel: "pdf",
      particularSituation: "Strangers came to my door after the post.",
    });
    // Sending checks the letter as the web does: blanks are named (400), nothing moves.
    const blank = await api("PATCH", `/api/v1/requests/${draft.body.id}`, tokens.owner, { event: "send" });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatch(/requester\.email/);
    expect((await api("GET", `/api/v1/requests/${draft.body.id}`, tokens.owner)).body.status).toBe("draft");
    const ready = await api("POST", "/api/v1/requests", tokens.owner, {
      caseId,
      recipientId: "curated:telegram",
      kind: "gdpr-erasure",
      channel: "pdf",
      requesterEmail: "cleo@example.test",
      authorityName: "the Berlin Commissioner for Data Protection",
      particularSituation: "Strangers came to my door after the post.",
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      caseId,
      kind: "gdpr-erasure",
      regime: "gdpr",
      channel: "pdf",
      status: "draft",
      recipientId: "curated:telegram",
      dueOn: null,
    });
    expect(draft.body.reference).toMatch(/^RX-/);
    expect(draft.body.timeline[0]).toMatchObject({ kind: "created" });
    const requestId = ready.body.id as string;

    // Lifecycle: the draft cannot be acknowledged (409); sending it fixes the deadline dates.
    const early = await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "acknowledge" });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/draft/);
    const sent = await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "send" });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe("sent");
    expect(sent.body.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent.body.due).toBe(sent.body.dueOn);
    expect(
      (await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "send" })).status,
    ).toBe(409);
    expect(
      (
        await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, {
          event: "reply",
          outcome: "refused",
        })
      ).body.issues[0].path,
    ).toBe("reason");
    expect((await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "fly" })).status).toBe(
      400,
    );
    expect(
      (await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "acknowledge" })).body
        .status,
    ).toBe("acknowledged");
    const extended = await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, {
      event: "announce_extension",
      newDueOn: "2099-01-15",
    });
    expect(extended.body).toMatchObject({
      status: "extended",
      announcedDueOn: "2099-01-15",
      due: "2099-01-15",
    });
    expect(extended.body.timeline.map((t: Json) => t.kind)).toContain("announce_extension");
    expect(
      (await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "authority_outcome" }))
        .status,
    ).toBe(409);

    const filtered = await api("GET", `/api/v1/requests?status=extended&caseId=${caseId}`, tokens.owner);
    expect(filtered.body.items.map((r: Json) => r.id)).toEqual([requestId]);
    const drafts = await api("GET", "/api/v1/requests?status=draft", tokens.owner);
    expect(drafts.body.items.map((r: Json) => r.id)).toEqual([draft.body.id]);
    expect((await api("GET", "/api/v1/requests?status=bogus", tokens.owner)).status).toBe(400);
    expect((await api("GET", `/api/v1/requests/${requestId}`, tokens.outsider)).status).toBe(404);

    // Deadlines: the announced date counts; a short horizon leaves it out.
    const far = await api("GET", "/api/v1/deadlines?days=366", tokens.owner);
    expect(far.body.items).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await api("PATCH", `/api/v1/requests/${requestId}`, tokens.owner, { event: "close" });
    const second = await api("POST", "/api/v1/requests", tokens.owner, {
      caseId,
      exposureIds: [x.body.id],
      kind: "gdpr-erasure",
      channel: "pdf",
      requesterEmail: "cleo@example.test",
      authorityName: "the Berlin Commissioner for Data Protection",
      particularSituation: "Still up.",
    });
    await api("PATCH", `/api/v1/requests/${second.body.id}`, tokens.owner, { event: "send" });
    await api("PATCH", `/api/v1/requests/${second.body.id}`, tokens.owner, {
      event: "announce_extension",
      newDueOn: tomorrow,
    });
    const soon = await api("GET", "/api/v1/deadlines?days=7", tokens.viewer);
    expect(soon.body.items).toEqual([
      expect.objectContaining({
        requestId: second.body.id,
        caseId,
        due: tomorrow,
        daysLeft: 1,
        overdue: false,
      }),
    ]);
    expect((await api("GET", "/api/v1/deadlines?days=-1", tokens.owner)).status).toBe(400);
    expect((await api("GET", "/api/v1/deadlines", tokens.outsider)).body.items).toEqual([]);

    const closed = await api("PATCH", `/api/v1/cases/${caseId}`, tokens.owner, { status: "closed" });
    expect(closed.body.status).toBe("closed");
    const removed = await api("PATCH", `/api/v1/cases/${caseId}/exposures/${x.body.id}`, tokens.owner, {
      status: "removed",
    });
    expect(removed.body).toMatchObject({ status: "removed", url: "https://t.me/leakchannel/55" });
    expect(removed.body.severity).toBe(x.body.severity);
  }, 30_000);
});

describe("roles and tokens", () => {
  it("a caseworker's token sees only their assigned people; a viewer's only reads", async () => {
    const ownersClient = (await api("POST", "/api/v1/subjects", tokens.owner, { name: "Unassigned Person" }))
      .body.id;
    const mine = await api("POST", "/api/v1/subjects", tokens.caseworker, { name: "Caseworker Client" });
    expect(mine.status).toBe(201);
    expect((await api("GET", `/api/v1/subjects/${mine.body.id}`, tokens.caseworker)).status).toBe(200);
    expect((await api("GET", `/api/v1/subjects/${ownersClient}`, tokens.caseworker)).status).toBe(404);
    const seen = (await api("GET", "/api/v1/subjects?limit=200", tokens.caseworker)).body;
    expect(seen.items.map((s: Json) => s.id)).toEqual([mine.body.id]);
    expect(seen.total).toBe(1);
    expect(
      (await api("POST", "/api/v1/cases", tokens.caseworker, { subjectId: ownersClient, title: "Not mine" }))
        .status,
    ).toBe(404);
    const theirCase = (
      await api("POST", "/api/v1/cases", tokens.owner, { subjectId: ownersClient, title: "T" })
    ).body.id;
    expect((await api("GET", `/api/v1/cases/${theirCase}`, tokens.caseworker)).status).toBe(404);
    expect((await api("GET", `/api/v1/cases/${theirCase}/exposures`, tokens.caseworker)).status).toBe(404);
    expect(
      (await api("GET", "/api/v1/cases?limit=200", tokens.caseworker)).body.items.map((c: Json) => c.id),
    ).not.toContain(theirCase);

    expect((await api("GET", `/api/v1/subjects/${ownersClient}`, tokens.viewer)).status).toBe(200);
    const viewerWrite = await api("POST", "/api/v1/cases", tokens.viewer, {
      subjectId: ownersClient,
      title: "V",
    });
    expect(viewerWrite.status).toBe(403);
  });

  it("answers 401 without a token, with a revoked one and with an expired one; 405 for other methods", async () => {
    expect((await api("GET", "/api/v1/cases", null)).status).toBe(401);
    const ownerScope: Scope = { userId: owner.id, workspaceId: orgId, role: "owner" };
    const t = createAccessToken({ userId: owner.id, workspaceId: orgId, name: "short", access: "write" });
    expect((await api("GET", "/api/v1/requests", t.token)).status).toBe(200);
    expect(revokeAccessToken(ownerScope, t.id)).toBe(true);
    const revoked = await api("GET", "/api/v1/requests", t.token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const old = createAccessToken({
      userId: owner.id,
      workspaceId: orgId,
      name: "expired",
      access: "read",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await api("GET", "/api/v1/deadlines", old.token)).status).toBe(401);
    const later = createAccessToken({
      userId: owner.id,
      workspaceId: orgId,
      name: "later",
      access: "read",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect((await api("GET", "/api/v1/deadlines", later.token)).status).toBe(200);
    const put = await api("PUT", "/api/v1/subjects", tokens.owner, { name: "x" });
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("GET, POST");
  });
});

describe("the token page", () => {
  it("makes a token shown once, audits making and revoking it, and gives viewers read-only tokens", async () => {
    const made = (await call(
      tokenPage.action as never,
      post(
        "/settings/tokens",
        { intent: "create", name: "Nightly sync", access: "write", expires: "30" },
        owner.cookie,
      ),
    )) as Response;
    expect(made.status).toBe(200);
    expect(made.headers.get("Cache-Control")).toBe("no-store");
    const { created } = (await made.json()) as { created: { token: string } };
    expect((await api("GET", "/api/v1/cases", created.token)).status).toBe(200);
    const page = (await call(tokenPage.loader as never, get("/settings/tokens", owner.cookie))) as {
      tokens: { id: string; name: string; access: string; expiresAt: string; lastUsedAt: string | null }[];
    };
    const row = page.tokens.find((t) => t.name === "Nightly sync")!;
    expect(row).toMatchObject({ access: "write", lastUsedAt: expect.any(String) });
    expect(Date.parse(row.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(JSON.stringify(page)).not.toContain(created.token);
    expect(auditCount("token.create", row.id)).toBe(1);

    const bad = (await call(
      tokenPage.action as never,
      post("/settings/tokens", { intent: "create", name: "", access: "admin", expires: "30" }, owner.cookie),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      "access",
      "name",
    ]);
    // A viewer of the organisation: the page offers read only, and a forged write request is refused.
    const viewerCookie = (await createSession({ userId: viewerAccount.id, workspaceId: orgId })).split(
      ";",
    )[0]!;
    const viewerPage = (await call(tokenPage.loader as never, get("/settings/tokens", viewerCookie))) as {
      access: string[];
    };
    expect(viewerPage.access).toEqual(["read"]);
    const create = (access: string) =>
      call(
        tokenPage.action as never,
        post("/settings/tokens", { intent: "create", name: "V", access, expires: "never" }, viewerCookie),
      ) as Promise<Response>;
    expect((await create("write")).status).toBe(403);
    const readOnly = (await (await create("read")).json()) as { created: { token: string } };
    expect((await api("GET", "/api/v1/deadlines", readOnly.created.token)).status).toBe(200);

    const revoked = (await call(
      tokenPage.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: row.id }, owner.cookie),
    )) as Response;
    expect(revoked.status).toBe(200);
    expect(auditCount("token.revoke", row.id)).toBe(1);
    expect((await api("GET", "/api/v1/cases", created.token)).status).toBe(401);
    const again = (await call(
      tokenPage.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: row.id }, owner.cookie),
    )) as Response;
    expect(again.status).toBe(404);
  });
});

describe("robustness", () => {
  it("answers random JSON bodies and query strings with a JSON 2xx/4xx, never a 500", async () => {
    const subjectId = (await api("POST", "/api/v1/subjects", tokens.owner, { name: "Fuzz Person" })).body.id;
    const caseId = (await api("POST", "/api/v1/cases", tokens.owner, { subjectId, title: "Fuzz" })).body.id;
    const targets = [
      ["POST", "/api/v1/subjects"],
      ["PATCH", `/api/v1/subjects/${subjectId}`],
      ["POST", "/api/v1/cases"],
      ["PATCH", `/api/v1/cases/${caseId}`],
      ["POST", `/api/v1/cases/${caseId}/exposures`],
      ["POST", "/api/v1/requests"],
      ["PATCH", "/api/v1/requests/unknown-id"],
    ] as const;
    const lists = ["/api/v1/subjects", "/api/v1/cases", "/api/v1/requests", "/api/v1/deadlines"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), status: fc.string(), event: fc.string() })),
        async ([method, path], body) => {
          const r = await api(method, path, tokens.owner, body);
          expect([200, 201, 400, 404, 409]).toContain(r.status);
        },
      ),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        fc.dictionary(fc.constantFrom("limit", "offset", "days", "status", "caseId", "x"), fc.string()),
        async (path, query) => {
          const r = await api("GET", `${path}?${new URLSearchParams(query)}`, tokens.owner);
          expect([200, 400]).toContain(r.status);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});
