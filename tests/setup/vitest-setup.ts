// Each vitest worker gets its own throw-away data folder (database, keys, evidence), so tests never share state.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (!process.env.RETRACT_TEST_KEEP_DATA_DIR) {
  process.env.RETRACT_DATA_DIR = mkdtempSync(join(tmpdir(), "retract-test-"));
}
process.env.NODE_ENV = "test";

// A worker may run several files: never carry a database connection from one file's data folder to the next.
const g = globalThis as {
  __retractDb?: { $client: { close(): void } };
  __retractCheckpointer?: { stop(): Promise<void> };
};
void g.__retractCheckpointer?.stop();
g.__retractCheckpointer = undefined;
g.__retractDb?.$client.close();
g.__retractDb = undefined;
