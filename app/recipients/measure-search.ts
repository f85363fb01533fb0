// Measures directory search and URL matching latency on a freshly imported database (not a test: timings
// depend on the machine). Run: npx tsx app/recipients/measure-search.ts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { matchUrl, type SearchQuery, searchRecipients } from "./directory.server";
import { importDirectory } from "./import.server";

const sqlite = new Database(join(mkdtempSync(join(tmpdir(), "directory-bench-")), "bench.sqlite"));
sqlite.pragma("journal_mode = WAL");
const db = drizzle(sqlite, { schema });
migrate(db, { migrationsFolder: "db/migrations" });
let t = performance.now();
const counts = importDirectory(db);
console.log(`import: ${(performance.now() - t).toFixed(0)} ms`, counts);

const queries: SearchQuery[] = [
  {},
  { q: "telegram" },
  { q: "gmbh" },
  { q: "e" },
  { q: "deutsche bank" },
  { q: "zzzz-nothing" },
  { country: "DE" },
  { q: "shop", country: "FR" },
  { kind: "regulator", country: "DE" },
  { q: "verlag", page: 3 },
  { category: "social media" },
];
const runs = 200;
for (const query of queries) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    total = searchRecipients(null, query, db).total;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
  console.log(
    `search ${JSON.stringify(query).padEnd(40)} total ${String(total).padStart(5)}  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  max ${p(1)} ms`,
  );
}
const urls = [
  "https://t.me/x",
  "https://www.google.co.uk/search?q=a",
  "https://www.truthfinder.com/p",
  "https://unknown-site.net/",
];
for (const url of urls) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    matchUrl(null, url, db);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `match  ${url.padEnd(40)} p50 ${times[runs / 2]!.toFixed(2)} ms  p95 ${times[Math.floor(runs * 0.95)]!.toFixed(2)} ms`,
  );
}
