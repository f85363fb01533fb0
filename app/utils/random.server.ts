// Random bytes for ids, references, message ids and IVs, from Node's CSPRNG drawn 4 KB at a time: one system
// call per value cost about a tenth of a bulk run (25,000 letters take six random values each). Every byte
// is handed out once and copied out, then the pool is refilled.
import { randomFillSync } from "node:crypto";

const POOL = Buffer.alloc(4096);
let offset = POOL.length;

export function randomBytes(n: number): Buffer {
  if (n > POOL.length) return randomFillSync(Buffer.alloc(n));
  if (offset + n > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const out = Buffer.from(POOL.subarray(offset, offset + n)); // a copy: the pool is overwritten later
  POOL.fill(0, offset, offset + n);
  offset += n;
  return out;
}
