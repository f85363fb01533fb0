// insertEach (decision 099) writes through one prepared INSERT exactly the rows drizzle's own `.values()`
// writes: the same stored values for given columns, nulls, dates and columns left to their defaults, and it
// counts the rows `onConflictDoNothing` left out.
import { inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "#db/schema";
import { getDb, insertEach } from "~/db.server";

const runAt = new Date("2026-12-02T20:00:00.123Z");
const rows = (prefix: string) => [
  // Every column given, some of them null (a null date once made drizzle's date encoder throw).
  {
    id: `${prefix}-1`,
    queue: `${prefix}.q`,
    key: null,
    payload: '{"a":1}',
    state: "pending" as const,
    runAt,
    attempts: 2,
    maxAttempts: 7,
    lastError: null,
    leaseExpiresAt: null,
    createdAt: runAt,
    updatedAt: runAt,
  },
  // Only what is required: the rest left to the column defaults.
  { id: `${prefix}-2`, queue: `${prefix}.q`, key: "k2", runAt, updatedAt: runAt },
  // The same shape as the first, with a value where it had null.
  {
    id: `${prefix}-3`,
    queue: `${prefix}.q`,
    key: "k3",
    payload: "{}",
    state: "running" as const,
    runAt,
    attempts: 0,
    maxAttempts: 5,
    lastError: "421",
    leaseExpiresAt: runAt,
    createdAt: runAt,
    updatedAt: runAt,
  },
  // An undefined value counts as not given.
  { id: `${prefix}-4`, queue: `${prefix}.q`, key: undefined, runAt, updatedAt: runAt },
];

/** The rows as SQLite stores them (raw columns), without the id and the queue that tell the two sets apart. */
function stored(prefix: string) {
  return (
    getDb().$client.prepare("SELECT * FROM jobs WHERE queue = ? ORDER BY id").all(`${prefix}.q`) as Record<
      string,
      unknown
    >[]
  ).map(({ id, queue, created_at, ...rest }) => ({
    id: String(id).slice(prefix.length),
    queue: String(queue).slice(prefix.length),
    // A default creation time is the database clock's: only its presence can be compared.
    created_at:
      typeof created_at === "number" && created_at > 0
        ? created_at === runAt.getTime()
          ? "given"
          : "now"
        : created_at,
    ...rest,
  }));
}

describe("insertEach", () => {
  it("stores exactly what drizzle's multi-row insert stores", () => {
    const db = getDb();
    db.insert(jobs).values(rows("values")).run();
    expect(insertEach(db, jobs, rows("each"))).toBe(4);
    const each = stored("each");
    expect(each).toHaveLength(4);
    expect(each).toEqual(stored("values"));
    expect(each[0]).toMatchObject({
      key: null,
      last_error: null,
      run_at: runAt.getTime(),
      created_at: "given",
    });
    expect(each[1]).toMatchObject({
      payload: "{}",
      state: "pending",
      attempts: 0,
      max_attempts: 5,
      created_at: "now",
    });
  });

  it("runs in the caller's transaction and counts the rows a conflict left out", () => {
    const db = getDb();
    const job = (id: string, key: string) => ({ id, queue: "conflict.q", key, runAt, updatedAt: runAt });
    expect(() =>
      db.transaction((tx) => {
        insertEach(tx, jobs, [job("c-1", "a")]);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(db.select().from(jobs).where(like(jobs.id, "c-%")).all()).toHaveLength(0);

    const added = insertEach(db, jobs, [job("c-1", "a"), job("c-2", "a"), job("c-3", "b")], {
      onConflictDoNothing: true,
    });
    expect(added).toBe(2);
    const ids = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(inArray(jobs.id, ["c-1", "c-2", "c-3"]))
      .all()
      .map((r) => r.id)
      .sort();
    expect(ids).toEqual(["c-1", "c-3"]);
  });
});
