// Moves SQLite's WAL checkpoints off the app's thread (issue 7).
//
// In WAL mode every commit appends pages to retract.sqlite-wal, and by default the connection that commits
// past 1,000 pages copies them into the database file and fsyncs both: inside that commit, on the thread that
// serves pages. A bulk job writing 250 MB of letters paid ~5 s of its ~15 s for it, and pages waited behind it.
// Here a worker thread with its own connection runs PASSIVE checkpoints (they never block readers or the
// writer) a few times a second, on the machine's other core; the app's connection keeps a large automatic
// checkpoint as a safety net, in case the worker falls behind or stops.
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Pages of WAL after which the app's own connection checkpoints anyway (safety net; 4 KB pages: 64 MB). */
export const SAFETY_NET_PAGES = 16_384;
/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 200;

// CommonJS run by the worker: the code is a string so that it survives bundling into build/ unchanged.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
let pages = 0;
let failures = 0;
const tick = () => {
  try {
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    if (r && r.checkpointed > 0) pages += r.checkpointed;
  } catch (e) {
    failures += 1;
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "checkpoint") {
    tick();
    parentPort.postMessage({ pages, failures });
  } else if (m === "stop") {
    clearInterval(timer);
    try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
    db.close();
    parentPort.close();
  }
});
`;

export type Checkpointer = {
  /** Runs one checkpoint now and reports the pages copied so far and the checkpoints that failed. */
  checkpointNow(): Promise<{ pages: number; failures: number }>;
  stop(): Promise<void>;
};

/**
 * Starts the worker for the database at `file` (its own connection). The worker does not keep the process
 * alive; `stop` ends it after one last checkpoint.
 */
export function startCheckpointer(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  // A worker that cannot start (no driver, no file) leaves the safety net in charge; say so once.
  worker.on("error", (e) => console.error(`[checkpointer] stopped: ${e.message}`));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    checkpointNow: () =>
      new Promise((resolve) => {
        worker.once("message", resolve);
        worker.postMessage("checkpoint");
      }),
    stop: async () => {
      worker.postMessage("stop");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
      await worker.terminate();
    },
  };
}
