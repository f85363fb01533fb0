// Child process of the bulk-letters crash test: runs one job in its own process, on the test's data folder.
// `--pause-ms N` hands the job back after every chunk and sleeps, so the parent can kill it mid-way.
import { parseArgs } from "node:util";
import { runBulkJob } from "~/incidents/bulk.server";

const { values } = parseArgs({
  options: { job: { type: "string" }, "pause-ms": { type: "string", default: "0" } },
});
const jobId = values.job!;
const pause = Number(values["pause-ms"]);
let chunks = 0;
for (;;) {
  const result = await runBulkJob(jobId, {
    budgetMs: 2,
    maxChunks: pause ? 1 : undefined,
    onChunk: () => {
      chunks += 1;
      console.log(`chunk ${chunks}`);
    },
  });
  if (result !== "stopped") {
    console.log(`result ${result}`);
    break;
  }
  await new Promise((ok) => setTimeout(ok, pause));
}
