// The job runner across processes on one database file: two runner processes (the server's own runner, every
// handler) share 200 letter sends to a real SMTP server on 127.0.0.1 and each letter arrives exactly once; a
// runner killed with SIGKILL mid-send leaves its job to the other once the lease runs out; SIGTERM stops a
// runner cleanly (exit 0) and hands its unfinished job back, which the next runner sends once.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jobs, letters, outbox } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { SEND_QUEUE } from "~/requests/send/queue.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { getLetter, sendLetter, writeLetter } from "~/requests/store.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { newAccount } from "./helpers";
import { type Refusal, startSmtpServer } from "./smtp-test-server";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let caseId: string;
let exposureIds: string[];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const children: ChildProcess[] = [];

const script = resolve("tests/integration/job-runner-child.ts");

type Runner = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
};

async function startRunner(args: string[] = []): Promise<Runner> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, RETRACT_DATA_DIR: getEnv().dataDir, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  child.stderr!.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) =>
    child.on("exit", (code, signal) => ok({ code, signal })),
  );
  await until(() => out.includes("ready") || child.exitCode !== null, 30_000);
  if (!out.includes("ready")) throw new Error(`the runner did not start:\n${out}`);
  return { child, output: () => out, exited };
}

async function until(what: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

function queueLetters(n: number) {
  const details = LetterDetailsSchema.parse({
    exposureIds,
    option: "gdpr-erasure/gdpr",
    lang: "en",
    destination: "email|abuse@telegram.org",
    requesterName: "Robin Example",
    requesterEmail: "robin@example.test",
    particularSituation: "Strangers have come to my door since the address was posted.",
    authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    attachmentIds: [],
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = writeLetter(owner.scope, caseId, details);
    sendLetter(owner.scope, caseId, id);
    ids.push(id);
  }
  return ids;
}

const states = (ids: string[]) => getDb().select().from(outbox).where(inArray(outbox.letterId, ids)).all();
const reference = (id: string) => getLetter(owner.scope, caseId, id).reference;
const receivedFor = (ref: string) =>
  smtp.received.filter((m) => String(m.headers.get("x-retract-reference")) === ref);
const sendJob = (letterId: string) =>
  getDb()
    .select()
    .from(jobs)
    .where(eq(jobs.key, letterId))
    .all()
    .filter((j) => j.queue === SEND_QUEUE);

/** Holds the next message's DATA until `answer` is called (the sender waits mid-send). */
function holdNext() {
  let answer!: (r: Refusal) => void;
  let held = false;
  const reply = new Promise<Refusal>((ok) => (answer = ok));
  smtp.refuse(() => {
    if (held) return null;
    held = true;
    return reply;
  });
  return { answer, isHeld: () => held };
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE", emails: "robin@example.test" }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Telegram posts" });
  const url = normaliseUrl("https://t.me/leakchannel/101");
  if (!url.ok) throw new Error("url");
  exposureIds = [
    createExposure(owner.scope, caseId, {
      url: url.value,
      exposed: ["home_address"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    }),
  ];
  smtp = await startSmtpServer();
  saveSmtpSettings(owner.scope, {
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    user: "robin",
    password: "app-password-1",
    from: "Robin Example <robin@example.test>",
    replyTo: "",
  });
});

afterEach(() => {
  smtp.refuse(() => null);
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

afterAll(async () => {
  await smtp.close();
});

describe("two runner processes on one database", () => {
  it("send 200 letters between them, each exactly once, and stop on SIGTERM with exit 0", async () => {
    const a = await startRunner();
    const b = await startRunner();
    let t = performance.now();
    const ids = queueLetters(200);
    console.log(`[jobs test] 200 letters written and queued in ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    expect(ids.every((id) => sendJob(id).length === 1)).toBe(true);
    await until(() => states(ids).every((r) => r.state === "sent"), 120_000);
    console.log(`[jobs test] 200 letters sent by two runners in ${Math.round(performance.now() - t)} ms`);
    const refs = ids.map(reference);
    for (const ref of refs) expect(receivedFor(ref), ref).toHaveLength(1);
    const received = smtp.received.filter((m) => refs.includes(String(m.headers.get("x-retract-reference"))));
    expect(received).toHaveLength(200);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(200);
    expect(states(ids).every((r) => r.attempts === 1)).toBe(true);
    // Every send job is done and gone.
    expect(ids.flatMap(sendJob)).toEqual([]);

    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
    expect(a.output()).toContain("stopped");
    expect(b.output()).toContain("stopped");
    // Both runners took a share (each counted the sends it ran); together exactly one per letter.
    const sends = (r: Runner) => JSON.parse(/ran (\{.*\})/.exec(r.output())![1]!)[SEND_QUEUE] as number;
    console.log(`[jobs test] sends by runner: ${sends(a)} and ${sends(b)}`);
    expect(sends(a)).toBeGreaterThan(0);
    expect(sends(b)).toBeGreaterThan(0);
    expect(sends(a) + sends(b)).toBe(200);
  }, 180_000);

  it("a runner killed with SIGKILL mid-send: the other takes the job once its lease runs out, sends it once", async () => {
    const hold = holdNext();
    const a = await startRunner(["--lease=1500"]);
    const [id] = queueLetters(1) as [string];
    await until(() => hold.isHeld());
    const [claimed] = sendJob(id);
    expect(claimed).toMatchObject({ state: "running", attempts: 1 });
    const leaseEnd = claimed!.leaseExpiresAt!.getTime();
    a.child.kill("SIGKILL");
    expect((await a.exited).signal).toBe("SIGKILL");
    // The dead runner's message never completed: the server refuses what it was holding.
    hold.answer({ code: 451, message: "4.4.2 Connection lost" });
    expect(states([id])[0]).toMatchObject({ state: "sending" });

    const b = await startRunner(["--lease=1500"]);
    await until(() => states([id])[0]!.state === "sent", 30_000);
    const [row] = states([id]);
    // Not before the dead runner's lease ran out (its heartbeat stopped with it).
    expect(row!.sentAt!.getTime()).toBeGreaterThanOrEqual(leaseEnd);
    expect(row!.attempts).toBe(2);
    expect(receivedFor(reference(id))).toHaveLength(1);
    expect(sendJob(id)).toEqual([]);
    b.child.kill("SIGTERM");
    expect((await b.exited).code).toBe(0);
  }, 90_000);

  it("SIGTERM mid-send: the runner waits its timeout, hands the job back, exits 0; the next runner sends it once", async () => {
    const hold = holdNext();
    const a = await startRunner(["--stop=500"]);
    const [id] = queueLetters(1) as [string];
    await until(() => hold.isHeld());
    const stoppedAt = Date.now();
    a.child.kill("SIGTERM");
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    // Handed back: pending, no owner, the interrupted attempt given back.
    expect(sendJob(id)).toMatchObject([{ state: "pending", leaseOwner: null, attempts: 0 }]);
    hold.answer({ code: 451, message: "4.4.2 Connection lost" });

    const b = await startRunner();
    await until(() => states([id])[0]!.state === "sent", 30_000);
    expect(receivedFor(reference(id))).toHaveLength(1);
    expect(sendJob(id)).toEqual([]);
    // No letter left behind: the one letter is sent, and no other send job waits.
    expect(getDb().select().from(letters).where(eq(letters.id, id)).get()!.status).toBe("sent");
    b.child.kill("SIGTERM");
    expect((await b.exited).code).toBe(0);
  }, 90_000);
});
