// Each vitest worker gets its own throw-away data folder (database, keys, evidence), so tests never share state.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

if (!process.env.RETRACT_TEST_KEEP_DATA_DIR) {
  process.env.RETRACT_DATA_DIR = mkdtempSync(join(tmpdir(), "retract-test-"));
}
process.env.NODE_ENV = "test";
