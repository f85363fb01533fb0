// The background job runner over the jobs table, in one process: a job exists only if the transaction that
// queued it committed; a key keeps one job waiting or running; a failure comes back after its backoff and ends
// `failed` when its attempts run out; a lease that runs out lets another runner take the job; recurring work
// keeps exactly one run scheduled; a stop lets a running job finish and hands back one that does not.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { jobs } from "#db/schema";
import { getDb } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { type JobHandler, JobRunner } from "~/jobs/runner.server";

const rows = (queue: string) => getDb().select().from(jobs).where(eq(jobs.queue, queue)).all();
const runners: JobRunner[] = [];
function runner(handlers: JobHandler[], o: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) {
  const r = new JobRunner({ handlers, log: () => undefined, ...o });
  runners.push(r);
  return r;
}
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((ok) => setTimeout(ok, 10));
  }
};

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop(100)));
});

describe("enqueue", () => {
  it("belongs to the caller's transaction: rolled back with it, kept with it", () => {
    const db = getDb();
    expect(() =>
      db.transaction((tx) => {
        enqueue(tx, { queue: "test.tx", payload: { n: 1 } });
        throw new Error("the caller's change failed");
      }),
    ).toThrow(/failed/);
    expect(rows("test.tx")).toHaveLength(0);
    db.transaction((tx) => {
      enqueue(tx, { queue: "test.tx", payload: { n: 2 } });
    });
    expect(rows("test.tx").map((r) => JSON.parse(r.payload))).toEqual([{ n: 2 }]);
  });

  it("one job per key while it waits or runs; the key is free again once it is done", async () => {
    const db = getDb();
    const seen: unknown[] = [];
    expect(enqueue(db, { queue: "test.key", key: "letter-1", payload: { n: 1 } })).toBe(true);
    expect(enqueue(db, { queue: "test.key", key: "letter-1", payload: { n: 2 } })).toBe(false);
    // Another queue, or another key, is another job.
    expect(enqueue(db, { queue: "test.key", key: "letter-2", payload: { n: 3 } })).toBe(true);
    expect(rows("test.key")).toHaveLength(2);
    const r = runner([{ queue: "test.key", run: ({ payload }) => void seen.push(payload.n) }]);
    expect(await r.drain()).toBe(2);
    expect(seen.sort()).toEqual([1, 3]);
    expect(rows("test.key")).toHaveLength(0);
    expect(enqueue(db, { queue: "test.key", key: "letter-1" })).toBe(true);
  });
});

