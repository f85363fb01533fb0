// Seeds the bench's own data folder: one large organisation and many personal workspaces, with subjects,
// cases, exposures and requests (letters) at the scale. Rows are written with prepared statements in
// big transactions; encryption (the app's encrypt() with this folder's keys) runs in worker threads.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { getTableName, is, Table } from "drizzle-orm";
import { databasePath, openDatabase } from "#db/connection";
import * as schema from "#db/schema";
import { createUser } from "~/auth/users.server";
import { closeDbForTests } from "~/db.server";
import { getEnv } from "~/env.server";
import { recipientMatcher } from "~/exposures/recipient.server";
import { normaliseUrl } from "~/exposures/url";
import { blindIndex, keyringFromSecrets } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { readSecrets } from "~/security/secrets.server";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "../scripts/prepare";
import {
  benchId,
  GENERATORS,
  LETTER_EXPOSURE_COLUMNS,
  letterStory,
  type Plan,
  prng,
  REQUEST_EVENT_COLUMNS,
  type TableName,
} from "./seed-rows";

// Bump when the seeded data changes shape, so an old bench data folder is rebuilt.
const SEED_VERSION = 3;
const sealUserEmail = sealFor("users", "email_enc");
const sealUserName = sealFor("users", "name_enc");

export const FULL_SCALE = {
  subjects: 10_000,
  exposures: 100_000,
  requests: 300_000,
  timelineEvents: 1_000_000,
};
export const BENCH_CASE_EXPOSURES = 200;
export const BENCH_USER = {
  email: "bench@example.org",
  password: "bench-password-not-secret-1",
  name: "Bench",
};

export type SeedResult = {
  counts: Record<string, number>;
  notes: string[];
  seconds: number | null;
  /** Of `seconds`: generating, encrypting and inserting the timeline events. */
  timelineSeconds?: number;
  reused: boolean;
  benchCaseId: string;
  orgWorkspaceId: string;
  orgCases: number;
};

// Sites exposures point at: well-known platforms and brokers (matched to the directory by the app's own
// matcher) and unknown sites.
const KNOWN_HOSTS = [
  "facebook.com",
  "instagram.com",
  "t.me",
  "x.com",
  "reddit.com",
  "youtube.com",
  "tiktok.com",
  "pastebin.com",
  "vk.com",
  "spokeo.com",
  "whitepages.com",
  "radaris.com",
  "mylife.com",
  "beenverified.com",
  "truepeoplesearch.com",
  "google.com",
  "linkedin.com",
  "telegram.org",
  "discord.com",
  "4chan.org",
];

function tablesInSchema(): Set<string> {
  return new Set(Object.values(schema).flatMap((v) => (is(v, Table) ? [getTableName(v)] : [])));
}

function migrationsFingerprint() {
  return readdirSync("db/migrations")
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .join(",");
}

