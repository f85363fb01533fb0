// Property-based fuzzing of every route module (found by walking app/routes): generated bad input — random,
// huge and non-Latin strings, repeated fields, missing fields, wrong intents, bad route params, malformed
// cookies — with a real account's session. Every answer is a Response below 500 (a 4xx comes with a message),
// nothing but a Response is ever thrown, and a 4xx leaves every stored row exactly as it was.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { seedCaseData } from "./case-data";
import { sentLetter } from "./factories";
import { newAccount } from "./helpers";

const ROUTES = resolve("app/routes");
const files = readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
// Ending the session is these routes' whole job; they are called with a fresh session like every other.
type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type RouteModule = { loader?: Fn; action?: Fn };

const paramNames = (file: string) =>
  file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s.startsWith("$"))
    .map((s) => s.slice(1).replace(/_$/, ""));

const pathOf = (file: string, params: Record<string, string>) =>
  `/${file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1).replace(/_$/, "")] ?? "x") : s))
    .map((s) => s.replace(/_$/, ""))
    .join("/")}`;

// Field names and intents seen in the routes and their schemas: the fuzzer aims at real fields.
const sources = [
  ...files.map((f) => readFileSync(join(ROUTES, f), "utf8")),
  ...readdirSync(resolve("app"), { recursive: true, encoding: "utf8" })
    .filter((f) => /schemas\.ts$/.test(f))
    .map((f) => readFileSync(resolve("app", f), "utf8")),
];
const FIELDS = [
  ...new Set(
    sources.flatMap((s) => [
      ...[...s.matchAll(/name="([A-Za-z_][\w-]*)"/g)].map((m) => m[1]!),
      ...[...s.matchAll(/^\s+([a-zA-Z][a-zA-Z0-9]*):\s*z[.\s]/gm)].map((m) => m[1]!),
    ]),
  ),
];
const INTENTS = [
  ...new Set(
    sources.flatMap((s) => [
      ...[...s.matchAll(/intent"?\)?\s*===\s*"([\w-]+)"/g)].map((m) => m[1]!),
      ...[...s.matchAll(/name="intent"\s+value="([\w-]+)"/g)].map((m) => m[1]!),
      ...[...s.matchAll(/intent:\s*z\.literal\("([\w-]+)"\)/g)].map((m) => m[1]!),
    ]),
  ),
];

const HUGE = "x".repeat(200_000);
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    HUGE,
    "홍길동 서울특별시",
    "\u0000",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "'; DROP TABLE subjects; --",
    "https://example.com/a",
    "javascript:alert(1)",
    "a@b.c",
    "-1",
    "1e309",
    "NaN",
    "true",
    "on",
    "2026-02-30",
    "[]",
    "{}",
  ),
);
const formArb = fc.record(
  {
    intent: fc.oneof(fc.constantFrom(...(INTENTS.length ? INTENTS : ["x"])), fc.string({ maxLength: 20 })),
    fields: fc.dictionary(fc.constantFrom(...FIELDS), fc.array(nasty, { minLength: 1, maxLength: 3 }), {
      maxKeys: 8,
    }),
  },
  { requiredKeys: ["fields"] },
);

const context = { cspNonce: "test", clientIp: "198.51.100.7" };

async function invoke(fn: Fn, request: Request, params: Record<string, string>) {
  try {
    const r = await fn({ request, params, context });
    return r instanceof Response ? r : new Response(JSON.stringify(r ?? null), { status: 200 });
  } catch (e) {
    if (e instanceof Response) return e;
    throw new Error(`${request.method} ${new URL(request.url).pathname} threw ${(e as Error)?.stack ?? e}`);
  }
}

/** A checksum of every stored row except the audit log and sign-in bookkeeping (which a refusal may add to). */
function checksum() {
  const db = getDb().$client;
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((t) => !["audit_events", "sessions", "password_resets", "__drizzle_migrations"].includes(t))
    .sort();
  const h = createHash("sha256");
  for (const t of tables)
    h.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
  return h.digest("hex");
}

let ids: Record<string, string> = {};
let account: Awaited<ReturnType<typeof newAccount>>;
const modules = new Map<string, RouteModule>();
const statuses = new Map<string, number>();

beforeAll(async () => {
  account = await newAccount("Fuzz Owner");
  const [made] = await seedCaseData(account.scope, {
    subjects: 1,
    exposuresPer: 1,
    evidencePer: 1,
    tag: "fz",
  });
  const db = getDb().$client;
  const one = (sql: string) => (db.prepare(sql).get() as { id: string } | undefined)?.id ?? "missing";
  const letterId = sentLetter(account.scope, made!.caseId).id;
  ids = {
    subjectId: made!.subjectId,
    caseId: made!.caseId,
    exposureId: one("SELECT id FROM exposures"),
    evidenceId: one("SELECT id FROM evidence"),
    letterId: letterId ?? "missing",
    recipientId: one("SELECT id FROM recipients LIMIT 1"),
    templateId: "missing",
    token: "not-a-real-token-but-long-enough",
  };
  for (const f of files) modules.set(f, (await import(/* @vite-ignore */ join(ROUTES, f))) as RouteModule);
}, 60_000);

