// The app's side of the bulk letters writer thread (bulk-writer.worker.cjs, decision 046): starts it on the
// database file, hands it batches and resolves each with what the thread stored.
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { SAFETY_NET_PAGES } from "#db/checkpointer";
import type { AuditEntry } from "~/audit/audit.server";

/** A letter composed, rendered and encrypted by the app's thread, ready to store. */
export type LetterOp = {
  seq: number;
  state: "queued" | "generated";
  letterId: string;
  caseId: string;
  recipientId: string;
  /** Its reference (also in its text): the writer checks no other letter took it meanwhile. */
  reference: string;
  /** The letters row's values, in the writer's INSERT order; null where a `sealed` value goes. */
  letter: (string | number | null)[];
  /** Plain values the writer encrypts (context `letter:<id>:<field>`) into address/subject/body/variables_enc. */
  sealed: { address: string; subject: string; body: string; variables: string };
  /** The exposures it names, with the updated_at (ms) it was composed from. */
  exposures: [id: string, updatedAt: number][];
  outbox: { id: string; messageId: string; jobId: string } | null;
  audits: AuditEntry[];
  t: number;
};

/** An item that gets no letter, and why. */
export type ItemOp = { seq: number; state: "skipped" | "failed"; reason: string; t: number; letter?: never };

export type Batch = {
  jobId: string;
  workspaceId: string;
  t: number;
  ops: (LetterOp | ItemOp)[];
  /** Reads made while composing (subject.read), logged with the letters written from them. */
  audits: AuditEntry[];
  /** The current data key, read from the keyring for this batch. */
  key: { id: string; bytes: Buffer };
};

type Counts = { queued: number; generated: number; skipped: number; failed: number };
export type BatchResult =
  | { result: "more"; stale: number[]; counts: Counts; errors: number }
  | { result: "cancelled" | "failed" };

export type BulkWriter = { write(batch: Batch): Promise<BatchResult>; stop(): Promise<void> };

/** Thrown for a batch the thread could not store (the job is handed back and resumed later). */
export class BulkWriterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BulkWriterError";
  }
}

// Resolved from the working directory (the project root for npm scripts), as db/connection.ts does for
// migrations: in build/ this module's own location says nothing about app/.
const WORKER_FILE = join(process.cwd(), "app", "incidents", "bulk-writer.worker.cjs");

/** Starts a writer thread with its own connection to `file`. */
export function startBulkWriter(file: string): BulkWriter {
  const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(WORKER_FILE, {
    workerData: { file, driver, autocheckpointPages: SAFETY_NET_PAGES },
    execArgv: [],
  });
  const waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  let gone: Error | undefined;
  const failAll = (e: Error) => {
    gone = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on("message", (m: { id: number; error?: string } & BatchResult) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new BulkWriterError(m.error));
    else w.resolve(m);
  });
  worker.on("error", (e) => failAll(new BulkWriterError(`writer stopped: ${e.name}`)));
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      failAll(new BulkWriterError("writer exited"));
      resolve();
    }),
  );
  return {
    write(batch) {
      if (gone) return Promise.reject(gone);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: "batch", id, batch });
      });
    },
    async stop() {
      if (!gone) worker.postMessage({ type: "stop" });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      await worker.terminate();
    },
  };
}
