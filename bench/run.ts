// `npm run bench [-- --quick] [-- --reseed]`: seeds a separate data folder at realistic scale, builds in
// production mode, starts the server and measures it. Writes bench/results.json and prints a markdown table
// (copied into docs/benchmarks.md). Figures are stated as ratios to a light page measured in the same run,
// because absolute numbers depend on the machine and whatever else it is doing.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    reseed: { type: "boolean", default: false },
    port: { type: "string" },
  },
});
const quick = args.quick;
const mode = quick ? "quick" : "full";
const dataDir = resolve("bench/data", mode);
const port = Number(args.port ?? (quick ? 3917 : 3918));
const SCALE = quick ? 0.05 : 1;
const SECONDS = quick ? 4 : 10;
const WARMUP = quick ? 1 : 2;
const BULK_LINES = quick ? 2_500 : 25_000;
/** The pages measured again on N workers: the ceiling and the main pages. */
const MAIN_PAGES = ["bare", "dashboard", "casePage", "caseTimeline"];

// The app's modules read these once, on first use: set them before importing any of them.
process.env.RETRACT_DATA_DIR = dataDir;
process.env.NODE_ENV = "production";
process.env.RETRACT_DISABLE_JOBS = "true";

const log = (line: string) => console.error(line);
const t0 = performance.now();
const since = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

const { seedBench, BENCH_USER } = await import("./seed");
const { timeBulk } = await import("./bulk");
const { timeDiff } = await import("./diff");
const { buildProduction, firstLoadJs, holdBuildLock, load, logIn, serverRssMb, startServer } = await import(
  "./server"
);

log(`Retract bench (${mode}): seeding ${dataDir}…`);
const seed = await seedBench({ dataDir, scale: SCALE, reseed: args.reseed, log });
log(`[${since()}] seeded${seed.reused ? " (reused)" : ` in ${seed.seconds} s`}.`);

log(`[${since()}] timing the largest bulk operations…`);
const bulk = await timeBulk({ lines: BULK_LINES, orgWorkspaceId: seed.orgWorkspaceId });
// Bulk letters of an employer incident (500 × 50 cells), in a child process with its own data folder.
log(`[${since()}] bulk letters of an incident (bench/bulk-letters.ts)…`);
const letters = benchBulkLetters(quick);
// The letter page's "what you changed" diff on a 50,000-line body (bench/diff.ts), in this process.
const diff = timeDiff();
// The outbox's send rate to a local SMTP server (bench/outbox.ts), in a child process with its own data folder.
log(`[${since()}] outbox send rate (bench/outbox.ts)…`);
const mail = benchOutbox(quick);