describe("running", () => {
  it("waits for run_at; retries a failure after an exponential backoff, then marks it failed", async () => {
    const db = getDb();
    const future = new Date(Date.now() + 60_000);
    enqueue(db, { queue: "test.later", runAt: future });
    const r1 = runner([{ queue: "test.later", run: () => undefined }]);
    expect(await r1.drain()).toBe(0);
    expect(rows("test.later")).toHaveLength(1);

    enqueue(db, { queue: "test.fail", maxAttempts: 3 });
    let calls = 0;
    const r = runner(
      [
        {
          queue: "test.fail",
          run: () => {
            calls += 1;
            throw Object.assign(new Error("Mailbox of someone@example.test refused"), { code: "EAUTH" });
          },
        },
      ],
      { backoffMs: (n) => 1000 * 2 ** (n - 1) },
    );
    const before = Date.now();
    expect(await r.drain()).toBe(1);
    let [row] = rows("test.fail");
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastError: "EAUTH", leaseOwner: null });
    // The error's code is kept, never its message.
    expect(row!.lastError).not.toContain("example.test");
    expect(row!.runAt.getTime()).toBeGreaterThanOrEqual(before + 1000);
    // Not due yet: nothing runs.
    expect(await r.drain()).toBe(0);
    db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, row!.id)).run();
    await r.drain();
    [row] = rows("test.fail");
    expect(row).toMatchObject({ state: "pending", attempts: 2 });
    expect(row!.runAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 1500);
    db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, row!.id)).run();
    await r.drain();
    expect(rows("test.fail")).toMatchObject([{ state: "failed", attempts: 3, lastError: "EAUTH" }]);
    expect(calls).toBe(3);
    // A failed job frees its key and is never claimed again.
    expect(await r.drain()).toBe(0);
  });

  it("a claim holds until its lease runs out; then another runner takes the job", async () => {
    const db = getDb();
    enqueue(db, { queue: "test.lease", key: "one" });
    const ran: string[] = [];
    const handler: JobHandler = { queue: "test.lease", run: () => void ran.push("b") };
    const a = runner([handler], { leaseMs: 300 });
    const b = runner([handler], { leaseMs: 300 });
    // Runner a claims it and dies before running it (its heartbeat never starts).
    const claimed = a.claimOne();
    expect(claimed).toMatchObject({ state: "running", leaseOwner: a.owner, attempts: 1 });
    expect(b.claimOne()).toBeNull();
    // The key stays taken while the dead claim holds.
    expect(enqueue(db, { queue: "test.lease", key: "one" })).toBe(false);
    await new Promise((ok) => setTimeout(ok, 350));
    const again = b.claimOne();
    expect(again).toMatchObject({ id: claimed!.id, leaseOwner: b.owner, attempts: 2 });
    await b.execute(again!);
    expect(ran).toEqual(["b"]);
    expect(rows("test.lease")).toHaveLength(0);
  });

  it("the heartbeat keeps a long job's lease, so no other runner takes it meanwhile", async () => {
    enqueue(getDb(), { queue: "test.long" });
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let runs = 0;
    const handler: JobHandler = {
      queue: "test.long",
      run: async () => {
        runs += 1;
        await gate;
      },
    };
    const a = runner([handler], { leaseMs: 150, pollMs: 20 });
    const b = runner([handler], { leaseMs: 150, pollMs: 20 });
    a.start();
    await until(() => runs === 1);
    b.start();
    // Several leases long.
    await new Promise((ok) => setTimeout(ok, 600));
    expect(rows("test.long")).toMatchObject([{ state: "running", leaseOwner: a.owner, attempts: 1 }]);
    release();
    await until(() => rows("test.long").length === 0);
    expect(runs).toBe(1);
  });

  it("drain (the CLI) keeps a long job's lease too", async () => {
    enqueue(getDb(), { queue: "test.drain" });
    let runs = 0;
    const handler: JobHandler = {
      queue: "test.drain",
      run: async () => {
        runs += 1;
        await new Promise((ok) => setTimeout(ok, 500));
      },
    };
    const a = runner([handler], { leaseMs: 150 });
    const b = runner([handler], { leaseMs: 150 });
    const draining = a.drain();
    await until(() => runs === 1);
    for (let i = 0; i < 4; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      expect(b.claimOne()).toBeNull();
    }
    expect(await draining).toBe(1);
    expect(runs).toBe(1);
    expect(rows("test.drain")).toHaveLength(0);
  });

  it("keeps one run of recurring work scheduled, however many runners start", async () => {
    let runs = 0;
    const handler: JobHandler = {
      queue: "test.every",
      everyMs: () => 60_000,
      firstDelayMs: 0,
      run: () => void runs++,
    };
    const a = runner([handler]);
    const b = runner([handler]);
    a.start();
    b.start();
    await until(() => runs === 1);
    await until(() => rows("test.every")[0]?.state === "pending");
    const [next] = rows("test.every");
    expect(rows("test.every")).toHaveLength(1);
    expect(next!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Switched off: nothing is scheduled.
    const off = runner([{ queue: "test.off", everyMs: () => null, run: () => undefined }]);
    off.start();
    expect(rows("test.off")).toHaveLength(0);
  });

  it("a stop lets a running job finish, and hands back one that outlasts the timeout", async () => {
    const db = getDb();
    enqueue(db, { queue: "test.finish" });
    let finished = false;
    const r = runner(
      [
        {
          queue: "test.finish",
          run: async () => {
            await new Promise((ok) => setTimeout(ok, 100));
            finished = true;
          },
        },
      ],
      { pollMs: 20 },
    );
    r.start();
    await until(() => rows("test.finish")[0]?.state === "running");
    await r.stop(2000);
    expect(finished).toBe(true);
    expect(rows("test.finish")).toHaveLength(0);

    enqueue(db, { queue: "test.stuck" });
    const s = runner([{ queue: "test.stuck", run: () => new Promise<void>(() => undefined) }], {
      pollMs: 20,
    });
    s.start();
    await until(() => rows("test.stuck")[0]?.state === "running");
    await s.stop(100);
    // Pending again, the interrupted attempt given back: the next process runs it at once.
    expect(rows("test.stuck")).toMatchObject([{ state: "pending", attempts: 0, leaseOwner: null }]);
    // A stopped runner claims nothing more.
    enqueue(db, { queue: "test.finish" });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(rows("test.finish")).toMatchObject([{ state: "pending" }]);
  });
});
