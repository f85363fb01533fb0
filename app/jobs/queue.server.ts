// Putting work in the jobs table (db/schema.ts `jobs`). `enqueue` takes the caller's transaction, so a job exists
// exactly when the change that asked for it was committed (a letter marked queued and its send job together).
// A `key` makes the job unique among those waiting or running: enqueueing the same key again does nothing.
import { jobs } from "#db/schema";
import { type DB, insertEach } from "~/db.server";
import { newId } from "~/utils/ids.server";

/** A drizzle transaction or the database itself (both run the insert synchronously). */
export type Tx = Pick<DB, "insert" | "update" | "delete" | "select">;

/** Ids and codes only: a payload is stored in clear, so it never holds personal data. */
export type JobPayload = Record<string, string | number | boolean | null>;

export type EnqueueOptions = {
  queue: string;
  key?: string;
  payload?: JobPayload;
  runAt?: Date;
  maxAttempts?: number;
  now?: Date;
};

/**
 * Adds a job, or several through one prepared INSERT; the jobs whose queue and key are already waiting or running are left
 * out. Returns true when every job given was added.
 */
export function enqueue(tx: Tx, o: EnqueueOptions | EnqueueOptions[]): boolean {
  const list = Array.isArray(o) ? o : [o];
  if (list.length === 0) return true;
  const added = insertEach(
    tx,
    jobs,
    list.map((j) => {
      const now = j.now ?? new Date();
      return {
        id: newId(),
        queue: j.queue,
        key: j.key ?? null,
        payload: JSON.stringify(j.payload ?? {}),
        state: "pending" as const,
        runAt: j.runAt ?? now,
        attempts: 0,
        maxAttempts: j.maxAttempts ?? 5,
        updatedAt: now,
      };
    }),
    // The only constraint a fresh random id can meet is the partial unique index on (queue, key).
    { onConflictDoNothing: true },
  );
  return added === list.length;
}