const lock = await holdBuildLock(log);
const results: Record<string, unknown> = {};
let table = "";
try {
  log(`[${since()}] building (production)…`);
  const buildMs = buildProduction();
  const js = firstLoadJs({
    login: "routes/login",
    dashboard: "routes/_index",
    casePage: "routes/cases.$caseId._index",
    directory: "routes/directory._index",
    deadlines: "routes/deadlines",
    // The heavy form pages, which carried all of zod until decision 135.
    requestPage: "routes/cases.$caseId.requests.$letterId",
    exposurePage: "routes/cases.$caseId.exposures.$exposureId",
    newCase: "routes/cases.new",
    incidentProgress: "routes/incidents.$incidentId.progress",
  });
  log(`[${since()}] built in ${(buildMs / 1000).toFixed(1)} s; starting the server…`);
  // Cold start: the median of three starts (the last one stays up for the pages).
  // One worker for the figures below: "one thread's ceiling"; the N-worker run follows (decision 126).
  const serverEnv = { RETRACT_DATA_DIR: dataDir, RETRACT_TRUST_PROXY: "true", RETRACT_WORKERS: "1" };
  const starts: number[] = [];
  for (let i = 0; i < 2; i++) {
    const s = await startServer(serverEnv, port);
    starts.push(s.coldStartMs);
    await s.stop();
  }
  // This one also reports its live heap after the load (decision 105).
  const server = await startServer(serverEnv, port, { heapProbe: true });
  starts.push(server.coldStartMs);
  const coldStartMs = [...starts].sort((a, b) => a - b)[1]!;
  log(`[${since()}] cold starts: ${starts.join(", ")} ms (median ${coldStartMs})`);
  try {
    const cookie = await logIn(server.base, BENCH_USER.email, BENCH_USER.password);
    const lastPage = Math.max(1, Math.ceil(seed.orgCases / 50));
    const targets: [string, string, string | undefined, string][] = [
      ["bare", "/login", undefined, "Ceiling: the log-in page (root layout + a form, no database)"],
      ["dashboard", "/", cookie, `Dashboard: first 50 of ${seed.orgCases.toLocaleString("en")} cases`],
      [
        "caseList",
        `/?page=${lastPage}`,
        cookie,
        `Case list, last page (${lastPage}) of the organisation's cases`,
      ],
      ["casePage", `/cases/${seed.benchCaseId}`, cookie, "Case page with 200 exposures"],
      ["directorySearch", "/directory?q=google", undefined, "Directory search page (?q=google)"],
      ["recipientsApi", "/api/v1/recipients?q=google", undefined, "GET /api/v1/recipients?q=google"],
      [
        "deadlineApi",
        "/api/v1/deadline?regime=gdpr-month&received=2026-11-02&country=DE",
        undefined,
        "GET /api/v1/deadline (GDPR, DE)",
      ],
      // Last: the heaviest page (every letter and event of the case); a backlog it leaves cannot skew the others.
      [
        "caseTimeline",
        `/cases/${seed.benchCaseId}/timeline`,
        cookie,
        "Requests and timeline of the 200-exposure case (newest 50 of its ~600 requests, newest 100 of ~3,000 events)",
      ],
    ];
    const measured: Record<string, Awaited<ReturnType<typeof load>> & { path: string; label: string }> = {};
    for (const [key, path, c, label] of targets) {
      const r = await load(server.base, path, { cookie: c, seconds: SECONDS, warmup: WARMUP });
      measured[key] = { ...r, path, label };
      log(`[${since()}] ${key}: ${r.rps} req/s, p95 ${r.p95} ms${r.non2xx ? ` (${r.non2xx} non-2xx!)` : ""}`);
    }
    const rssMb = serverRssMb(server.proc.pid!);
    const liveHeapMb = await server.liveHeapMb!();
    log(
      `[${since()}] server RSS after the load ${rssMb} MB; live heap after a full collection ${liveHeapMb} MB`,
    );
    await server.stop();

    // The same pages on every core (RETRACT_WORKERS = N), as a share of the machine's limit: N × what one
    // worker served above. The load generator runs in this process and shares the cores.
    const workers = availableParallelism();
    const many: Record<string, { rps: number; p95: number; ofLimit: number | null }> = {};
    if (workers > 1) {
      const cluster = await startServer({ ...serverEnv, RETRACT_WORKERS: String(workers) }, port);
      try {
        const clusterCookie = await logIn(cluster.base, BENCH_USER.email, BENCH_USER.password);
        for (const [key, path, c] of targets.filter(([k]) => MAIN_PAGES.includes(k))) {
          const r = await load(cluster.base, path, {
            cookie: c ? clusterCookie : undefined,
            seconds: SECONDS,
            warmup: WARMUP,
          });
          const one = measured[key]!.rps;
          // null when the one-worker run served nothing to compare with (an overloaded machine).
          const ofLimit = one > 0 ? Math.round((r.rps / (workers * one)) * 100) / 100 : null;
          many[key] = { rps: r.rps, p95: r.p95, ofLimit };
          log(
            `[${since()}] ${key} on ${workers} workers: ${r.rps} req/s (${ofLimit} of ${workers} × one worker)`,
          );
        }
      } finally {
        await cluster.stop();
      }
    }

    const bare = measured.bare!.rps;
    for (const [key, m] of Object.entries(measured)) {
      results[`${key}.rps`] = m.rps;
      results[`${key}.p50Ms`] = m.p50;
      results[`${key}.p95Ms`] = m.p95;
      results[`${key}.p99Ms`] = m.p99;
      results[`${key}.ratioToBare`] = Math.round((m.rps / bare) * 100) / 100;
      results[`${key}.non2xx`] = m.non2xx + m.errors;
    }
    Object.assign(results, {
      coldStartMs,
      coldStartsMs: starts.join(", "),
      rssAfterLoadMb: rssMb,
      liveHeapAfterGcMb: liveHeapMb,
      ...Object.fromEntries(Object.entries(js).map(([k, v]) => [`firstLoadJsGzipKb.${k}`, v])),
      "bulk.exposuresAddMs": bulk.exposuresMs,
      "bulk.exposuresAddLines": bulk.lines,
      "bulk.lettersMs": letters ? letters.snapshotMs + letters.runMs : bulk.lettersMs,
      "bulk.lettersNote": letters
        ? `${(letters.people * letters.recipients).toLocaleString("en")} cells (${letters.people} × ${letters.recipients}), ${letters.items.toLocaleString("en")} with a letter on offer (the job's items): ${letters.queued} queued, ${letters.generated} web form/PDF, ${letters.skipped} skipped, ${letters.failed} failed; a page logging a read: p95 ${letters.page.idleP95Ms} → ${letters.page.busyP95Ms} ms while it runs (× ${letters.page.ratio})`
        : bulk.lettersNote,
      "bulk.lettersPageP95Ratio": letters?.page.ratio ?? null,
      "diff.lines": diff.lines,
      "diff.ms": diff.ms,
      "diff.rssDeltaMb": diff.rssDeltaMb,
      "diff.ratioToTenSmall": diff.ratioToTenSmall,
      "outbox.sendRatePerSecond": mail?.sendRatePerSecond ?? null,
      "outbox.letters": mail?.received ?? null,
      "outbox.sendMs": mail?.sendMs ?? null,
      "outbox.pooled": mail?.pooled ?? null,
      "outbox.unpooledSendRatePerSecond": mail?.unpooled.sendRatePerSecond ?? null,
      "outbox.note": mail
        ? `${mail.received.toLocaleString("en")} of ${mail.letters.toLocaleString("en")} letters to smtp-server on 127.0.0.1 in ${(mail.sendMs / 1000).toFixed(1)} s by drainOutbox, pooled (maxConnections ${mail.maxConnections}); one connection per letter (before): ${mail.unpooled.sendRatePerSecond} letters/s`
        : "bench/outbox.ts failed (see the log)",
      buildMs,
      workers,
      ...Object.fromEntries(
        Object.entries(many).flatMap(([k, m]) => [
          [`workers.${k}.rps`, m.rps],
          [`workers.${k}.p95Ms`, m.p95],
          [`workers.${k}.ratioToLimit`, m.ofLimit],
        ]),
      ),
    });
    table = markdown(measured, results, js, bare) + workersTable(workers, measured, many);
  } finally {
    await server.stop();
  }
} finally {
  lock.release();
}

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  date: new Date().toISOString(),
  mode,
};
const output = {
  machine,
  data: {
    ...seed.counts,
    seedSeconds: seed.seconds,
    timelineSeedSeconds: seed.timelineSeconds ?? null,
    seedReused: seed.reused,
    notes: seed.notes,
  },
  results,
  totalSeconds: Math.round((performance.now() - t0) / 1000),
};
writeFileSync("bench/results.json", `${JSON.stringify(output, null, 2)}\n`);

