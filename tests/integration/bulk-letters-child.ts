// Child process of the bulk-letters crash test: runs one job in its own process, on the test's data folder,
// to its end (the parent kills it with SIGKILL mid-run, then starts it again to resume the job).
import { parseArgs } from "node:util";
import { runBulkJob } from "~/incidents/bulk.server";

const { values } = parseArgs({ options: { job: { type: "string" } } });
const jobId = values.job!;
let chunks = 0;
for (;;) {
  const result = await runBulkJob(jobId, {
    budgetMs: 2,
    onChunk: () => {
      chunks += 1;
      console.log(`chunk ${chunks}`);
    },
  });
  if (result !== "stopped") {
    console.log(`result ${result}`);
    break;
  }
}