async function freshCookie() {
  return (await createSession({ userId: account.id, workspaceId: account.workspaceId })).split(";")[0]!;
}

function formRequest(
  path: string,
  cookie: string,
  input: { intent?: string; fields: Record<string, string[]> },
) {
  const form = new FormData();
  if (input.intent !== undefined) form.append("intent", input.intent);
  for (const [k, vs] of Object.entries(input.fields)) for (const v of vs) form.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

async function expectRefusalHasMessage(res: Response) {
  if (res.status < 400) return;
  const text = await res.clone().text();
  expect(text.trim().length, `${res.status} without a message`).toBeGreaterThan(0);
}

describe("fuzzing every route", () => {
  it("finds the route modules", () => {
    expect(modules.size).toBeGreaterThan(10);
    expect([...modules.values()].filter((m) => m.action).length).toBeGreaterThan(5);
    expect(FIELDS.length).toBeGreaterThan(10);
    expect(INTENTS).toContain("revoke");
  });

  it("every action answers bad form input with a 4xx and a message (or a redirect), never a 500, and a 4xx changes nothing", async () => {
    const tried: string[] = [];
    for (const [file, mod] of modules) {
      if (!mod.action) continue;
      tried.push(file);
      const params = Object.fromEntries(paramNames(file).map((p) => [p, ids[p] ?? "missing"]));
      const path = pathOf(file, params);
      await fc.assert(
        fc.asyncProperty(formArb, async (input) => {
          const cookie = await freshCookie();
          const before = checksum();
          const res = await invoke(mod.action!, formRequest(path, cookie, input), params);
          statuses.set(`${file} ${res.status}`, (statuses.get(`${file} ${res.status}`) ?? 0) + 1);
          expect(res.status, `${file} ${JSON.stringify(input).slice(0, 300)}`).toBeLessThan(500);
          await expectRefusalHasMessage(res);
          if (res.status >= 400) expect(checksum(), `${file} changed data while refusing`).toBe(before);
        }),
        { numRuns: 25 },
      );
    }
    expect(tried.length).toBeGreaterThan(5);
    if (process.env.FUZZ_DEBUG) console.log([...statuses].sort().join("\n"));
  }, 300_000);

  it("every loader and action answers bad route params with a 4xx or a redirect, never a 500", async () => {
    const cookie = await freshCookie();
    for (const [file, mod] of modules) {
      const names = paramNames(file);
      if (!names.length) continue;
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(
            ...names.map(() =>
              fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(HUGE, "..", "%00", " ")),
            ),
          ),
          async (values) => {
            const params = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
            const path = pathOf(file, params);
            for (const fn of [mod.loader, mod.action]) {
              if (!fn) continue;
              const req =
                fn === mod.action
                  ? formRequest(path, cookie, { fields: { name: ["x"] } })
                  : new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
              const res = await invoke(fn, req, params);
              expect(res.status, `${file} ${JSON.stringify(params).slice(0, 200)}`).toBeLessThan(500);
            }
          },
        ),
        { numRuns: 15 },
      );
    }
  }, 120_000);

  it("every loader survives random query strings and malformed cookies", async () => {
    const cookie = await freshCookie();
    for (const [file, mod] of modules) {
      if (!mod.loader) continue;
      const params = Object.fromEntries(paramNames(file).map((p) => [p, ids[p] ?? "missing"]));
      const path = pathOf(file, params);
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom("page", "q", "token", "redirectTo", "url", "left", "kind", "country", ...FIELDS),
            nasty,
            {
              maxKeys: 4,
            },
          ),
          fc.oneof(
            fc.constant(cookie),
            fc.string({ maxLength: 200 }).map((s) => `__retract_session=${s}`),
            fc.string({ maxLength: 100 }),
            fc.constant(`__retract_session=${"A".repeat(5000)}`),
            fc.constant("__retract_session=eyJ.sig; __retract_session=dup"),
          ),
          async (query, cookieHeader) => {
            const qs = new URLSearchParams(query).toString().slice(0, 8000);
            const req = new Request(`http://localhost${path}?${qs}`, { headers: { Cookie: cookieHeader } });
            const res = await invoke(mod.loader!, req, params);
            expect(res.status, `${file} ?${qs.slice(0, 200)}`).toBeLessThan(500);
            await expectRefusalHasMessage(res);
          },
        ),
        { numRuns: 15 },
      );
    }
  }, 120_000);
});
