// The start script's heap setting (decision 051): it is applied unless the operator chose one, and setting
// it after start-up does change how far V8 lets the heap grow. (The figure it gives a loaded server, RSS after
// the load, is the bench's: `npm run bench`.)
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { tuneHeap } from "./heap";

// Keeps the last 10 batches of 20,000 small objects (~20 MB live) while making 120: the largest heap seen.
const ALLOCATE = `
  const keep = []; let max = 0;
  for (let r = 0; r < 120; r++) {
    const batch = [];
    for (let i = 0; i < 20000; i++) batch.push({ a: "x".repeat(20) + i, b: [i, i + 1] });
    keep.push(batch); if (keep.length > 10) keep.shift();
    max = Math.max(max, process.memoryUsage().heapTotal);
  }
  console.log(Math.round(max / 1048576));`;

function largestHeapMb(percent?: number) {
  const code =
    percent === undefined
      ? ALLOCATE
      : `import("${new URL("./heap.ts", import.meta.url).pathname}").then((m) => { m.tuneHeap({ percent: ${percent} }); ${ALLOCATE} });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe("tuneHeap", () => {
  it("leaves a growing factor chosen on the command line or in NODE_OPTIONS alone", () => {
    expect(tuneHeap({ execArgv: ["--heap-growing-percent=50"], nodeOptions: "" })).toBeNull();
    expect(
      tuneHeap({ execArgv: [], nodeOptions: "--max-old-space-size=512 --heap_growing_percent=20" }),
    ).toBeNull();
  });

  it("takes effect when set after start-up: a small factor keeps the heap well below V8's own choice", () => {
    const untuned = largestHeapMb();
    const tuned = largestHeapMb(10);
    expect(tuned).toBeGreaterThan(20);
    expect(tuned).toBeLessThan(untuned * 0.7);
  }, 60_000);
});
