// Bulk letters of an employer incident, below the browser: every empty cell gets one letter checked like a
// hand-made one; the emails go out through the outbox to a real SMTP server on 127.0.0.1 and the summary adds
// up to the items and the messages received; a worker stopped between chunks, or a process killed with SIGKILL
// mid-way, leaves no duplicate letter or outbox row; other workspaces and viewers cannot touch a job.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkJobs, letters, memberships, outbox } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import {
  bulkSummary,
  cancelBulkJob,
  getBulkJob,
  jobItems,
  planBulkLetters,
  planBulkSenders,
  runBulkJob,
  startBulkLetters,
} from "~/incidents/bulk.server";
import { emailRecipients, type SeededIncident, seedIncident } from "~/incidents/bulk-fixtures.server";
import type { BulkOptions } from "~/incidents/bulk-forms";
import { reasonText } from "~/incidents/bulk-reasons";
import { importDirectory } from "~/recipients/import.server";
import { renderTemplate } from "~/requests/render/templates.server";
import { processOutboxOnce } from "~/requests/send/outbox.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { decryptLetter, templateOf } from "~/requests/store.server";
import * as bulkRoute from "~/routes/incidents.$incidentId_.bulk";
import * as jobRoute from "~/routes/incidents.$incidentId_.jobs.$jobId";
import { call, get, newAccount, post, status } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let recipientIds: string[];

const OPTIONS: BulkOptions = {
  letter: "suggested",
  lang: "auto",
  channel: "email",
  sender: "representative",
  particularSituation:
    "Our staff list was posted with a call to visit them at home; several were threatened.",
  illegalityExplanation: "The post publishes private home addresses to invite harassment.",
  delistingReason: "",
  authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
};

const sqlite = () => getDb().$client;

/** Items by state, from the items themselves. */
function itemCounts(jobId: string) {
  const out = { pending: 0, queued: 0, generated: 0, skipped: 0, failed: 0 };
  for (const i of jobItems(jobId)) out[i.state] += 1;
  return out;
}

/** The job's counters equal its items' states; every letter belongs to exactly one item. */
function expectConsistent(jobId: string, seeded: SeededIncident) {
  const items = jobItems(jobId);
  const job = sqlite().prepare("SELECT * FROM bulk_jobs WHERE id = ?").get(jobId) as Record<string, number>;
  const counts = itemCounts(jobId);
  expect(counts.pending).toBe(0);
  expect({ queued: job.queued, generated: job.generated, skipped: job.skipped, failed: job.failed }).toEqual({
    queued: counts.queued,
    generated: counts.generated,
    skipped: counts.skipped,
    failed: counts.failed,
  });
  expect(job.total).toBe(items.length);
  const withLetter = items.filter((i) => i.state === "queued" || i.state === "generated");
  expect(withLetter.every((i) => i.letterId)).toBe(true);
  expect(items.filter((i) => i.state === "skipped" || i.state === "failed").every((i) => !i.letterId)).toBe(
    true,
  );
  // Exactly the items' letters exist in the incident's cases: no orphan, no duplicate per cell.
  const caseIds = seeded.people.map((p) => p.caseId);
  const rows = getDb()
    .select({
      id: letters.id,
      caseId: letters.caseId,
      recipientId: letters.recipientId,
      status: letters.status,
    })
    .from(letters)
    .where(inArray(letters.caseId, caseIds))
    .all();
  expect(rows.map((r) => r.id).sort()).toEqual(withLetter.map((i) => i.letterId!).sort());
  expect(new Set(rows.map((r) => `${r.caseId}|${r.recipientId}`)).size).toBe(rows.length);
  // One outbox row per emailed letter, none for the others.
  const boxes = getDb()
    .select({ letterId: outbox.letterId })
    .from(outbox)
    .where(
      inArray(
        outbox.letterId,
        rows.map((r) => r.id),
      ),
    )
    .all();
  expect(boxes.map((b) => b.letterId).sort()).toEqual(
    items
      .filter((i) => i.state === "queued")
      .map((i) => i.letterId!)
      .sort(),
  );
  return { items, counts };
}

async function drainOutbox() {
  for (let i = 0; i < 50; i++) {
    const done = await processOutboxOnce({ limit: 200 });
    if (!done.length) return;
  }
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Security Team");
  smtp = await startSmtpServer();
  saveSmtpSettings(owner.scope, {
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    user: "security",
    password: "app-password-1",
    from: "Security Team <security@employer.example>",
    replyTo: "",
  });
  // Four recipients reached by email and one (X) that takes no email: its letters are left for the user.
  recipientIds = [...emailRecipients(4), "curated:x"];
});