function makePlan(scale: number, orgWs: string, benchUserId: string) {
  const r = prng(42);
  const nSubjects = Math.round(FULL_SCALE.subjects * scale);
  const nExposures = Math.round(FULL_SCALE.exposures * scale);
  const nLetters = Math.round(FULL_SCALE.requests * scale);

  const workspaceIds = [orgWs];
  const caseworkers = Array.from({ length: 20 }, (_, k) => benchId("user-org", k));
  const workspaceUsers: string[][] = [[benchUserId, ...caseworkers]];
  const subjectWs = new Int32Array(nSubjects);
  const subjectAssignee = new Int32Array(nSubjects).fill(-1);
  // The organisation holds 40 % of the people, its caseworkers assigned to most of them.
  const orgSubjects = Math.round(nSubjects * 0.4);
  for (let s = 0; s < orgSubjects; s++) subjectAssignee[s] = r() < 0.8 ? 1 + Math.floor(r() * 20) : -1;
  // The rest are personal workspaces of one to five people (most people write for themselves).
  let s = orgSubjects;
  while (s < nSubjects) {
    const x = r();
    const size = x < 0.6 ? 1 : x < 0.85 ? 2 : x < 0.95 ? 3 : 5;
    const ws = workspaceIds.length;
    workspaceIds.push(benchId("workspace", ws));
    workspaceUsers.push([benchId("user", ws)]);
    for (let k = 0; k < size && s < nSubjects; k++, s++) subjectWs[s] = ws;
  }

  const caseSubject: number[] = [];
  for (let i = 0; i < nSubjects; i++) {
    caseSubject.push(i);
    if (r() < 0.15) caseSubject.push(i);
  }
  const nCases = caseSubject.length;

  // Case 0 (the organisation's) is the bench's "case with 200 exposures"; the rest follow a long tail.
  const exposureCase = new Int32Array(nExposures);
  const fixed = Math.min(BENCH_CASE_EXPOSURES, nExposures);
  const weights = Array.from({ length: nCases - 1 }, () => -Math.log(1 - r()));
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = nExposures - fixed;
  const per = weights.map((w) => Math.floor((w / total) * rest));
  let short = rest - per.reduce((a, b) => a + b, 0);
  for (let k = 0; short > 0; k = (k + 1) % per.length, short--) per[k]!++;
  let e = 0;
  for (; e < fixed; e++) exposureCase[e] = 0;
  per.forEach((n, k) => {
    // Stay under the bench case's size so "the case with 200 exposures" is the largest.
    for (let j = 0; j < n; j++) exposureCase[e++] = 1 + k;
  });

  const letterExposure = new Int32Array(nLetters);
  for (let l = 0; l < nLetters; l++) letterExposure[l] = Math.floor(r() * nExposures);

  return {
    plan: {
      epoch: Date.UTC(2026, 10, 1),
      workspaceIds,
      workspaceUsers,
      subjectWs,
      subjectAssignee,
      caseSubject: Int32Array.from(caseSubject),
      exposureCase,
      letterExposure,
      sites: [],
    } as Plan,
    orgCases: caseSubject.filter((sub) => subjectWs[sub] === 0).length,
  };
}

/**
 * Spreads exactly `target` timeline events over the letters: each sent letter's story (lifecycle events) plus a
 * few stand-alone notes. Stories are trimmed from the end, or notes added, round-robin in a seeded order, until
 * the total is the target. Returns what was planned, for the log.
 */
export function planEvents(plan: Plan, target: number) {
  const n = plan.letterExposure.length;
  const r = prng(7);
  const cap = new Int32Array(n);
  const notes = new Int32Array(n);
  const sent: number[] = [];
  let total = 0;
  for (let l = 0; l < n; l++) {
    const story = letterStory(plan, l);
    if (story.sentAt === null) continue;
    sent.push(l);
    cap[l] = story.steps.length;
    notes[l] = r() < 0.1 ? 1 : 0;
    total += cap[l]! + notes[l]!;
  }
  const natural = total;
  // A seeded shuffle, so trimming and extra notes fall on letters all over the data set.
  for (let k = sent.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [sent[k], sent[j]] = [sent[j]!, sent[k]!];
  }
  for (let k = 0; total > target && sent.length > 0; k = (k + 1) % sent.length) {
    const l = sent[k]!;
    if (notes[l]! > 0) notes[l]!--;
    else if (cap[l]! > 1) cap[l]!--;
    else continue;
    total--;
  }
  for (let k = 0; total < target && sent.length > 0; k = (k + 1) % sent.length, total++) notes[sent[k]!]!++;
  const start = new Float64Array(n + 1);
  for (let l = 0; l < n; l++) start[l + 1] = start[l]! + cap[l]! + notes[l]!;
  plan.eventCap = cap;
  plan.eventNotes = notes;
  plan.eventStart = start;
  return { natural, total: start[n]!, letters: sent.length };
}

