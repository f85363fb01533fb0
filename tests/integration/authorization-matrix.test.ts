// The authorization matrix: every route of the Remix route manifest (as `remix build` sees it) and every API
// endpoint, for each role of an organisation, a caseworker looking at a colleague's client, a member of another
// organisation and an anonymous visitor, against the rules in ./route-rules.ts. A route, loader or action
// without a rule fails. Refusals must change nothing stored. Then the issue's acceptance sentence, by name.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "~/api/endpoints.server";
import { createAccessToken } from "~/api/tokens.server";
import { createSession } from "~/auth/session.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { addEvidence } from "~/evidence/evidence.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { BulkStartError, startBulkLetters } from "~/incidents/bulk.server";
import { BulkStartSchema } from "~/incidents/bulk-forms.server";
import { createIncident, importRoster, importUrls } from "~/incidents/incidents.server";
import { RosterRowSchema } from "~/incidents/schemas.server";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { uploadMandate } from "~/requests/compose/mandates.server";
import { copyBuiltInTemplate } from "~/requests/render/workspace-templates.server";
import { ingestMessage } from "~/requests/replies/replies.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { getLetter, sendLetter, writeLetter } from "~/requests/store.server";
import { createIntake } from "~/subjects/intake.server";
import { IntakeSchema } from "~/subjects/intake-schema.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { acceptInvitation, createInvitation } from "~/workspaces/invitations.server";
import { assignSubject } from "~/workspaces/members.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { seedCaseData } from "./case-data";
import { newAccount } from "./helpers";
import {
  ACTORS,
  type ActionRule,
  type Actor,
  type Body,
  type Fresh,
  type LoaderRule,
  type Outcome,
  type Policy,
  ROUTE_RULES,
} from "./route-rules";
import { deadPort } from "./smtp-test-server";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type RouteModule = { loader?: Fn; action?: Fn };
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; file: string };

const ROUTES_DIR = resolve("app/routes");
const context = { cspNonce: "test", clientIp: "198.51.100.9" };

let manifest: Record<string, ManifestRoute>;
let appDirectory: string;
const modules = new Map<string, RouteModule>();

// ── The people and their rows ─────────────────────────────────────────────────────────────────────────────
type Account = Awaited<ReturnType<typeof newAccount>>;
type Member = { account: Account; workspaceId: string; role: Role; token: string };
const members = {} as Record<Exclude<Actor, "anonymous">, Member>;
let ids: Record<string, string> = {};
let ownerScope: Scope;
let caseworkerScope: Scope;
let png: Buffer;
let seq = 0;

function tokenFrom(text: string) {
  const m = /\/invitations\/([\w-]+)/.exec(text);
  if (!m) throw new Error(`no invitation link in: ${text}`);
  return m[1]!;
}

async function invite(scope: Scope, email: string, role: Role) {
  await createInvitation(scope, { email, role });
  const mail = inbox.findLast((m) => m.to === email);
  if (!mail) throw new Error(`no invitation mail to ${email}`);
  return tokenFrom(mail.text);
}

function url(input: string) {
  const n = normaliseUrl(input);
  if (!n.ok) throw new Error(input);
  return n.value;
}