afterAll(async () => {
  await smtp.close();
});

describe("bulk letters for an incident", () => {
  it("writes one checked letter per empty cell, sends the emails, and the summary matches the mail received", async () => {
    // 20 people × 5 recipients; two people have no signed letter of authority.
    const seeded = await seedIncident(owner.scope, {
      people: 20,
      recipientIds,
      mandates: "file",
      withoutMandate: (i) => i < 2,
      tag: "Smtp",
    });
    // Before the run: the two people without a letter of authority are not offered (5 cells each).
    const plan = planBulkLetters(owner.scope, seeded.incidentId, OPTIONS);
    expect(plan.cells).toBe(100);
    expect(plan.notOffered.find((r) => r.reason === "no_mandate")?.count).toBe(10);
    const res = await call(
      bulkRoute.action,
      post(`/incidents/${seeded.incidentId}/bulk`, { intent: "start", ...OPTIONS }, owner.cookie),
      { incidentId: seeded.incidentId },
    );
    expect(status(res)).toBe(302);
    const jobId = /\/jobs\/([^/]+)$/.exec((res as Response).headers.get("location")!)![1]!;
    expect(getBulkJob(owner.scope, seeded.incidentId, jobId).total).toBe(plan.email + plan.documents);

    expect(await runBulkJob(jobId, { budgetMs: 5 })).toBe("done");
    const { items, counts } = expectConsistent(jobId, seeded);
    expect(counts.queued).toBeGreaterThan(0);
    // The run writes exactly what the plan said: nothing offered is skipped.
    expect(items.filter((i) => i.reason === "no_mandate")).toHaveLength(0);
    expect(counts.queued).toBe(plan.email);
    expect(counts.generated).toBe(plan.documents);
    expect(counts.skipped + counts.failed).toBe(0);

    // A queued letter is exactly what sendLetter makes: frozen, status queued, with its outbox row.
    const first = items.find((i) => i.state === "queued")!;
    const row = getDb().select().from(letters).where(eq(letters.id, first.letterId!)).get()!;
    expect(row.status).toBe("queued");
    expect(row.frozenAt).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain("Smtp Person");

    // Every letter is exactly what the renderer makes of its own stored variables (the per-shape cache is exact).
    for (const item of items.filter((i) => i.letterId)) {
      const letter = decryptLetter(
        getDb().select().from(letters).where(eq(letters.id, item.letterId!)).get()!,
      );
      const again = renderTemplate(templateOf(letter)!, letter.variables);
      expect(letter.body).toBe(again.body);
      expect(letter.subject).toBe(again.subject);
      expect(letter.body).toContain(letter.reference);
      expect(letter.variables.representative?.mandateDate).toBe("2026-11-02");
    }

    await drainOutbox();
    const summary = bulkSummary(owner.scope, seeded.incidentId, jobId);
    const refs = new Set(
      getDb()
        .select({ reference: letters.reference })
        .from(letters)
        .where(
          inArray(
            letters.id,
            items.filter((i) => i.state === "queued").map((i) => i.letterId!),
          ),
        )
        .all()
        .map((r) => r.reference),
    );
    const received = smtp.received.filter((m) => refs.has(String(m.headers.get("x-retract-reference"))));
    expect(summary.email).toEqual({ sent: counts.queued, waiting: 0, failed: 0 });
    expect(received).toHaveLength(counts.queued);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(counts.queued);
    // A representative's letter carries the signed letter of authority.
    expect(received[0]!.attachments.map((a) => a.contentType)).toContain("application/pdf");
    expect(summary.generated).toBe(counts.generated);
    expect(summary.skipped.reduce((a, r) => a + r.count, 0)).toBe(counts.skipped);
    expect(summary.failed.reduce((a, r) => a + r.count, 0)).toBe(counts.failed);

    // The page shows the same summary; a second start has nothing left to write except the skipped cells.
    const page = (await call(
      jobRoute.loader,
      get(`/incidents/${seeded.incidentId}/jobs/${jobId}`, owner.cookie),
      {
        incidentId: seeded.incidentId,
        jobId,
      },
    )) as { summary: { email: { sent: number }; skippedTotal: number } };
    expect(page.summary.email.sent).toBe(counts.queued);
    expect(page.summary.skippedTotal).toBe(counts.skipped);
  }, 120_000);

  it("resumes after the worker stops between chunks, without a duplicate letter or outbox row", async () => {
    const seeded = await seedIncident(owner.scope, {
      people: 10,
      recipientIds,
      mandates: "row",
      tag: "Resume",
    });
    const jobId = startBulkLetters(owner.scope, seeded.incidentId, { ...OPTIONS, channel: "documents" });
    expect(await runBulkJob(jobId, { budgetMs: 1, maxChunks: 2 })).toBe("stopped");
    const mid = itemCounts(jobId);
    expect(mid.pending).toBeGreaterThan(0);
    expect(mid.pending).toBeLessThan(50);
    expect(getDb().select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).get()!.state).toBe("queued");
    // A new worker (as after a restart) takes the job back and finishes it.
    expect(await runBulkJob(jobId, { budgetMs: 1 })).toBe("done");
    const { counts } = expectConsistent(jobId, seeded);
    expect(counts.queued).toBe(0); // documents only: nothing emailed
    expect(counts.generated).toBeGreaterThan(0);
    // Running it again writes nothing more.
    expect(await runBulkJob(jobId)).toBe("busy");
    expectConsistent(jobId, seeded);
  }, 60_000);

  it("a job of 3,000 people killed with SIGKILL mid-run resumes after a restart, and the SMTP server gets every letter exactly once", async () => {
    const PEOPLE = 3000;
    const seeded = await seedIncident(owner.scope, {
      people: PEOPLE,
      recipientIds: emailRecipients(1),
      mandates: "none",
      tag: "Crash",
    });
    const options: BulkOptions = { ...OPTIONS, sender: "self", channel: "email" };
    const plan = planBulkLetters(owner.scope, seeded.incidentId, options);
    expect(plan.email, JSON.stringify(plan.notOffered)).toBe(PEOPLE);
    const jobId = startBulkLetters(owner.scope, seeded.incidentId, options);
    const script = resolve("tests/integration/bulk-letters-child.ts");
    const env = { ...process.env, RETRACT_DATA_DIR: getEnv().dataDir, NODE_ENV: "test" as const };
    const written = sqlite().prepare(
      "SELECT count(*) AS n FROM bulk_job_items WHERE job_id = ? AND state != 'pending'",
    );
    const done = () => (written.get(jobId) as { n: number }).n;

    // The child runs the job at full speed; it is killed once the database shows some of it written
    // (observed progress, not a sleep).
    const child = spawn(process.execPath, ["--import", "tsx", script, `--job=${jobId}`], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
    });
    child.stderr!.on("data", (d) => {
      out += String(d);
    });
    const exited = new Promise<NodeJS.Signals | null>((ok) => child.on("exit", (_c, signal) => ok(signal)));
    const poll = setInterval(() => {
      if (done() >= PEOPLE / 20) child.kill("SIGKILL");
    }, 5);
    const signal = await exited;
    clearInterval(poll);
    expect(signal, `the job ended before it could be killed:\n${out}`).toBe("SIGKILL");
    const atKill = done();
    expect(atKill, "killed before any letter was written").toBeGreaterThan(0);
    expect(atKill, "killed after the last letter").toBeLessThan(PEOPLE);
    console.log(`[bulk crash test] killed with ${atKill} of ${PEOPLE} items written`);
    expect(getDb().select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).get()!.state).toBe("running");

    // A restarted process takes the job over (its runner is gone) and finishes it.
    const again = spawnSync(process.execPath, ["--import", "tsx", script, `--job=${jobId}`], {
      env,
      encoding: "utf8",
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("result done");
    const { items, counts } = expectConsistent(jobId, seeded);
    expect(counts.queued).toBe(PEOPLE);

    // The outbox sends them all: each letter reaches the SMTP server once, none twice, none lost.
    await drainOutbox();
    const refs = new Set(
      getDb()
        .select({ reference: letters.reference })
        .from(letters)
        .where(
          inArray(
            letters.caseId,
            seeded.people.map((p) => p.caseId),
          ),
        )
        .all()
        .map((r) => r.reference),
    );
    expect(refs.size).toBe(items.length);
    const received = smtp.received.filter((m) => refs.has(String(m.headers.get("x-retract-reference"))));
    expect(received).toHaveLength(PEOPLE);
    expect(new Set(received.map((m) => String(m.headers.get("x-retract-reference")))).size).toBe(PEOPLE);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(PEOPLE);
  }, 180_000);

  it("counts before the run what each choice of sender writes, starts on the one that writes most, and the run matches the count", async () => {
    // 10 people × 5 recipients; only three have a signed letter of authority.
    const seeded = await seedIncident(owner.scope, {
      people: 10,
      recipientIds,
      mandates: "row",
      withoutMandate: (i) => i >= 3,
      tag: "Choice",
    });
    const params = { incidentId: seeded.incidentId };
    const page = (await call(
      bulkRoute.loader,
      get(`/incidents/${seeded.incidentId}/bulk`, owner.cookie),
      params,
    )) as {
      defaultSender: string;
      plans: Record<"self" | "representative", ReturnType<typeof planBulkLetters>>;
    };
    const written = (p: ReturnType<typeof planBulkLetters>) => p.email + p.documents;
    expect(page.plans.self.cells).toBe(50);
    // Before the texts are written, the counts say what is still missing, in the run's own reasons.
    const reasons = (p: ReturnType<typeof planBulkLetters>) => p.notOffered.map((r) => r.reason);
    expect(reasons(page.plans.self)).toContain("missing:particularSituation");
    expect(reasons(page.plans.self)).not.toContain("no_mandate");
    expect(page.plans.representative.notOffered.find((r) => r.reason === "no_mandate")?.count).toBe(35);
    expect(page.defaultSender).toBe("self");
    // The form's texts are filled in and counted again (the form posts; no JavaScript needed).
    const preview = (await call(
      bulkRoute.action,
      post(`/incidents/${seeded.incidentId}/bulk`, { ...OPTIONS, intent: "preview" }, owner.cookie),
      params,
    )) as Response;
    expect(status(preview)).toBe(200);
    const counted = (await preview.json()) as {
      plans: Record<"self" | "representative", ReturnType<typeof planBulkLetters>>;
      values: Record<string, string>;
    };
    expect(counted.values.particularSituation).toBe(OPTIONS.particularSituation);
    const rep = counted.plans.representative;
    expect(written(counted.plans.self)).toBeGreaterThan(written(rep));
    // Seven people without a letter of authority: their 35 cells are not offered as their representative.
    expect(rep.notOffered.find((r) => r.reason === "no_mandate")?.count).toBe(35);
    expect(written(rep) + rep.notOffered.reduce((a, r) => a + r.count, 0)).toBe(50);
    expect(written(rep)).toBeGreaterThan(0);
    expect(written(rep)).toBeLessThanOrEqual(15);
    expect(planBulkSenders(owner.scope, seeded.incidentId, OPTIONS).byChoice).toEqual(counted.plans);

    // Each choice, run, writes exactly the letters its count said (the same rules, not a copy of them).
    const jobId = startBulkLetters(owner.scope, seeded.incidentId, {
      ...OPTIONS,
      sender: "representative",
      channel: "email",
    });
    expect(await runBulkJob(jobId, { budgetMs: 5 })).toBe("done");
    const { counts } = expectConsistent(jobId, seeded);
    expect({ email: counts.queued, documents: counts.generated }).toEqual({
      email: rep.email,
      documents: rep.documents,
    });
    expect(counts.skipped + counts.failed).toBe(0);
    const self = planBulkLetters(owner.scope, seeded.incidentId, { ...OPTIONS, sender: "self" });
    expect(self.cells).toBe(50 - counts.queued - counts.generated);
    const second = startBulkLetters(owner.scope, seeded.incidentId, { ...OPTIONS, sender: "self" });
    expect(await runBulkJob(second, { budgetMs: 5 })).toBe("done");
    const after = itemCounts(second);
    expect({ email: after.queued, documents: after.generated }).toEqual({
      email: self.email,
      documents: self.documents,
    });
    expect(after.skipped + after.failed).toBe(0);
  }, 120_000);

  it("offers no cell whose authority cannot be named: a person in a country with many data protection authorities", async () => {
    // Germany has one data protection authority per state in the directory: Retract cannot pick one.
    const seeded = await seedIncident(owner.scope, {
      people: 6,
      recipientIds,
      mandates: "row",
      country: "DE",
      tag: "Authority",
    });
    const options = { ...OPTIONS, sender: "self" as const, authorityName: "" };
    const plan = planBulkLetters(owner.scope, seeded.incidentId, options);
    const authority = plan.notOffered.find((r) => r.reason.startsWith("missing:authority"));
    expect(authority?.count, JSON.stringify(plan)).toBeGreaterThan(0);
    expect(reasonText(authority!.reason)).toBe(
      "A required detail is missing: the data protection authority to escalate to.",
    );
    // The run has only the offered cells: none is skipped at run time for a missing authority. With no Land
    // recorded for anyone, no GDPR cell is offered, and the job is refused up front with the reason.
    if (plan.email + plan.documents === 0) {
      expect(() => startBulkLetters(owner.scope, seeded.incidentId, options)).toThrow(
        /the data protection authority to escalate to/,
      );
    } else {
      const jobId = startBulkLetters(owner.scope, seeded.incidentId, options);
      expect(getBulkJob(owner.scope, seeded.incidentId, jobId).total).toBe(plan.email + plan.documents);
      expect(await runBulkJob(jobId, { budgetMs: 5 })).toBe("done");
      const { items, counts } = expectConsistent(jobId, seeded);
      expect(items.some((i) => i.reason?.startsWith("missing:"))).toBe(false);
      expect(counts.skipped + counts.failed).toBe(0);
    }
    // Naming the authority in the form offers the remaining cells, and they are written.
    const named = planBulkLetters(owner.scope, seeded.incidentId, OPTIONS);
    expect(named.notOffered.find((r) => r.reason.startsWith("missing:authority"))).toBeUndefined();
    expect(named.email + named.documents).toBe(authority!.count);
    const rest = startBulkLetters(owner.scope, seeded.incidentId, OPTIONS);
    expect(await runBulkJob(rest, { budgetMs: 5 })).toBe("done");
    expect(itemCounts(rest).skipped + itemCounts(rest).failed).toBe(0);
  }, 60_000);

  it("is invisible to other workspaces, closed to viewers, and cancellable", async () => {
    const seeded = await seedIncident(owner.scope, {
      people: 3,
      recipientIds,
      mandates: "row",
      tag: "Scope",
    });
    const jobId = startBulkLetters(owner.scope, seeded.incidentId, { ...OPTIONS, channel: "documents" });
    const params = { incidentId: seeded.incidentId, jobId };
    const stranger = await newAccount("Stranger");
    expect(
      status(
        await call(bulkRoute.loader, get(`/incidents/${seeded.incidentId}/bulk`, stranger.cookie), params),
      ),
    ).toBe(404);
    expect(
      status(
        await call(
          bulkRoute.action,
          post(`/incidents/${seeded.incidentId}/bulk`, { intent: "start" }, stranger.cookie),
          params,
        ),
      ),
    ).toBe(404);
    expect(
      status(await call(jobRoute.loader, get(`/incidents/x/jobs/${jobId}`, stranger.cookie), params)),
    ).toBe(404);
    expect(
      status(await call(jobRoute.action, post("/", { intent: "cancel" }, stranger.cookie), params)),
    ).toBe(404);
    expect(() => getBulkJob(stranger.scope, seeded.incidentId, jobId)).toThrow();

    // A viewer of the owner's workspace sees the run but can neither start nor cancel one.
    const viewer = await createUser({
      email: `viewer-${Date.now()}@example.test`,
      name: "Viewer",
      password: "correct horse battery staple",
    });
    getDb()
      .insert(memberships)
      .values({ workspaceId: owner.workspaceId, userId: viewer.id, role: "viewer" })
      .run();
    const viewerCookie = (await createSession({ userId: viewer.id, workspaceId: owner.workspaceId })).split(
      ";",
    )[0]!;
    expect(status(await call(jobRoute.loader, get("/", viewerCookie), params))).toBe(200);
    expect(
      status(await call(bulkRoute.action, post("/", { intent: "start", ...OPTIONS }, viewerCookie), params)),
    ).toBe(403);
    expect(status(await call(jobRoute.action, post("/", { intent: "cancel" }, viewerCookie), params))).toBe(
      403,
    );

    // The owner cancels: nothing more is written, and the remaining cells say why.
    expect(cancelBulkJob(owner.scope, seeded.incidentId, jobId)).toBe(true);
    expect(await runBulkJob(jobId)).toBe("busy");
    const { counts, items } = expectConsistent(jobId, seeded);
    expect(counts.skipped).toBe(items.length);
    expect(items.every((i) => i.reason === "cancelled")).toBe(true);
  }, 60_000);
});
