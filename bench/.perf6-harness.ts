// Seeds and runs a bulk job without the HTTP part, timing BulkRun's methods (wall ms, exclusive of nothing).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const PEOPLE = Number(process.argv[2] ?? 100);
const RECIPIENTS = Number(process.argv[3] ?? 50);
const dataDir = mkdtempSync(join(tmpdir(), "retract-perf6-"));
process.env.RETRACT_DATA_DIR = dataDir;
process.env.NODE_ENV = "test";
process.env.RETRACT_DISABLE_JOBS = "true";
const { getDb } = await import("~/db.server");
const { importDirectory } = await import("~/recipients/import.server");
const { createUser } = await import("~/auth/users.server");
const { createOrganisation } = await import("~/workspaces/workspaces.server");
const { saveSmtpSettings } = await import("~/outbox/smtp-settings.server");
const { emailRecipients, seedIncident } = await import("~/incidents/bulk-fixtures.server");
const bulk = await import("~/incidents/bulk.server");
const crypto = await import("~/security/crypto.server");
importDirectory(getDb());
const user = await createUser({ email: "h@example.test", name: "Bench Team", password: "correct horse battery staple" });
const workspaceId = createOrganisation(user.id, "Bench Employer").id;
const scope = { userId: user.id, workspaceId, role: "owner" as const };
saveSmtpSettings(scope, { host: "127.0.0.1", port: 9, secure: false, user: "", password: "", from: "Security <security@employer.example>", replyTo: "" });
const seeded = await seedIncident(scope, { people: PEOPLE, recipientIds: emailRecipients(RECIPIENTS), mandates: "row", tag: "Bench" });
const times = new Map<string, number>();
{
  const Db = (await import("better-sqlite3")).default as any;
  const probe = new Db(":memory:");
  const SP = Object.getPrototypeOf(probe.prepare("select 1"));
  for (const m of ["run", "get", "all"]) {
    const o = SP[m];
    SP[m] = function (...a: unknown[]) {
      const t = performance.now();
      try { return o.apply(this, a); } finally { const k = `sql ${String(this.source).replace(/\s+/g, " ").slice(0, 60)}`; times.set(k, (times.get(k) ?? 0) + performance.now() - t); }
    };
  }
}
const P = bulk.BulkRun.prototype as any;
for (const m of ["compose", "chunk", "exposure", "variablesFor", "render", "person", "group", "details", "freshReference", "recipient"]) {
  const orig = P[m];
  if (!orig) { console.error("no", m); continue; }
  P[m] = function (...a: unknown[]) {
    const t = performance.now();
    try {
      const r = orig.apply(this, a);
      if (m === "compose" && r && typeof r === "object" && "write" in r) {
        const w = r.write;
        r.write = () => { const t2 = performance.now(); try { return w(); } finally { times.set("write", (times.get("write") ?? 0) + performance.now() - t2); } };
      }
      return r;
    } finally { times.set(m, (times.get(m) ?? 0) + performance.now() - t); }
  };
}
const jobId = bulk.startBulkLetters(scope, seeded.incidentId, {
  letter: "suggested", lang: "auto", channel: "email", sender: "representative",
  particularSituation: "Our staff list was posted with a call to visit people at home; several were threatened.",
  illegalityExplanation: "The post publishes private home addresses to invite harassment.",
  delistingReason: "The results show a private person's home address next to a call to harass them.",
  authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
});
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let chunks = 0;
const res = await bulk.runBulkJob(jobId, { onChunk: () => chunks++, budgetMs: Number(process.env.BUDGET ?? 25) });
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const items = bulk.jobItems(jobId);
const letters = items.filter((i) => i.state === "queued").length;
console.log(JSON.stringify({ res, items: items.length, letters, chunks, wallMs: Math.round(wall), cpuMs: Math.round((cpu.user + cpu.system) / 1000), perItemUs: Math.round((1000 * (cpu.user + cpu.system) / 1000) / items.length) }));
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1])) console.log(`${k.padEnd(16)} ${v.toFixed(0).padStart(7)} ms  ${(1000 * v / items.length).toFixed(1)} µs/item`);
// encryption microbench at letter sizes
const body = "x".repeat(4100), vars = "y".repeat(1450);
let t = performance.now();
for (let i = 0; i < 2000; i++) { crypto.encrypt("addr@example.com", `letter:${i}:address`); crypto.encrypt("subject line here ok", `letter:${i}:subject`); crypto.encrypt(body, `letter:${i}:body`); crypto.encrypt(body, `letter:${i}:template_body`); crypto.encrypt(vars, `letter:${i}:variables`); }
console.log(`5 encryptions per letter: ${((performance.now() - t) / 2000 * 1000).toFixed(1)} µs`);
if (!process.env.KEEP) rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
