// A runner process for the cross-process job tests: the server's own job runner (every handler) on the test's
// data folder, stopped on SIGTERM the way scripts/start.ts stops the server's (stopBackgroundJobs, closeDb).
import { parseArgs } from "node:util";
import { closeDb } from "~/db.server";
import { startBackgroundJobs, stopBackgroundJobs } from "~/jobs.server";

const { values } = parseArgs({
  options: { lease: { type: "string" }, poll: { type: "string" }, stop: { type: "string" } },
});
startBackgroundJobs({ leaseMs: Number(values.lease ?? 60_000), pollMs: Number(values.poll ?? 50) });
// The runner's timers do not hold a process open (the server's HTTP listener does); this one stands in for it.
const alive = setInterval(() => undefined, 60_000);
console.log(`ready ${process.pid}`);
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    void stopBackgroundJobs(Number(values.stop ?? 10_000)).then((ran) => {
      closeDb();
      console.log(`ran ${JSON.stringify(Object.fromEntries(ran))}`);
      clearInterval(alive);
      console.log("stopped");
      process.exit(0);
    });
  });
