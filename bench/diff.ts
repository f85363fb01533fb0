// Times the letter page's "what you changed" diff (app/requests/render/diff.ts) on a 50,000-line body with a
// few edits, in this process. The ratio compares it with ten 5,000-line diffs in the same run: near 1 means the
// cost grows with the length of the text, not with its square (the hand-written LCS it replaced).
import { changes } from "~/requests/render/diff";

function body(lines: number) {
  const before = Array.from({ length: lines }, (_, i) => `Line ${i} of the statement.`);
  const after = [...before];
  after[Math.floor(lines / 10)] = "An edited line.";
  after.splice(Math.floor(lines / 2), 1);
  after.splice(Math.floor((lines * 4) / 5), 0, "An added line.");
  return [before.join("\n"), after.join("\n")] as const;
}

function medianMs(run: () => void, times = 5) {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

export function timeDiff() {
  const [smallBefore, smallAfter] = body(5_000);
  const [before, after] = body(50_000);
  const rss0 = process.memoryUsage().rss;
  const bigMs = medianMs(() => changes(before, after));
  const rssMb = Math.max(0, Math.round((process.memoryUsage().rss - rss0) / 2 ** 20));
  const smallMs = medianMs(() => changes(smallBefore, smallAfter));
  return {
    lines: 50_000,
    ms: Math.round(bigMs * 10) / 10,
    rssDeltaMb: rssMb,
    ratioToTenSmall: Math.round((bigMs / (10 * smallMs)) * 100) / 100,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(timeDiff()));
