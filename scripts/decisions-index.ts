// The index of docs/decisions: one line per record with its status and what it supersedes or is superseded
// by. `npm run decisions:index` writes docs/decisions/README.md; scripts/decisions-index.test.ts fails when the
// committed index is stale or when a supersession is only stated on one side.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type DecisionRecord = {
  number: string;
  file: string;
  title: string;
  date: string;
  status: string;
  supersedes: string[];
  supersededBy: string[];
};

const DIR = "docs/decisions";

/** Reads every NNN-title.md record: line 1 "# NNN Title", line 2 "Date: … · Status: …". */
export function readDecisions(dir = DIR): DecisionRecord[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.+\.md$/.test(f))
    .sort()
    .map((file) => {
      const [heading = "", meta = ""] = readFileSync(join(dir, file), "utf8").split("\n");
      const number = file.slice(0, 3);
      const title = heading.replace(/^#\s*\d{3}\s*/, "").trim();
      const date = /Date:\s*([0-9-]+)/.exec(meta)?.[1] ?? "";
      const status = /Status:\s*(.+)$/.exec(meta)?.[1]?.trim() ?? "";
      const numbersAfter = (word: RegExp) =>
        [...status.matchAll(word)].flatMap((m) => m[1]?.match(/\d{3}/g) ?? []);
      return {
        number,
        file,
        title,
        date,
        status,
        supersedes: numbersAfter(/supersedes ([^;)]+)/gi),
        supersededBy: numbersAfter(/superseded by ([^;)]+)/gi),
      };
    });
}

/** Supersessions stated on one side only ("053 supersedes 048" without "048 superseded by 053"). */
export function unmatchedSupersessions(records: DecisionRecord[]): string[] {
  const byNumber = new Map(records.map((r) => [r.number, r]));
  const problems: string[] = [];
  for (const r of records) {
    for (const old of r.supersedes) {
      if (!byNumber.get(old)?.supersededBy.includes(r.number))
        problems.push(`${r.number} supersedes ${old}, but ${old} does not say "superseded by ${r.number}"`);
    }
    for (const newer of r.supersededBy) {
      if (!byNumber.get(newer)?.supersedes.includes(r.number))
        problems.push(
          `${r.number} is superseded by ${newer}, but ${newer} does not say "supersedes ${r.number}"`,
        );
    }
  }
  return problems;
}

export function renderIndex(records: DecisionRecord[]): string {
  const files = new Map(records.map((r) => [r.number, r.file]));
  // The status as written, with every record number in it linked.
  const linked = (status: string) =>
    status.replace(/\b\d{3}\b/g, (n) => (files.has(n) ? `[${n}](${files.get(n)})` : n));
  const rows = records.map(
    (r) => `| [${r.number}](${r.file}) | ${r.title} | ${r.date} | ${linked(r.status) || "unknown"} |`,
  );
  return [
    "# Decisions",
    "",
    "One record per choice the issues left open: context, decision, consequences. A record that a later one",
    "replaces says so in its status line (`Status: superseded by NNN`), and the later one says",
    "`Status: accepted (supersedes NNN)`. This index is written by `npm run decisions:index`; a test fails when",
    "it is out of date.",
    "",
    "| # | decision | date | status |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

if (process.argv[1]?.endsWith("decisions-index.ts")) {
  const records = readDecisions();
  const problems = unmatchedSupersessions(records);
  for (const p of problems) console.error(`✗ ${p}`);
  writeFileSync(join(DIR, "README.md"), renderIndex(records));
  console.log(`docs/decisions/README.md: ${records.length} records`);
  if (problems.length > 0) process.exit(1);
}