const header = [
  `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; ${mode} run on ${machine.date.slice(0, 10)}, ${output.totalSeconds} s in all.`,
  `Data: ${Object.entries(seed.counts)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ")}${seed.notes.length ? ` (${seed.notes.join("; ")})` : ""}${
    seed.reused
      ? " (reused)"
      : `; seeded in ${seed.seconds} s, of which timeline events ${seed.timelineSeconds ?? 0} s`
  }.`,
  "",
].join("\n");
console.log(header + table);
updateDocs(header + table);
log(`[${since()}] done: bench/results.json${quick ? "" : " and docs/benchmarks.md"}.`);

/** Runs bench/outbox.ts (quick: 300 letters, full: 2,000) and returns its JSON line, or null when it failed. */
function benchOutbox(quickRun: boolean) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/outbox.ts", "--json", "--letters", quickRun ? "300" : "2000"],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as {
      letters: number;
      received: number;
      sendMs: number;
      pooled: boolean;
      maxConnections: number;
      sendRatePerSecond: number;
      unpooled: { sendRatePerSecond: number };
    };
  } catch {
    log(`outbox bench failed:\n${r.stderr}`);
    return null;
  }
}

/** Runs bench/bulk-letters.ts (quick: 100 × 10) and returns its JSON line, or null when it failed. */
function benchBulkLetters(quickRun: boolean) {
  const size = quickRun ? ["--people", "100", "--recipients", "10"] : [];
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/bulk-letters.ts", "--json", ...size], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as {
      items: number;
      people: number;
      recipients: number;
      queued: number;
      generated: number;
      skipped: number;
      failed: number;
      snapshotMs: number;
      runMs: number;
      page: { idleP95Ms: number; busyP95Ms: number; ratio: number };
    };
  } catch {
    log(`bulk letters bench failed:\n${r.stderr}`);
    return null;
  }
}

