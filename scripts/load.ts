// `npm run load`: 50 users browse the main pages for 60 s (autocannon) and the run reports throughput, latency
// and errors; it fails if any request errors or answers other than 2xx. Not part of `npm test`.
//
// Without LOAD_URL it starts its own production server on a fresh temporary data folder, creates the users
// and a case for each in the database, then logs each one in over HTTP like a browser would.
// Settings: LOAD_USERS (50), LOAD_SECONDS (60), LOAD_PORT (3290), LOAD_URL (use a running server instead;
// then LOAD_EMAIL_PREFIX and LOAD_PASSWORD name existing accounts loadN@<prefix>).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";

const USERS = Number(process.env.LOAD_USERS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const PORT = Number(process.env.LOAD_PORT ?? 3290);
const PASSWORD = process.env.LOAD_PASSWORD ?? "load test passphrase 1234";

let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

async function startServer() {
  dataDir = mkdtempSync(join(tmpdir(), "retract-load-"));
  Object.assign(process.env, {
    RETRACT_DATA_DIR: dataDir,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    RETRACT_LOG_MAIL: "false",
    RETRACT_DISABLE_JOBS: "true",
  });
  server = spawn(process.execPath, ["--import", "tsx", resolve("scripts/start.ts")], {
    env: process.env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://localhost:${PORT}`;
  await waitFor(`${base}/login`, 180_000);
  return base;
}

/** Accounts with one case each, made directly in the database the server uses. */
async function seedUsers() {
  const { createUser } = await import("~/auth/users.server");
  const { createSubject } = await import("~/subjects/subjects.server");
  const { createCase } = await import("~/cases/cases.server");
  const users: { email: string; caseId: string; subjectId: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `load${i}@example.test`;
    const { id, workspaceId } = await createUser({ email, name: `Load ${i}`, password: PASSWORD });
    const scope = { userId: id, workspaceId, role: "owner" as const };
    const subjectId = createSubject(scope, {
      name: `Person ${i}`,
      aliases: [],
      emails: [`person${i}@example.test`],
      phones: [],
      addresses: [],
      usernames: [],
      country: "GB",
      notes: "",
    });
    users.push({ email, subjectId, caseId: createCase(scope, { subjectId, title: `Case ${i}` }) });
  }
  return users;
}

async function logIn(base: string, email: string) {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
    headers: { "Sec-Fetch-Site": "same-origin", "User-Agent": "retract-load" },
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`Log-in of ${email} failed with ${res.status}`);
  return cookie;
}

async function main() {
  const base = process.env.LOAD_URL ?? (await startServer());
  const users = process.env.LOAD_URL
    ? Array.from({ length: USERS }, (_, i) => ({
        email: `load${i}@${process.env.LOAD_EMAIL_PREFIX ?? "example.test"}`,
        caseId: "",
        subjectId: "",
      }))
    : await seedUsers();
  const t0 = performance.now();
  const sessions = await Promise.all(users.map(async (u) => ({ ...u, cookie: await logIn(base, u.email) })));
  console.log(`${sessions.length} users logged in over HTTP in ${Math.round(performance.now() - t0)} ms.`);

  let next = 0;
  type Ctx = { user?: (typeof sessions)[number] };
  const page = (path: (u: (typeof sessions)[number]) => string) => ({
    method: "GET" as const,
    setupRequest: (req: { path?: string; headers?: Record<string, string> }, context: Ctx) => {
      context.user ??= sessions[next++ % sessions.length]!;
      const u = context.user;
      return { ...req, path: path(u), headers: { ...req.headers, cookie: u.cookie } };
    },
  });
  const result = await autocannon({
    url: base,
    connections: USERS,
    duration: SECONDS,
    requests: [
      page(() => "/"),
      page((u) => (u.caseId ? `/cases/${u.caseId}` : "/")),
      page((u) => (u.subjectId ? `/subjects/${u.subjectId}` : "/account")),
      page(() => "/directory?q=google"),
      page(() => "/deadlines"),
      page(() => "/account"),
    ] as autocannon.Request[],
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    [
      "",
      `Load: ${USERS} users for ${SECONDS} s against ${base}`,
      `  requests   ${result.requests.total} (${result.requests.average} req/s average, ${result.requests.max} max)`,
      `  latency    p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `  throughput ${(result.throughput.average / 1024 / 1024).toFixed(2)} MB/s`,
      `  errors     ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
      `  status     ${JSON.stringify({ "2xx": result["2xx"], "3xx": result["3xx"], "4xx": result["4xx"], "5xx": result["5xx"] })}`,
    ].join("\n"),
  );
  return errors === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
} finally {
  server?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
