// Memory (issue 7, decision 051). V8 lets its heap grow to up to four times what is live before the next full
// collection, so a server under load held 300-400 MB of mostly free heap. Growing to 1.7 times what is live
// kept it near 220 MB with no cost that two A/B runs could tell from their noise (decision 051). This is not a cap: the heap still grows as far
// as live data needs.
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 70;

/**
 * Sets V8's heap growing factor for this process (read at each full collection, so it can be set after
 * start-up), unless the command line or NODE_OPTIONS already set one. Returns the flag it set, if any.
 */
export function tuneHeap({
  execArgv = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? "",
  percent = HEAP_GROWING_PERCENT,
} = {}) {
  if ([...execArgv, nodeOptions].some((a) => /heap[-_]growing[-_]percent/.test(a))) return null;
  const flag = `--heap-growing-percent=${percent}`;
  setFlagsFromString(flag);
  return flag;
}
