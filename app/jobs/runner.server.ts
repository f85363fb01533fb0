// The one background job runner (decision 084). Every process that runs jobs owns a runner; runners
// share nothing but the jobs table, so several processes on one database each run a job exactly once:
// - claim: one UPDATE … WHERE id = (SELECT … ORDER BY run_at LIMIT 1) RETURNING, atomic under SQLite's write
//   lock (and under Postgres with FOR UPDATE SKIP LOCKED later); it takes a due pending job, or a running one
//   whose lease ran out (its process died), and counts the attempt as it starts;
// - lease: renewed by a heartbeat while the job runs; a graceful stop hands unfinished jobs back at once;
// - retry: a thrown error puts the job back with exponential backoff until its attempts run out (then `failed`);
// - recurring work (mailbox polls, reminders, re-checks, backups) is a keyed job that enqueues its next run when
//   it ends, in the same transaction that removes it.
import { and, eq, sql } from "drizzle-orm";
import { jobs } from "#db/schema";
import { type DB, getDb } from "~/db.server";
import { randomBytes } from "~/utils/random.server";
import { enqueue, type JobPayload } from "./queue.server";

export type JobRow = typeof jobs.$inferSelect;

export type JobContext = {
  job: JobRow;
  payload: JobPayload;
  /** True once the runner is stopping: a long job hands itself back (returns `{ again: true }`). */
  stopping: () => boolean;
};

/** What a handler may return: nothing (done), or run this job again later without counting a failure. */
export type JobResult = { again: true; runAt?: Date } | undefined;

export type JobHandler = {
  queue: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that simply finishes returns nothing.
  run: (ctx: JobContext) => Promise<JobResult | void> | JobResult | void;
  /** At most this many jobs of the queue at once in one process (default 1). */
  concurrency?: number;
  /**
   * Recurring work: the delay before the next run (ms), or null when it is switched off. The runner keeps one
   * keyed job of the queue scheduled; `firstDelayMs` is the delay of the first one a fresh database gets.
   */
  everyMs?: () => number | null;
  firstDelayMs?: number;
  /** Called when the runner finds nothing due (close idle connections) and when it stops. */
  idle?: () => void;
  /** Run at start: enqueue (keyed, so idempotent) the work a previous version or a crash left without a job. */
  adopt?: (db: DB) => void;
};

export type RunnerOptions = {
  handlers: JobHandler[];
  /** How long a claim holds without a heartbeat. */
  leaseMs?: number;
  /** How often an idle runner looks for due jobs. */
  pollMs?: number;
  /** Jobs run at once in this process, all queues together. */
  concurrency?: number;
  /** Backoff of a failed attempt n (1-based). */
  backoffMs?: (attempt: number) => number;
  log?: (line: string) => void;
};

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

export function defaultBackoffMs(attempt: number) {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/** What is kept of an error: its code or name, never its message (it may quote personal data). */
function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) return code;
  const name = (e as { name?: unknown })?.name;
  return typeof name === "string" && name ? name.slice(0, 40) : "Error";
}