class Pool {
  private workers: Worker[] = [];
  constructor(size: number, workerData: object) {
    for (let k = 0; k < size; k++)
      this.workers.push(
        new Worker(new URL("./worker-boot.mjs", import.meta.url), {
          workerData: { ...workerData, entry: new URL("./seed-worker.ts", import.meta.url).href },
        }),
      );
  }
  /** Runs every chunk of a table on the workers, calling onRows in the main thread as chunks come back. */
  run(table: TableName, count: number, onRows: (rows: unknown[][]) => void, chunk = 2000) {
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = 0;
      const feed = (w: Worker) => {
        if (next >= count) return false;
        const start = next;
        next = Math.min(count, next + chunk);
        pending++;
        w.postMessage({ table, start, end: next });
        return true;
      };
      const listeners = this.workers.map((w) => {
        const onMessage = (m: { rows: unknown[][] }) => {
          pending--;
          try {
            feed(w);
            onRows(m.rows);
          } catch (e) {
            reject(e);
          }
          if (pending === 0 && next >= count) done();
        };
        w.on("message", onMessage);
        w.on("error", reject);
        return { w, onMessage };
      });
      const done = () => {
        for (const { w, onMessage } of listeners) {
          w.off("message", onMessage);
          w.off("error", reject);
        }
        resolve();
      };
      // Two chunks in flight per worker: one being encrypted, one waiting, while the main thread inserts.
      for (const w of this.workers) {
        feed(w);
        feed(w);
      }
      if (pending === 0) done();
    });
  }
  close() {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Seeds (or reuses, when the marker matches) the bench data folder. The caller has set RETRACT_DATA_DIR and
 * NODE_ENV before this module's app imports are first used.
 */
export async function seedBench({
  dataDir,
  scale,
  reseed,
  log,
}: {
  dataDir: string;
  scale: number;
  reseed: boolean;
  log: (line: string) => void;
}): Promise<SeedResult> {
  const marker = join(dataDir, "bench-seed.json");
  const fingerprint = { version: SEED_VERSION, scale, migrations: migrationsFingerprint() };
  if (!reseed && existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, "utf8")) as { fingerprint: unknown; result: SeedResult };
    if (JSON.stringify(saved.fingerprint) === JSON.stringify(fingerprint)) {
      log(`Reusing the seeded data in ${dataDir} (--reseed to rebuild).`);
      return { ...saved.result, reused: true };
    }
  }
  const started = performance.now();
  rmSync(dataDir, { recursive: true, force: true });
  const env = loadEnvOrExit();
  if (env.dataDir !== getEnv().dataDir) throw new Error("RETRACT_DATA_DIR changed after start-up");
  prepareDataDir(env, () => {});
  (await migrateAndSeed(env)).$client.close();

  // The bench user signs up like anyone (domain function), then joins the organisation.
  const { id: benchUserId } = await createUser(BENCH_USER);
  const secrets = readSecrets(dataDir);
  const ring = keyringFromSecrets(secrets);
  const orgWs = benchId("workspace", 0);
  const { plan, orgCases } = makePlan(scale, orgWs, benchUserId);
  const match = recipientMatcher(orgWs);
  const unknown = Array.from({ length: 40 }, (_, k) => `leak-site-${k}.net`);
  plan.sites = [...KNOWN_HOSTS, ...unknown].map((host) => {
    const n = normaliseUrl(`https://${host}/`);
    if (!n.ok) throw new Error(`bad bench host ${host}`);
    return { host, ...match(n.value) };
  });

  const db = openDatabase(databasePath(dataDir));
  const sqlite = db.$client;
  sqlite.pragma("synchronous = OFF");
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );

  const now = plan.epoch;
  sqlite.transaction(() => {
    const ws = insert("workspaces", ["id", "kind", "name", "slug", "created_at"]);
    const user = insert("users", [
      "id",
      "email_hmac",
      "email_enc",
      "name_enc",
      "password_hash",
      "created_at",
    ]);
    const member = insert("memberships", ["workspace_id", "user_id", "role", "created_at"]);
    const addUser = (id: string, k: number) => {
      const email = `user${k}@bench.example.org`;
      // Seeded users cannot log in: the hash is not an argon2 hash.
      user.run(
        id,
        blindIndex("user-email", email, ring),
        sealUserEmail(id, email, ring).token,
        sealUserName(id, `Bench user ${k}`, ring).token,
        "!seeded",
        now,
      );
    };
    plan.workspaceIds.forEach((id, k) => {
      if (k === 0) ws.run(id, "organisation", "Bench legal aid", "bench-legal-aid", now - 800 * 86_400_000);
      else ws.run(id, "personal", "My workspace", null, now);
    });
    // Joined the organisation before signing up for a personal workspace: log-in starts in the organisation.
    member.run(orgWs, benchUserId, "owner", Date.UTC(2020, 0, 1));
    plan.workspaceUsers[0]!.slice(1).forEach((id, k) => {
      addUser(id, 100_000 + k);
      member.run(orgWs, id, "caseworker", now);
    });
    plan.workspaceUsers.slice(1).forEach(([id], k) => {
      addUser(id!, k);
      member.run(plan.workspaceIds[k + 1], id, "owner", now);
    });
  })();

  const present = tablesInSchema();
  const notes: string[] = [];
  const withEvents = present.has("letters") && present.has("request_events");
  const eventPlan = withEvents
    ? planEvents(plan, Math.round(FULL_SCALE.timelineEvents * scale))
    : { natural: 0, total: 0, letters: 0 };
  const counts: Record<string, number> = {
    workspaces: plan.workspaceIds.length,
    subjects: plan.subjectWs.length,
    cases: plan.caseSubject.length,
    exposures: plan.exposureCase.length,
    requests: present.has("letters") ? plan.letterExposure.length : 0,
    timelineEvents: eventPlan.total,
  };
  if (!present.has("letters")) notes.push("requests: no letters table in db/schema.ts yet, 0 seeded");
  if (withEvents)
    log(
      `  timeline: ${eventPlan.total.toLocaleString("en")} events over ${eventPlan.letters.toLocaleString("en")} sent letters (stories gave ${eventPlan.natural.toLocaleString("en")}; trimmed or topped up with notes)`,
    );

  const timing = { timelineSeconds: 0 };
  const pool = new Pool(Math.max(1, availableParallelism()), { plan, secrets });
  try {
    const phases: [TableName, string, number][] = [
      ["subjects", "subjects", counts.subjects!],
      ["cases", "cases", counts.cases!],
      ["exposures", "exposures", counts.exposures!],
      ["letters", "letters", counts.requests!],
      // One job per letter: every event of that letter (its story and notes).
      ["request_events", "request_events", counts.timelineEvents ? counts.requests! : 0],
    ];
    for (const [gen, table, count] of phases) {
      if (count === 0) continue;
      const t = performance.now();
      const columns = gen === "request_events" ? REQUEST_EVENT_COLUMNS : GENERATORS[gen].columns;
      const stmt = insert(table, [...columns]);
      let rowsWritten = 0;
      const write = sqlite.transaction((rows: unknown[][]) => {
        for (const row of rows) stmt.run(row);
        rowsWritten += rows.length;
      });
      await pool.run(gen, count, write);
      const secs = (performance.now() - t) / 1000;
      if (gen === "request_events") timing.timelineSeconds = Math.round(secs * 10) / 10;
      log(`  ${table}: ${rowsWritten.toLocaleString("en")} rows in ${secs.toFixed(1)} s`);
    }
  } finally {
    await pool.close();
  }
  if (counts.requests) {
    const stmt = insert("letter_exposures", LETTER_EXPOSURE_COLUMNS);
    sqlite.transaction(() => {
      plan.letterExposure.forEach((e, l) => {
        const ws = plan.workspaceIds[plan.subjectWs[plan.caseSubject[plan.exposureCase[e]!]!]!];
        stmt.run(benchId("letter", l), benchId("exposure", e), ws);
      });
    })();
  }
  // Each place's state history, as the app's one write path would have left it (the same rows migration 0023
  // backfills): the day found, and the move to its present state. The dashboard's chart reads them.
  if (present.has("exposure_status_changes")) {
    sqlite.exec(`INSERT INTO exposure_status_changes (id, workspace_id, case_id, exposure_id, from_status, to_status, changed_on, at, source)
      SELECT lower(hex(randomblob(16))), workspace_id, case_id, id, NULL, 'active', found_on, created_at, 'import' FROM exposures`);
    sqlite.exec(`INSERT INTO exposure_status_changes (id, workspace_id, case_id, exposure_id, from_status, to_status, changed_on, at, source)
      SELECT lower(hex(randomblob(16))), workspace_id, case_id, id, 'active', status, date(updated_at / 1000, 'unixepoch'), updated_at, 'import' FROM exposures WHERE status <> 'active'`);
  }
  // Planner statistics, as a running installation has them from its earlier starts (scripts/prepare.ts runs
  // the same at every start): the bench's cold start then measures a restart, not the first analysis of a
  // freshly written 2 GB database (~0.2–0.5 s once).
  sqlite.pragma("analysis_limit = 400");
  sqlite.pragma("optimize = 0x10002");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  closeDbForTests();

  const result: SeedResult = {
    counts,
    notes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    timelineSeconds: timing.timelineSeconds,
    reused: false,
    benchCaseId: benchId("case", 0),
    orgWorkspaceId: orgWs,
    orgCases,
  };
  writeFileSync(marker, JSON.stringify({ fingerprint, result }, null, 2));
  return result;
}
