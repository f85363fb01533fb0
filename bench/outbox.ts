// `npx tsx bench/outbox.ts [--letters 2000] [--json]`: the outbox's send rate. Writes and sends (queues) N
// emailed letters with the app's own letter code in a throw-away data folder, then times the outbox worker
// (drainOutbox, what the background job runs) delivering them all to a real SMTP server (smtp-server) on
// 127.0.0.1, running in its own process so receiving does not share the worker's event loop. For comparison it
// also times a quarter as many letters sent the old way, one SMTP connection per letter.
// bench/run.ts runs it as a child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { SmtpSettings } from "~/requests/send/smtp-settings.server";

const { values: args } = parseArgs({
  options: {
    letters: { type: "string", default: "2000" },
    json: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(args.letters);
const N_UNPOOLED = Math.max(20, Math.round(N / 4));
const PER_CASE = 100;
const dataDir = mkdtempSync(join(tmpdir(), "retract-bench-outbox-"));
process.env.RETRACT_DATA_DIR = dataDir;
process.env.NODE_ENV = "test"; // migrates the fresh database and creates its keys on first use
process.env.RETRACT_DISABLE_JOBS = "true";
// The receiving server below speaks plain SMTP on loopback, which the operator must allow explicitly (decision 066).
process.env.RETRACT_MAIL_PLAIN_LOOPBACK = "true";

const log = (line: string) => console.error(line);
const { eq, sql } = await import("drizzle-orm");
const { outbox } = await import("#db/schema");
const { getDb } = await import("~/db.server");
const { importDirectory } = await import("~/recipients/import.server");
const { createUser } = await import("~/auth/users.server");
const { createSubject, SubjectFieldsSchema } = await import("~/subjects/subjects.server");
const { createCase } = await import("~/cases/cases.server");
const { createExposure } = await import("~/exposures/exposures.server");
const { normaliseUrl } = await import("~/exposures/url");
const { LetterDetailsSchema } = await import("~/requests/compose/forms.server");
const { sendLetter, writeLetter } = await import("~/requests/store.server");
const { saveSmtpSettings, transportFor } = await import("~/requests/send/smtp-settings.server");
const { drainOutbox, processOutboxOnce, Transports } = await import("~/requests/send/outbox.server");

// The receiving server: smtp-server in a child process, accepting (and reading to the end) every message.
const RECEIVER = `
const { SMTPServer } = require("smtp-server");
let count = 0;
const server = new SMTPServer({
  secure: false, disabledCommands: ["STARTTLS"], authOptional: true, allowInsecureAuth: true, logger: false,
  size: 10 * 1024 * 1024,
  onAuth(auth, _s, cb) { cb(null, { user: auth.username }); },
  onData(stream, _s, cb) { stream.on("data", () => {}); stream.on("end", () => { count++; cb(); }); },
});
server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.server.address().port }) + "\\n"));
process.stdin.on("data", () => process.stdout.write(JSON.stringify({ count }) + "\\n"));
process.stdin.on("end", () => server.close(() => process.exit(0)));`;
const receiver = spawn(process.execPath, ["-e", RECEIVER], { stdio: ["pipe", "pipe", "inherit"] });
const lines: string[] = [];
const waiters: ((line: string) => void)[] = [];
let buf = "";
receiver.stdout!.on("data", (d) => {
  buf += String(d);
  for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    const w = waiters.shift();
    if (w) w(line);
    else lines.push(line);
  }
});
const nextLine = () =>
  new Promise<string>((ok) => {
    const l = lines.shift();
    if (l !== undefined) ok(l);
    else waiters.push(ok);
  });
const { port } = JSON.parse(await nextLine()) as { port: number };
const received = async () => {
  receiver.stdin!.write("?\n");
  return (JSON.parse(await nextLine()) as { count: number }).count;
};

importDirectory(getDb());
const { id: userId, workspaceId } = await createUser({
  email: "bench-outbox@example.test",
  name: "Bench Outbox",
  password: "correct horse battery staple",
});
const scope = { userId, workspaceId, role: "owner" as const };
saveSmtpSettings(scope, {
  host: "127.0.0.1",
  port,
  secure: false,
  user: "robin",
  password: "app-password-1",
  from: "Robin Example <robin@example.test>",
  replyTo: "replies@example.test",
});

/** Writes and sends (queues) `count` letters, each about one exposure, PER_CASE letters to a case. */
function queueLetters(count: number, tag: string) {
  const subjectId = createSubject(
    scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE", emails: "robin@example.test" }),
  );
  let caseId = "";
  for (let i = 0; i < count; i++) {
    if (i % PER_CASE === 0) caseId = createCase(scope, { subjectId, title: `Telegram posts ${tag} ${i}` });
    const n = normaliseUrl(`https://t.me/leakchannel${tag}/${i}`);
    if (!n.ok) throw new Error("bad url");
    const exposureId = createExposure(scope, caseId, {
      url: n.value,
      exposed: ["home_address", "phone"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const id = writeLetter(
      scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [exposureId],
        option: "gdpr-erasure/gdpr",
        lang: "en",
        destination: "email|abuse@telegram.org",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        particularSituation: "Strangers have come to my door since the address was posted.",
        authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
        attachmentIds: [],
      }),
    );
    sendLetter(scope, caseId, id);
  }
}
const pending = () =>
  getDb().select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.state, "pending")).get()!.n;

let t = performance.now();
queueLetters(N, "a");
const queueMs = performance.now() - t;
log(`queued ${N} letters in ${(queueMs / 1000).toFixed(1)} s (${pending()} pending)`);

// Pooled, as the background job sends them.
const load1 = loadavg()[0]!;
const before = await received();
t = performance.now();
const cpu0 = process.cpuUsage();
const handled = await drainOutbox();
const pooledMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const pooledReceived = (await received()) - before;
const notSent = getDb()
  .select({ n: sql<number>`count(*)` })
  .from(outbox)
  .where(sql`${outbox.state} != 'sent'`)
  .get()!.n;
log(`pooled: ${handled} handled, ${pooledReceived} received in ${(pooledMs / 1000).toFixed(1)} s`);

// The previous way: a new connection (connect, greet, log in) for every letter.
class OneConnectionPerLetter extends Transports {
  override get(_workspaceId: string, s: SmtpSettings) {
    return transportFor(s) as unknown as ReturnType<InstanceType<typeof Transports>["get"]>;
  }
}
queueLetters(N_UNPOOLED, "b");
const before2 = await received();
t = performance.now();
const unpooled = new OneConnectionPerLetter();
for (let n = 20; n === 20; ) n = (await processOutboxOnce({ transports: unpooled })).length;
const unpooledMs = performance.now() - t;
const unpooledReceived = (await received()) - before2;
log(`one connection per letter: ${unpooledReceived} received in ${(unpooledMs / 1000).toFixed(1)} s`);

receiver.stdin!.end();
const rate = (n: number, ms: number) => Math.round((n / (ms / 1000)) * 10) / 10;
const out = {
  machine: { cpus: cpus().length, loadAverageAtStart: Math.round(load1 * 10) / 10, node: process.version },
  letters: N,
  queueMs: Math.round(queueMs),
  pooled: true,
  maxConnections: 2,
  sendMs: Math.round(pooledMs),
  handled,
  received: pooledReceived,
  notSent,
  sendRatePerSecond: rate(pooledReceived, pooledMs),
  workerCpuSeconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
  unpooled: {
    letters: N_UNPOOLED,
    sendMs: Math.round(unpooledMs),
    received: unpooledReceived,
    sendRatePerSecond: rate(unpooledReceived, unpooledMs),
  },
};
if (!args.keep) rmSync(dataDir, { recursive: true, force: true });
if (args.json) console.log(JSON.stringify(out));
else console.log(JSON.stringify(out, null, 2));
// A rate measured over letters that never arrived means nothing: say so and fail the bench.
if (pooledReceived !== N || unpooledReceived !== N_UNPOOLED) {
  console.error(
    `✗ only ${pooledReceived} of ${N} (pooled) and ${unpooledReceived} of ${N_UNPOOLED} letters arrived`,
  );
  process.exit(1);
}
process.exit(0);