export class JobRunner {
  readonly owner = `${process.pid}.${randomBytes(6).toString("hex")}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly log: (line: string) => void;
  private readonly running = new Map<string, { queue: string; done: Promise<void> }>();
  private stopping = false;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private pumping = false;
  private stopped: Promise<void> | undefined;
  /** Jobs this runner ran to an end (done, failed or handed back), by queue: for logs and tests. */
  readonly ran = new Map<string, number>();

  constructor(o: RunnerOptions) {
    for (const h of o.handlers) this.handlers.set(h.queue, h);
    this.leaseMs = o.leaseMs ?? 60_000;
    this.pollMs = o.pollMs ?? 1000;
    this.concurrency = o.concurrency ?? 4;
    this.backoffMs = o.backoffMs ?? defaultBackoffMs;
    this.log = o.log ?? ((line) => console.error(line));
  }

  private get db() {
    return getDb();
  }

  /** Schedules recurring work and adopted jobs, then polls. */
  start() {
    if (this.started) return;
    this.started = true;
    this.prepare();
    this.heartbeat = setInterval(() => this.renewLeases(), this.heartbeatMs());
    this.heartbeat.unref();
    this.schedule(0);
  }

  /** Queues (keyed, so once across processes) each recurring job's next run and the work handlers adopt. */
  prepare() {
    const now = new Date();
    for (const h of this.handlers.values()) {
      h.adopt?.(this.db);
      const every = h.everyMs?.();
      if (every != null)
        enqueue(this.db, {
          queue: h.queue,
          key: h.queue,
          runAt: new Date(now.getTime() + (h.firstDelayMs ?? every)),
          maxAttempts: 1,
          now,
        });
    }
  }

  /** Looks for due jobs now (after an enqueue in this process) instead of at the next poll. */
  wake() {
    if (this.started && !this.stopping) this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), ms);
    this.timer.unref();
  }

  private renewLeases() {
    if (!this.running.size) return;
    const t = Date.now();
    this.db
      .update(jobs)
      .set({ leaseExpiresAt: new Date(t + this.leaseMs), updatedAt: new Date(t) })
      .where(and(eq(jobs.leaseOwner, this.owner), eq(jobs.state, "running")))
      .run();
  }

  /** Queues this process may take another job of now. */
  private openQueues(): string[] {
    const counts = new Map<string, number>();
    for (const r of this.running.values()) counts.set(r.queue, (counts.get(r.queue) ?? 0) + 1);
    return [...this.handlers.values()]
      .filter((h) => (counts.get(h.queue) ?? 0) < (h.concurrency ?? 1))
      .map((h) => h.queue);
  }

  /** Takes one due job for this process, or null. */
  claimOne(now = Date.now()): JobRow | null {
    const queues = this.openQueues();
    if (!queues.length) return null;
    const row = this.db.$client
      .prepare(
        `UPDATE jobs SET state = 'running', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
         WHERE id = (
           SELECT id FROM jobs
           WHERE queue IN (${queues.map(() => "?").join(", ")})
             AND ((state = 'pending' AND run_at <= ?) OR (state = 'running' AND lease_expires_at < ?))
           ORDER BY run_at, id LIMIT 1)
         RETURNING id`,
      )
      .get(this.owner, now + this.leaseMs, now, ...queues, now, now) as { id: string } | undefined;
    if (!row) return null;
    return this.db.select().from(jobs).where(eq(jobs.id, row.id)).get() ?? null;
  }

  private async pump() {
    if (this.pumping || this.stopping) return;
    this.pumping = true;
    let claimed = 0;
    try {
      while (!this.stopping && this.running.size < this.concurrency) {
        const job = this.claimOne();
        if (!job) break;
        claimed += 1;
        const done = this.execute(job).finally(() => {
          this.running.delete(job.id);
          this.schedule(0);
        });
        this.running.set(job.id, { queue: job.queue, done });
      }
    } catch (e) {
      this.log(`[jobs] claiming failed: ${errorCode(e)}`);
    } finally {
      this.pumping = false;
    }
    if (!claimed && !this.running.size) for (const h of this.handlers.values()) h.idle?.();
    this.schedule(this.pollMs);
  }

  /** Runs a claimed job and records its end. */
  async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.queue);
    if (!handler) return;
    this.ran.set(job.queue, (this.ran.get(job.queue) ?? 0) + 1);
    // A job that stopped its process every time (its lease ran out each time) stops being retried.
    if (job.attempts > job.maxAttempts) {
      this.finish(job, handler, { failed: "lease_lost" });
      return;
    }
    let result: JobResult;
    try {
      result = (await handler.run({
        job,
        payload: JSON.parse(job.payload) as JobPayload,
        stopping: () => this.stopping,
      })) as JobResult;
    } catch (e) {
      this.log(`[jobs] ${job.queue} ${job.id} attempt ${job.attempts}: ${errorCode(e)}`);
      if (job.attempts >= job.maxAttempts) this.finish(job, handler, { failed: errorCode(e) });
      else this.retry(job, new Date(Date.now() + this.backoffMs(job.attempts)), errorCode(e), false);
      return;
    }
    if (result && "again" in result) this.retry(job, result.runAt ?? new Date(), null, true);
    else this.finish(job, handler, {});
  }

  /** Back to pending at `runAt`; `giveBack` returns the attempt (the job asked to run again, nothing failed). */
  private retry(job: JobRow, runAt: Date, error: string | null, giveBack: boolean) {
    this.db
      .update(jobs)
      .set({
        state: "pending",
        runAt,
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: error,
        attempts: giveBack ? sql`max(0, ${jobs.attempts} - 1)` : undefined,
        updatedAt: new Date(),
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.leaseOwner, this.owner)))
      .run();
  }

  /** Done (the row goes) or failed (the row stays, for the operator); a recurring job schedules its next run. */
  private finish(job: JobRow, handler: JobHandler, o: { failed?: string }) {
    const now = new Date();
    this.db.transaction((tx) => {
      const mine = and(eq(jobs.id, job.id), eq(jobs.leaseOwner, this.owner));
      if (o.failed && !handler.everyMs)
        tx.update(jobs)
          .set({
            state: "failed",
            leaseOwner: null,
            leaseExpiresAt: null,
            lastError: o.failed,
            updatedAt: now,
          })
          .where(mine)
          .run();
      else tx.delete(jobs).where(mine).run();
      const every = handler.everyMs?.();
      if (every != null && job.key === job.queue)
        enqueue(tx, {
          queue: job.queue,
          key: job.queue,
          runAt: new Date(now.getTime() + every),
          maxAttempts: 1,
          now,
        });
    });
  }

  /**
   * Stops claiming, lets running jobs finish for up to `timeoutMs`, then hands back any still running (pending
   * again, the attempt given back) so another process takes them at once.
   */
  stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopped) return this.stopped;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopped = (async () => {
      const all = Promise.allSettled([...this.running.values()].map((r) => r.done));
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((ok) => (timeout = setTimeout(ok, timeoutMs)))]);
      clearTimeout(timeout);
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.db
        .update(jobs)
        .set({
          state: "pending",
          leaseOwner: null,
          leaseExpiresAt: null,
          attempts: sql`max(0, ${jobs.attempts} - 1)`,
          updatedAt: new Date(),
        })
        .where(and(eq(jobs.leaseOwner, this.owner), eq(jobs.state, "running")))
        .run();
      for (const h of this.handlers.values()) h.idle?.();
    })();
    return this.stopped;
  }

  /** Runs due jobs until none is left (tests and the CLI); returns how many ran. */
  async drain(maxJobs = 100_000): Promise<number> {
    let n = 0;
    // A long job (a bulk run from the CLI) keeps its lease here too.
    const heartbeat = this.heartbeat ? undefined : setInterval(() => this.renewLeases(), this.heartbeatMs());
    try {
      for (; n < maxJobs; n++) {
        const job = this.claimOne();
        if (!job) break;
        const done = this.execute(job);
        this.running.set(job.id, { queue: job.queue, done });
        await done.finally(() => this.running.delete(job.id));
      }
    } finally {
      clearInterval(heartbeat);
    }
    for (const h of this.handlers.values()) h.idle?.();
    return n;
  }

  private heartbeatMs() {
    return Math.max(50, Math.floor(this.leaseMs / 3));
  }
}