function exposureOn(scope: Scope, caseId: string, input: string) {
  return createExposure(scope, caseId, {
    url: url(input),
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

function draftFor(
  scope: Scope,
  caseId: string,
  exposureId: string,
  destination = "email|abuse@telegram.org",
) {
  return writeLetter(
    scope,
    caseId,
    LetterDetailsSchema.parse({
      exposureIds: [exposureId],
      option: "gdpr-erasure/gdpr",
      lang: "en",
      destination,
      requesterName: "Client Of Casey",
      requesterEmail: "client@example.test",
      particularSituation: "Strangers came to my door.",
      authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    }),
  );
}

/** A client (assigned to `assignee`) with a case, a Telegram exposure and a screenshot. */
async function client(scope: Scope, name: string, assignee: string) {
  const subjectId = createSubject(scope, SubjectFieldsSchema.parse({ name, country: "DE" }));
  assignSubject(scope, subjectId, assignee);
  const caseId = createCase(scope, { subjectId, title: `${name} case` });
  const exposureUrl = `https://t.me/matrixleaks/${++seq}`;
  const exposureId = exposureOn(scope, caseId, exposureUrl);
  const evidenceId = await addEvidence(scope, exposureId, { filename: "shot.png", bytes: png });
  return { subjectId, caseId, exposureId, evidenceId, exposureUrl };
}

beforeAll(async () => {
  const config = await readConfig(process.cwd());
  appDirectory = config.appDirectory;
  manifest = config.routes as Record<string, ManifestRoute>;
  for (const r of Object.values(manifest))
    modules.set(r.id, (await import(/* @vite-ignore */ join(appDirectory, r.file))) as RouteModule);

  importDirectory(getDb());
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#335577" } })
    .png()
    .toBuffer();

  const accounts = {
    owner: await newAccount("Olive Owner"),
    admin: await newAccount("Adam Admin"),
    caseworker: await newAccount("Casey Caseworker"),
    colleague: await newAccount("Cole Colleague"),
    viewer: await newAccount("Vera Viewer"),
    outsider: await newAccount("Otto Outsider"),
  };
  const orgId = createOrganisation(accounts.owner.id, "Matrix Legal Aid").id;
  ownerScope = { userId: accounts.owner.id, workspaceId: orgId, role: "owner" };
  const roles = {
    admin: "admin",
    caseworker: "caseworker",
    colleague: "caseworker",
    viewer: "viewer",
  } as const;
  for (const [who, role] of Object.entries(roles) as [keyof typeof roles, Role][])
    acceptInvitation(await invite(ownerScope, accounts[who].email, role), accounts[who].id);
  const otherOrgId = createOrganisation(accounts.outsider.id, "Other Organisation").id;
  for (const actor of Object.keys(accounts) as (keyof typeof accounts)[]) {
    const account = accounts[actor];
    const workspaceId = actor === "outsider" ? otherOrgId : orgId;
    const role: Role = actor === "owner" || actor === "outsider" ? "owner" : roles[actor];
    const { token } = createAccessToken({ userId: account.id, workspaceId, name: "matrix", access: "write" });
    members[actor] = { account, workspaceId, role, token };
  }

  // The workspace's rows: Casey's client (every route param points at these), and Cole's.
  const mine = await client(ownerScope, "Client Of Casey", accounts.caseworker.id);
  const theirs = await client(ownerScope, "Client Of Cole", accounts.colleague.id);
  const port = await deadPort();
  saveSmtpSettings(ownerScope, {
    host: "127.0.0.1",
    port,
    secure: false,
    user: "matrix",
    password: "app-password",
    from: "Matrix Org <matrix@example.test>",
    replyTo: "",
  });
  await uploadMandate(ownerScope, mine.subjectId, {
    filename: "mandate.png",
    bytes: png,
    signedOn: "2026-11-01",
  });
  const draftLetterId = draftFor(ownerScope, mine.caseId, mine.exposureId);
  // A sent request: a letter the client posts themselves (PDF) is marked sent when "sent" is pressed.
  const sentLetterId = draftFor(ownerScope, mine.caseId, mine.exposureId, "pdf|");
  sendLetter(ownerScope, mine.caseId, sentLetterId);
  const templateId = copyBuiltInTemplate(ownerScope, "gdpr-erasure", "en");
  const pendingEmail = `pending-${Date.now()}@example.test`;
  const token = await invite(ownerScope, pendingEmail, "viewer");

  // An employer incident: one person on the roster (Casey's client), one leaked URL, and a bulk run Casey
  // started for their people (it stays queued: no worker runs here).
  const incidentId = createIncident(ownerScope, { title: "Staff list leaked", description: "" });
  const [person] = importRoster(ownerScope, incidentId, [
    RosterRowSchema.parse({
      name: "Staff Member",
      email: "staff@example.test",
      unit: "Sales",
      country: "DE",
    }),
  ]).created;
  assignSubject(ownerScope, person!.subjectId, accounts.caseworker.id);
  const [line] = importUrls(ownerScope, incidentId, ["https://t.me/stafflist/1"], "all");
  if (line?.status !== "added") throw new Error("the incident URL was not added");
  caseworkerScope = { userId: accounts.caseworker.id, workspaceId: orgId, role: "caseworker" };

  // A client Casey took in through the intake form (a caseworker's new client is their own).
  const { subjectId: intakeSubjectId } = createIntake(
    caseworkerScope,
    IntakeSchema.parse({
      name: "Walk-in Client",
      safeChannel: "phone",
      othersRead: "no",
      harm: "no",
      consent: "yes",
    }),
  );

  // The other organisation's own rows.
  const outsiderScope: Scope = { userId: accounts.outsider.id, workspaceId: otherOrgId, role: "owner" };
  await seedCaseData(outsiderScope, { subjects: 1, exposuresPer: 1, evidencePer: 1, tag: "other" });

  ids = {
    workspaceId: orgId,
    subjectId: mine.subjectId,
    caseId: mine.caseId,
    exposureId: mine.exposureId,
    exposureUrl: mine.exposureUrl,
    evidenceId: mine.evidenceId,
    draftLetterId,
    sentLetterId,
    requestId: sentLetterId,
    sentReference: getLetter(ownerScope, mine.caseId, sentLetterId).reference,
    recipientId: "curated:telegram",
    templateId,
    token,
    caseworkerId: accounts.caseworker.id,
    viewerId: accounts.viewer.id,
    deadPort: String(port),
    colleagueSubjectId: theirs.subjectId,
    colleagueCaseId: theirs.caseId,
    colleagueExposureId: theirs.exposureId,
    incidentId,
    intakeSubjectId,
    urlId: line.urlId,
    incidentPersonId: person!.subjectId,
  };
  ids.jobId = (await fresh("bulkJob")).jobId!;
  watchWrites();
}, 60_000);

// ── Making each request ──────────────────────────────────────────────────────────────────────────────────
async function fresh(kind: Fresh): Promise<Record<string, string>> {
  switch (kind) {
    case "exposure":
      return { exposureId: exposureOn(ownerScope, ids.caseId!, `https://t.me/matrixleaks/${++seq}`) };
    case "draftLetter": {
      const exposureId = exposureOn(ownerScope, ids.caseId!, `https://t.me/matrixleaks/${++seq}`);
      return { draftLetterId: draftFor(ownerScope, ids.caseId!, exposureId) };
    }
    case "subject": {
      const subjectId = createSubject(ownerScope, SubjectFieldsSchema.parse({ name: `Walk-in ${++seq}` }));
      assignSubject(ownerScope, subjectId, members.caseworker.account.id);
      return { subjectId };
    }
    case "inboundMessage": {
      const raw = Buffer.from(
        `From: Privacy <privacy@example.com>\r\nTo: matrix@example.test\r\nSubject: About your request ${++seq}\r\nMessage-ID: <m${seq}.${Date.now()}@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nWe are looking into it.\r\n`,
      );
      return { inboundMessage: (await ingestMessage(ids.workspaceId!, raw)).id };
    }
    case "email":
      return { email: `invitee-${++seq}-${Date.now()}@example.test` };
    case "ownerToken":
      return {
        tokenId: createAccessToken({
          userId: members.owner.account.id,
          workspaceId: ids.workspaceId!,
          name: "to revoke",
          access: "read",
        }).id,
      };
    case "caseworkerToken":
      return {
        tokenId: createAccessToken({
          userId: members.caseworker.account.id,
          workspaceId: ids.workspaceId!,
          name: "a caseworker's script",
          access: "read",
        }).id,
      };
    case "bulkJob": {
      // The incident's active run, or a new one when the last was cancelled.
      // A run starts only with cells it can write: the letters need the person's situation.
      const options = BulkStartSchema.parse({
        channel: "documents",
        sender: "self",
        particularSituation: "Strangers came to our doors after the list was posted.",
        authorityName: "the data protection authority",
      });
      try {
        const { intent: _intent, ...rest } = options;
        return { jobId: startBulkLetters(caseworkerScope, ids.incidentId!, rest) };
      } catch (e) {
        if (e instanceof BulkStartError && e.jobId) return { jobId: e.jobId };
        throw e;
      }
    }
  }
}

/** The route's URL path, from the manifest's nested paths. */
function pathOf(routeId: string, params: Record<string, string>) {
  const parts: string[] = [];
  for (
    let r: ManifestRoute | undefined = manifest[routeId];
    r;
    r = r.parentId ? manifest[r.parentId] : undefined
  )
    if (r.path) parts.unshift(r.path);
  return `/${parts
    .join("/")
    .split("/")
    .map((s) => (s.startsWith(":") ? encodeURIComponent(params[s.slice(1)] ?? "missing") : s))
    .join("/")}`;
}

function paramNames(routeId: string) {
  const names: string[] = [];
  for (
    let r: ManifestRoute | undefined = manifest[routeId];
    r;
    r = r.parentId ? manifest[r.parentId] : undefined
  )
    for (const m of (r.path ?? "").matchAll(/:(\w+)/g)) names.push(m[1]!);
  return names;
}

const isApi = (routeId: string) => routeId.startsWith("routes/api.");

function formOf(body: Body) {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "object" && !Array.isArray(v))
      form.append(k, new File([new Uint8Array(png)], v.file, { type: v.type }));
    else for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  }
  return form;
}

async function headersFor(actor: Actor, api: boolean): Promise<Record<string, string>> {
  if (actor === "anonymous") return {};
  const m = members[actor];
  if (api) return { Authorization: `Bearer ${m.token}` };
  // A fresh session per request: log-out, quick exit and "log out other sessions" end sessions on purpose.
  const cookie = (await createSession({ userId: m.account.id, workspaceId: m.workspaceId })).split(";")[0]!;
  return { Cookie: cookie };
}

/** Runs a loader or action; returns the status and Location (a thrown Response counts as the answer). */
async function invoke(fn: Fn, request: Request, params: Record<string, string>) {
  let r: unknown;
  try {
    r = await fn({ request, params, context });
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    r = e;
  }
  if (r instanceof Response) return { status: r.status, location: r.headers.get("Location") ?? "" };
  // Remix's `data(value, { status })` is a plain object with the status in `init`.
  const init = (r as { type?: string; init?: { status?: number } } | null)?.init;
  if ((r as { type?: string } | null)?.type === "DataWithResponseInit")
    return { status: init?.status ?? 200, location: "" };
  return { status: 200, location: "" };
}

function outcomeOf(answer: { status: number; location: string }, kind: "loader" | "action"): string {
  const { status, location } = answer;
  if (status >= 300 && status < 400) return /^\/login(\?|$)/.test(location) ? "login" : "allow";
  if (status < 300) return "allow";
  if (kind === "action" && (status === 400 || status === 409)) return `allow|${status}`;
  return String(status);
}

function matches(expected: Outcome, got: string) {
  if (expected === "allow") return got === "allow" || got.startsWith("allow|");
  if (expected === 400) return got === "allow|400";
  return got === String(expected);
}

// What a refusal may still write: the audit log, sessions (each request here gets a fresh one) and sign-in
// bookkeeping, and a token's "last used" time. Anything else written during a refused request is a failure.
const BOOKKEEPING = new Set(["audit_events", "sessions", "password_resets", "__drizzle_migrations"]);
const IGNORED_COLUMNS: Record<string, string[]> = { access_tokens: ["last_used_at"] };

/**
 * Temporary triggers on this connection (the app's own) count every row written to a table that is not
 * bookkeeping: cheaper than hashing the whole database (the recipient directory alone is 3 MB) and exact.
 */
function watchWrites() {
  const db = getDb().$client;
  db.exec("CREATE TEMP TABLE IF NOT EXISTS matrix_writes (tbl TEXT NOT NULL, op TEXT NOT NULL)");
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => !BOOKKEEPING.has(t));
  for (const t of tables) {
    const cols = (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !(IGNORED_COLUMNS[t] ?? []).includes(c));
    const changed = cols.map((c) => `OLD."${c}" IS NOT NEW."${c}"`).join(" OR ");
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS "mw_ins_${t}" AFTER INSERT ON main."${t}"
        BEGIN INSERT INTO matrix_writes VALUES ('${t}', 'insert'); END;
      CREATE TEMP TRIGGER IF NOT EXISTS "mw_del_${t}" AFTER DELETE ON main."${t}"
        BEGIN INSERT INTO matrix_writes VALUES ('${t}', 'delete'); END;
      CREATE TEMP TRIGGER IF NOT EXISTS "mw_upd_${t}" AFTER UPDATE ON main."${t}" WHEN ${changed}
        BEGIN INSERT INTO matrix_writes VALUES ('${t}', 'update'); END;`);
  }
}

/** Tables written since the last call (as "table insert" …), and forgets them. */
function writesSince() {
  const db = getDb().$client;
  const rows = db.prepare("SELECT DISTINCT tbl || ' ' || op AS w FROM matrix_writes").all() as {
    w: string;
  }[];
  db.exec("DELETE FROM matrix_writes");
  return rows.map((r) => r.w).sort();
}

type Check = {
  routeId: string;
  kind: "loader" | "action";
  intent?: string;
  policy: Policy;
  rule: LoaderRule | ActionRule;
};

function checksFor(routeId: string): Check[] {
  const rule = ROUTE_RULES[routeId];
  if (!rule) return [];
  const out: Check[] = [];
  if (rule.loader)
    out.push({
      routeId,
      kind: "loader",
      policy: "policy" in rule.loader ? (rule.loader.policy as Policy) : (rule.loader as Policy),
      rule: rule.loader,
    });
  for (const a of rule.action ?? [])
    out.push({ routeId, kind: "action", intent: a.intent, policy: a.policy, rule: a });
  return out;
}

async function run(check: Check, actor: Actor) {
  const mod = modules.get(check.routeId)!;
  const fn = (check.kind === "loader" ? mod.loader : mod.action) as Fn;
  const rule = check.rule as { ids?: Partial<Record<string, string>>; query?: string; fresh?: Fresh };
  const own: Record<string, string> = { ...ids, ...(rule.fresh ? await fresh(rule.fresh) : {}) };
  const names = paramNames(check.routeId);
  const unknown = names.filter((p) => !own[rule.ids?.[p] ?? p]);
  if (unknown.length)
    return [
      `${check.routeId}: no fixture row for :${unknown.join(", :")} (add one in beforeAll, or map it with ids)`,
    ];
  const params = Object.fromEntries(names.map((p) => [p, own[rule.ids?.[p] ?? p]!]));
  const api = isApi(check.routeId);
  const path = pathOf(check.routeId, params) + (rule.query ? `?${rule.query}` : "");
  const headers = await headersFor(actor, api);
  let request: Request;
  if (check.kind === "loader") request = new Request(`http://localhost${path}`, { headers });
  else if (api) {
    const a = check.rule as ActionRule;
    request = new Request(`http://localhost${path}`, {
      method: a.method ?? "POST",
      body: JSON.stringify(a.json?.(own) ?? {}),
      headers: { ...headers, "Content-Type": "application/json" },
    });
  } else {
    const a = check.rule as ActionRule;
    const body: Body = { ...(a.intent ? { intent: a.intent } : {}), ...(a.body?.(own) ?? {}) };
    request = new Request(`http://localhost${path}`, { method: "POST", body: formOf(body), headers });
  }
  writesSince();
  const answer = await invoke(fn, request, params);
  const got = outcomeOf(answer, check.kind);
  const expected = check.policy[actor];
  const problems: string[] = [];
  if (process.env.MATRIX_DEBUG && got.startsWith("allow|"))
    console.log(`${check.routeId} ${check.intent ?? ""} ${actor}: ${got}`);
  const label = `${check.routeId} ${check.kind}${check.intent ? `[${check.intent}]` : ""} as ${actor}`;
  if (!matches(expected, got))
    problems.push(
      `${label}: expected ${expected}, got ${answer.status}${answer.location ? ` → ${answer.location}` : ""}`,
    );
  const written = writesSince();
  if (check.kind === "action" && expected !== "allow" && written.length)
    problems.push(`${label}: refused (${answer.status}) but wrote to ${written.join(", ")}`);
  return problems;
}

// ── The matrix ────────────────────────────────────────────────────────────────────────────────────────────
describe("the route manifest", () => {
  it("is the same set of route files the fuzz test walks by file name", () => {
    const files = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
    const fromManifest = Object.values(manifest)
      .filter((r) => r.id !== "root")
      .map((r) => r.file.replace(/^routes\//, ""));
    expect(fromManifest.sort()).toEqual(files.sort());
  });

  it("has a rule for every route, loader and action, and no rule for a route that is gone", () => {
    const missing: string[] = [];
    for (const [id, mod] of modules) {
      const rule = ROUTE_RULES[id];
      if (mod.loader && !rule?.loader) missing.push(`${id}: loader`);
      if (mod.action && !rule?.action?.length) missing.push(`${id}: action`);
      if (rule?.loader && !mod.loader) missing.push(`${id}: a loader rule, but the route has no loader`);
      if (rule?.action && !mod.action) missing.push(`${id}: action rules, but the route has no action`);
    }
    for (const id of Object.keys(ROUTE_RULES))
      if (!manifest[id]) missing.push(`${id}: a rule for a route that is not in the manifest`);
    expect(missing, "add these to tests/integration/route-rules.ts").toEqual([]);
  });
});

describe("the API", () => {
  it("has a walked rule for every endpoint of the API's own list (the one the OpenAPI document is made from)", () => {
    const byPath = new Map(Object.keys(manifest).map((id) => [pathOf(id, {}), id]));
    const missing: string[] = [];
    for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
      // "/api/v1/cases/{caseId}" → the manifest's path with each param as "missing" (pathOf's placeholder).
      const routeId = byPath.get(endpoint.path.replace(/\{\w+\}/g, "missing"));
      const rule = routeId ? ROUTE_RULES[routeId] : undefined;
      const walked =
        endpoint.method === "get"
          ? Boolean(rule?.loader)
          : (rule?.action ?? []).some((a) => (a.method ?? "POST") === endpoint.method.toUpperCase());
      if (!walked) missing.push(`${name}: ${endpoint.method.toUpperCase()} ${endpoint.path}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("every route, for every actor", () => {
  it("answers as its rule says, and every refusal leaves the stored data unchanged", async () => {
    const checks = Object.keys(manifest).sort().flatMap(checksFor);
    // Reads first, so that the writes' (harmless) changes cannot colour what a read sees.
    checks.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "loader" ? -1 : 1));
    const problems: string[] = [];
    let calls = 0;
    for (const check of checks)
      for (const actor of ACTORS) {
        problems.push(...(await run(check, actor)));
        calls += 1;
      }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(300);
  }, 90_000);

  it("a read-only token may read but not write, whatever the member's role", async () => {
    const { token } = createAccessToken({
      userId: members.owner.account.id,
      workspaceId: ids.workspaceId!,
      name: "read only",
      access: "read",
    });
    const headers = { Authorization: `Bearer ${token}` };
    const list = modules.get("routes/api.v1.subjects")!;
    expect(
      (await invoke(list.loader!, new Request("http://localhost/api/v1/subjects", { headers }), {})).status,
    ).toBe(200);
    writesSince();
    const created = await invoke(
      list.action!,
      new Request("http://localhost/api/v1/subjects", {
        method: "POST",
        body: JSON.stringify({ name: "Not Made" }),
        headers: { ...headers, "Content-Type": "application/json" },
      }),
      {},
    );
    expect(created.status).toBe(403);
    expect(writesSince()).toEqual([]);
  });
});

// ── The acceptance sentence, by name ─────────────────────────────────────────────────────────────────────
/** One request as an actor, to a route of the manifest, with the workspace's ids unless told otherwise. */
async function as(
  actor: Actor,
  routeId: string,
  kind: "loader" | "action",
  over: Record<string, string> = {},
  body: Body = {},
) {
  const mod = modules.get(routeId)!;
  const params = Object.fromEntries(
    paramNames(routeId).map((p) => {
      const id = over[p] ?? ids[p];
      if (!id) throw new Error(`${routeId}: no fixture id for :${p}`);
      return [p, id];
    }),
  );
  const path = pathOf(routeId, params);
  const headers = await headersFor(actor, isApi(routeId));
  const request =
    kind === "loader"
      ? new Request(`http://localhost${path}`, { headers })
      : new Request(`http://localhost${path}`, { method: "POST", body: formOf(body), headers });
  let r: unknown;
  try {
    r = await (kind === "loader" ? mod.loader! : mod.action!)({ request, params, context });
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    r = e;
  }
  return r;
}
const statusOf = (r: unknown) => (r instanceof Response ? r.status : 200);

describe("acceptance: a caseworker cannot see a colleague's client", () => {
  it("gets 404 for the client's page, case page, exposure, evidence, letters and requests; their own opens", async () => {
    const reads = [
      "routes/subjects.$subjectId",
      "routes/subjects.$subjectId_.export",
      "routes/subjects.$subjectId_.mandate",
      "routes/cases.$caseId._index",
      "routes/cases.$caseId.timeline",
      "routes/cases.$caseId.exposures.$exposureId",
      "routes/cases.$caseId.exposures.$exposureId_.evidence.$evidenceId",
      "routes/cases.$caseId.letters.new",
    ];
    for (const routeId of reads) {
      expect(statusOf(await as("colleague", routeId, "loader")), routeId).toBe(404);
      expect(statusOf(await as("caseworker", routeId, "loader")), routeId).toBe(200);
    }
    for (const routeId of [
      "routes/cases.$caseId.requests.$letterId",
      "routes/cases.$caseId.letters.$letterId_.pdf",
    ]) {
      expect(
        statusOf(await as("colleague", routeId, "loader", { letterId: ids.draftLetterId! })),
        routeId,
      ).toBe(404);
      expect(
        statusOf(await as("caseworker", routeId, "loader", { letterId: ids.draftLetterId! })),
        routeId,
      ).toBe(200);
    }
    const request = "routes/cases.$caseId.requests.$letterId";
    expect(statusOf(await as("colleague", request, "loader", { letterId: ids.sentLetterId! }))).toBe(404);
    expect(statusOf(await as("caseworker", request, "loader", { letterId: ids.sentLetterId! }))).toBe(200);
    // By API as well.
    expect(statusOf(await as("colleague", "routes/api.v1.subjects.$subjectId", "loader"))).toBe(404);
    expect(statusOf(await as("caseworker", "routes/api.v1.subjects.$subjectId", "loader"))).toBe(200);
  });

  it("finds only their own clients in the case list and the API's subject list", async () => {
    const list = (await as("colleague", "routes/_index", "loader")) as { cases: { id: string }[] };
    expect(list.cases.map((c) => c.id)).toEqual([ids.colleagueCaseId]);
    const api = (await ((await as("colleague", "routes/api.v1.subjects", "loader")) as Response).json()) as {
      items: { id: string }[];
    };
    expect(api.items.map((s) => s.id)).toContain(ids.colleagueSubjectId);
    expect(api.items.map((s) => s.id)).not.toContain(ids.subjectId);
    // And the other way round: Casey gets 404 for Cole's client.
    expect(
      statusOf(
        await as("caseworker", "routes/subjects.$subjectId", "loader", {
          subjectId: ids.colleagueSubjectId!,
        }),
      ),
    ).toBe(404);
  });
});

describe("acceptance: a viewer cannot send", () => {
  it("gets 403 for sending a draft letter, which stays a draft with nothing queued", async () => {
    const { draftLetterId } = await fresh("draftLetter");
    writesSince();
    const r = await as(
      "viewer",
      "routes/cases.$caseId.requests.$letterId",
      "action",
      { letterId: draftLetterId! },
      { intent: "send", subject: "Erasure request", body: "Please erase it." },
    );
    expect(statusOf(r)).toBe(403);
    expect(writesSince()).toEqual([]);
    expect(getLetter(ownerScope, ids.caseId!, draftLetterId!).status).toBe("draft");
    // The same draft, sent by the caseworker whose client it is, is queued.
    const sent = await as(
      "caseworker",
      "routes/cases.$caseId.requests.$letterId",
      "action",
      { letterId: draftLetterId! },
      { intent: "send", subject: "Erasure request", body: "Please erase the posts listed below." },
    );
    expect(statusOf(sent)).toBe(302);
    expect(getLetter(ownerScope, ids.caseId!, draftLetterId!).status).toBe("queued");
  });

  it("gets 403 for writing a letter, a follow-up or a note, and from the API", async () => {
    writesSince();
    expect(
      statusOf(
        await as(
          "viewer",
          "routes/cases.$caseId.letters.new",
          "action",
          {},
          { exposureIds: [ids.exposureId!], option: "gdpr-erasure/gdpr" },
        ),
      ),
    ).toBe(403);
    const request = { letterId: ids.sentLetterId! };
    expect(
      statusOf(
        await as("viewer", "routes/cases.$caseId.requests.$letterId", "action", request, {
          intent: "follow-up",
        }),
      ),
    ).toBe(403);
    expect(
      statusOf(
        await as("viewer", "routes/cases.$caseId.requests.$letterId", "action", request, {
          intent: "note",
          note: "x",
        }),
      ),
    ).toBe(403);
    const api = await modules.get("routes/api.v1.subjects")!.action!({
      request: new Request("http://localhost/api/v1/subjects", {
        method: "POST",
        body: JSON.stringify({ name: "Viewer Made" }),
        headers: { Authorization: `Bearer ${members.viewer.token}`, "Content-Type": "application/json" },
      }),
      params: {},
      context,
    });
    expect(statusOf(api)).toBe(403);
    expect(writesSince()).toEqual([]);
  });
});

describe("acceptance: another organisation sees nothing", () => {
  it("gets 404 from every route that names one of the workspace's rows, by page and by API", async () => {
    // Routes whose params name the workspace's rows (not the public directory, not an invitation link).
    const rowRoutes = Object.keys(manifest).filter(
      (id) => paramNames(id).some((p) => !["recipientId", "token"].includes(p)) && modules.get(id)!.loader,
    );
    expect(rowRoutes.length).toBeGreaterThan(10);
    for (const routeId of rowRoutes) {
      // The same rows the matrix uses for this route (e.g. the sent letter for a request page).
      const loaderRule = ROUTE_RULES[routeId]?.loader;
      const mapped = loaderRule && "policy" in loaderRule ? (loaderRule.ids ?? {}) : {};
      const over = Object.fromEntries(Object.entries(mapped).map(([p, key]) => [p, ids[key!]!]));
      expect(statusOf(await as("outsider", routeId, "loader", over)), routeId).toBe(404);
    }
  });

  it("finds none of the workspace's clients or cases in its own lists", async () => {
    const list = (await as("outsider", "routes/_index", "loader")) as { cases: { id: string }[] };
    expect(list.cases.length).toBe(1); // its own
    expect(list.cases.map((c) => c.id)).not.toContain(ids.caseId);
    const api = (await ((await as("outsider", "routes/api.v1.subjects", "loader")) as Response).json()) as {
      items: { id: string }[];
    };
    expect(api.items.map((s) => s.id)).not.toContain(ids.subjectId);
    expect(api.items.map((s) => s.id)).not.toContain(ids.colleagueSubjectId);
    expect(
      statusOf(
        await as("outsider", "routes/workspaces.switch", "action", {}, { workspaceId: ids.workspaceId! }),
      ),
    ).toBe(404);
  });

  it("the write watcher sees writes (so 'nothing changed' means something)", () => {
    writesSince();
    createSubject(ownerScope, SubjectFieldsSchema.parse({ name: "Watcher Check" }));
    expect(writesSince()).toContain("subjects insert");
  });
});

describe("incidents and the caseworker rule", () => {
  it("a colleague cannot see or unlink a leaked URL of a person who is not their client, nor see them in the matrix", async () => {
    writesSince();
    const r = await as(
      "colleague",
      "routes/incidents.$incidentId.urls_.$urlId",
      "action",
      {},
      { intent: "links", people: [], shown: [ids.incidentPersonId!] },
    );
    expect(statusOf(r)).toBe(404);
    expect(writesSince()).toEqual([]);
    // And the matrix the colleague sees has no row for that person.
    const matrix = (await as("colleague", "routes/incidents.$incidentId.matrix", "loader")) as {
      view: { rows: { subjectId?: string }[] };
    };
    expect(JSON.stringify(matrix.view.rows)).not.toContain(ids.incidentPersonId);
    const own = (await as("caseworker", "routes/incidents.$incidentId.matrix", "loader")) as {
      view: { rows: unknown[] };
    };
    expect(JSON.stringify(own.view.rows)).toContain(ids.incidentPersonId);
  });
});
