// A seeding worker: generates and encrypts chunks of rows (the CPU-heavy part) while the main thread inserts.
import { parentPort, workerData } from "node:worker_threads";
import { keyringFromSecrets } from "~/security/crypto.server";
import type { Secrets } from "~/security/secrets.server";
import { GENERATORS, letterEventRows, makePools, type Plan, type TableName } from "./seed-rows";

const { plan, secrets } = workerData as { plan: Plan; secrets: Secrets; entry: string };
const ring = keyringFromSecrets(secrets);
const pools = makePools();

parentPort!.on("message", (job: { table: TableName; start: number; end: number }) => {
  const rows: unknown[][] = [];
  if (job.table === "request_events") {
    for (let i = job.start; i < job.end; i++) rows.push(...letterEventRows(plan, pools, ring, i));
  } else {
    const gen = GENERATORS[job.table];
    for (let i = job.start; i < job.end; i++) rows.push(gen.row(plan, pools, ring, i));
  }
  parentPort!.postMessage({ ...job, rows });
});