function workersTable(
  workers: number,
  one: Record<string, { rps: number; label: string }>,
  many: Record<string, { rps: number; p95: number; ofLimit: number | null }>,
) {
  if (workers <= 1) return "\nAll cores: this machine has one core, so there is no N-worker run.\n";
  const rows = Object.entries(many).map(
    ([k, m]) =>
      `| ${one[k]!.label} | ${one[k]!.rps} | ${m.rps} | ${m.p95} | ${m.ofLimit === null ? "—" : `${Math.round(m.ofLimit * 100)} %`} |`,
  );
  return [
    "",
    `All cores: RETRACT_WORKERS=1 against RETRACT_WORKERS=${workers} in the same run; the share is of the machine's limit, ${workers} × one worker's rate (the load generator shares the cores).`,
    "",
    `| page | req/s, 1 worker | req/s, ${workers} workers | p95 ms, ${workers} workers | share of ${workers} × one |`,
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

function markdown(
  measured: Record<
    string,
    { rps: number; p50: number; p95: number; p99: number; label: string; non2xx: number }
  >,
  r: Record<string, unknown>,
  js: Record<string, number>,
  bare: number,
) {
  const goalPage = (key: string, m: { rps: number; p95: number }) =>
    key === "dashboard" || key === "caseList"
      ? m.rps / bare >= 0.7 && m.p95 <= 30
        ? "✅ ≥ 70 %, p95 ≤ 30 ms"
        : "❌ goal ≥ 70 %, p95 ≤ 30 ms"
      : "";
  const rows = Object.entries(measured).map(
    ([key, m]) =>
      `| ${m.label}${m.non2xx ? ` (${m.non2xx} non-2xx)` : ""} | ${m.rps} | ${m.p50} | ${m.p95} | ${m.p99} | ${Math.round((m.rps / bare) * 100)} % | ${goalPage(key, m)} |`,
  );
  const ok = (good: boolean) => (good ? "✅" : "❌");
  const maxJs = Math.max(...Object.values(js));
  const lines = [
    "| Page (20 connections) | req/s | p50 ms | p95 ms | p99 ms | of ceiling | goal |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    "| Figure | value | goal |",
    "| --- | ---: | --- |",
    `| Cold start to first 200 (median of 3) | ${r.coldStartMs} ms | ${ok((r.coldStartMs as number) <= 1500)} ≤ 1,500 ms |`,
    `| Server's live heap after the load (after a full collection) | ${r.liveHeapAfterGcMb} MB | ${ok((r.liveHeapAfterGcMb as number) <= 100)} ≤ 100 MB |`,
    `| Server RSS after the load | ${r.rssAfterLoadMb} MB | — (with garbage V8 has not collected yet and ~50 MB of the node binary: decision 105) |`,
    ...Object.entries(js).map(
      ([k, v]) => `| First-load JS (gzip), ${k} | ${v} KB | ${ok(v <= 120)} ≤ 120 KB |`,
    ),
    `| Bulk add of ${(r["bulk.exposuresAddLines"] as number).toLocaleString("en")} exposures (createExposuresBulk) | ${r["bulk.exposuresAddMs"]} ms | — |`,
    `| Bulk render-and-queue of letters | ${r["bulk.lettersMs"] ?? "n/a"} | ≤ 10 s for 25,000 (${r["bulk.lettersNote"]}) |`,
    `| Letter page diff of a ${(r["diff.lines"] as number).toLocaleString("en")}-line body (the diff package) | ${r["diff.ms"]} ms, +${r["diff.rssDeltaMb"]} MB RSS | ≈ linear: × ${r["diff.ratioToTenSmall"]} the time of ten 5,000-line diffs |`,
    `| Outbox send rate (pooled SMTP, local smtp-server) | ${r["outbox.sendRatePerSecond"] ?? "n/a"} letters/s | — (${r["outbox.note"]}) |`,
    "",
    `Largest first-load JS: ${maxJs} KB.`,
  ];
  return lines.join("\n");
}

function updateDocs(section: string) {
  if (quick) return; // docs/benchmarks.md keeps the latest full run
  const file = "docs/benchmarks.md";
  const text = readFileSync(file, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) return;
  writeFileSync(file, `${text.slice(0, a + begin.length)}\n${section}\n${text.slice(b)}`);
}
