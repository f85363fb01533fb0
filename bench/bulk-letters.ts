// `npx tsx bench/bulk-letters.ts [--people 500] [--recipients 50] [--json]`: the bulk letters of an employer
// incident at full size (500 people × 50 recipients = 25,000 cells) in a throw-away data folder. Times the
// snapshot (start) and the worker's run (render, check, encrypt, store, queue), and, in the same run, the p95
// latency of a simple page served over HTTP by this same process — idle, then while the job runs — as a ratio:
// the worker yields between chunks, so the app keeps answering. bench/run.ts runs it as a child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    people: { type: "string", default: "500" },
    recipients: { type: "string", default: "50" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const PEOPLE = Number(args.people);
const RECIPIENTS = Number(args.recipients);
const dataDir = mkdtempSync(join(tmpdir(), "retract-bench-bulk-"));
process.env.RETRACT_DATA_DIR = dataDir;
process.env.NODE_ENV = "test"; // migrates the fresh database and creates its keys on first use
process.env.RETRACT_DISABLE_JOBS = "true";

const log = (line: string) => console.error(line);
const { getDb } = await import("~/db.server");
const { importDirectory } = await import("~/recipients/import.server");
const { createUser } = await import("~/auth/users.server");
const { createOrganisation } = await import("~/workspaces/workspaces.server");
const { saveSmtpSettings } = await import("~/requests/send/smtp-settings.server");
const { emailRecipients, seedIncident } = await import("~/incidents/bulk-fixtures.server");
const { startBulkLetters, runBulkJob, jobItems } = await import("~/incidents/bulk.server");
const login = await import("~/routes/login");
const { audit } = await import("~/audit/audit.server");

importDirectory(getDb());
const user = await createUser({
  email: "bench-bulk@example.test",
  name: "Bench Security Team",
  password: "correct horse battery staple",
});
const workspaceId = createOrganisation(user.id, "Bench Employer").id;
const scope = { userId: user.id, workspaceId, role: "owner" as const };
saveSmtpSettings(scope, {
  host: "127.0.0.1",
  port: 9,
  secure: false,
  user: "",
  password: "",
  from: "Security <security@employer.example>",
  replyTo: "",
});
const recipientIds = emailRecipients(RECIPIENTS);
if (recipientIds.length < RECIPIENTS) throw new Error(`only ${recipientIds.length} recipients with email`);
let t = performance.now();
const seeded = await seedIncident(scope, {
  people: PEOPLE,
  recipientIds,
  mandates: "row",
  tag: "Bench",
});
log(`seeded ${PEOPLE} people × ${RECIPIENTS} recipients in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// A simple page: the log-in route's loader, served over HTTP by this process (the one running the job). It
// also logs one read, as every page showing a person does: the job's writer thread holds the write lock
// while it stores a batch, so this counts the wait for the lock too.
const server = createServer((req, res) => {
  const request = new Request(`http://localhost${req.url ?? "/"}`, { headers: { accept: "text/html" } });
  audit({
    action: "subject.read",
    actorUserId: user.id,
    workspaceId,
    targetType: "subject",
    targetId: "bench",
  });
  Promise.resolve(
    login.loader({ request, params: {}, context: { cspNonce: "bench", clientIp: "127.0.0.1" } }),
  )
    .then((data) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(data ?? null));
    })
    .catch(() => {
      res.writeHead(500);
      res.end();
    });
});
await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/login`;

// The client runs in its own process (as a browser would): an in-process client would wait for the job's
// chunks on its own side too and measure its own event loop rather than the server's.
const CLIENT = `
const url = process.argv[1]; const times = []; let stop = false;
process.stdin.on("data", () => {}); process.stdin.on("end", () => { stop = true; });
(async () => {
  while (!stop) {
    const s = performance.now();
    const r = await fetch(url); await r.arrayBuffer();
    times.push(performance.now() - s);
    await new Promise((ok) => setTimeout(ok, 20));
  }
  process.stdout.write(JSON.stringify(times));
})();`;

/** Requests the page one after another (20 ms apart) from a child process until stopped; latencies in ms. */
function sample() {
  const child = spawn(process.execPath, ["-e", CLIENT, url], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<void>((ok) => child.on("exit", () => ok()));
  return {
    stop: async () => {
      child.stdin!.end();
      await exited;
      return JSON.parse(out || "[]") as number[];
    },
  };
}
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(0.95 * s.length))] ?? 0) * 10) / 10;
};

const idle = sample();
await new Promise((ok) => setTimeout(ok, 4000));
const idleTimes = await idle.stop();

const busy = sample();
const load1 = loadavg()[0]!;
t = performance.now();
const snapshotCpu0 = process.cpuUsage();
const jobId = startBulkLetters(scope, seeded.incidentId, {
  letter: "suggested",
  lang: "auto",
  channel: "email",
  sender: "representative",
  particularSituation:
    "Our staff list was posted with a call to visit people at home; several were threatened.",
  illegalityExplanation: "The post publishes private home addresses to invite harassment.",
  delistingReason: "The results show a private person's home address next to a call to harass them.",
  authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
});
const snapshotMs = performance.now() - t;
const snapshotCpu = process.cpuUsage(snapshotCpu0);
t = performance.now();
const cpu0 = process.cpuUsage();
let chunks = 0;
const result = await runBulkJob(jobId, { onChunk: () => chunks++ });
const runMs = performance.now() - t;
// CPU time of this process during the run: on a shared machine the wall time also counts other processes'.
const cpu = process.cpuUsage(cpu0);
const busyTimes = await busy.stop();
server.close();

const counts = { queued: 0, generated: 0, skipped: 0, failed: 0, pending: 0 };
const reasons: Record<string, number> = {};
for (const i of jobItems(jobId)) {
  counts[i.state] += 1;
  if (i.reason) reasons[i.reason] = (reasons[i.reason] ?? 0) + 1;
}
const letters = counts.queued + counts.generated;
const out = {
  machine: { cpus: cpus().length, loadAverageAtStart: Math.round(load1 * 10) / 10, node: process.version },
  people: PEOPLE,
  recipients: RECIPIENTS,
  items: jobItems(jobId).length,
  result,
  ...counts,
  reasons,
  snapshotMs: Math.round(snapshotMs),
  runMs: Math.round(runMs),
  totalSeconds: Math.round((snapshotMs + runMs) / 100) / 10,
  // CPU seconds of this process (all its threads) in the snapshot and the run: on a shared machine the wall
  // times above also count the other processes'; these do not.
  snapshotCpuSeconds: Math.round((snapshotCpu.user + snapshotCpu.system) / 100_000) / 10,
  runCpuSeconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
  lettersPerSecond: Math.round(letters / ((snapshotMs + runMs) / 1000)),
  chunks,
  page: {
    idleP95Ms: p95(idleTimes),
    busyP95Ms: p95(busyTimes),
    ratio: Math.round((p95(busyTimes) / Math.max(0.1, p95(idleTimes))) * 10) / 10,
    idleRequests: idleTimes.length,
    busyRequests: busyTimes.length,
  },
};
if (!args.keep) rmSync(dataDir, { recursive: true, force: true });
if (args.json) console.log(JSON.stringify(out));
else console.log(JSON.stringify(out, null, 2));
process.exit(0);
