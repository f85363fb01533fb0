// The server under test: the build lock, a production build, start-up timing, log-in, load with autocannon,
// memory of the server process, and the first-load JavaScript of the main pages.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

/** Holds /tmp/retract-build.lock (shared with the browser tests) until release() is called. */
export async function holdBuildLock(log: (l: string) => void) {
  const holder = spawn("flock", ["/tmp/retract-build.lock", "sh", "-c", "echo locked; read _"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const waiting = setTimeout(
    () => log("Waiting for the build lock (another helper's build or browser tests)…"),
    2000,
  );
  await new Promise<void>((ok, fail) => {
    holder.stdout!.once("data", () => ok());
    holder.once("exit", (code) => fail(new Error(`flock exited with ${code}`)));
  });
  clearTimeout(waiting);
  return {
    release() {
      holder.stdin!.end();
    },
  };
}

export function buildProduction() {
  const started = performance.now();
  const r = spawnSync(process.execPath, [resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("npx remix build failed; see the messages above.");
  // As `npm run build` does: the server's start-up code precompiled, so the cold start below runs plain JS.
  const c = spawnSync(process.execPath, [resolve("scripts/compile-start.mjs")], { stdio: "inherit" });
  if (c.status !== 0) throw new Error("scripts/compile-start.mjs failed; see the messages above.");
  return Math.round(performance.now() - started);
}

type Manifest = {
  entry: { module: string; imports?: string[] };
  url?: string;
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
};

/** First-load JavaScript per page: manifest + entry + every route module of the match, gzip each, in KB. */
export function firstLoadJs(routeIds: Record<string, string>) {
  const url = /url: "(\/build\/manifest-[A-Z0-9]+\.js)"/.exec(readFileSync("build/index.js", "utf8"))?.[1];
  if (!url) throw new Error("no manifest URL in build/index.js");
  const file = (u: string) => join("public", u);
  const manifestText = readFileSync(file(url), "utf8");
  const manifest = JSON.parse(
    manifestText.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, ""),
  ) as Manifest;
  const gz = new Map<string, number>();
  const size = (u: string) => {
    if (!gz.has(u)) gz.set(u, gzipSync(readFileSync(file(u)), { level: 9 }).length);
    return gz.get(u)!;
  };
  const out: Record<string, number> = {};
  for (const [name, routeId] of Object.entries(routeIds)) {
    const files = new Set<string>([url, manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
      const r = manifest.routes[id];
      if (!r) throw new Error(`route ${id} is not in the build manifest`);
      files.add(r.module);
      for (const i of r.imports ?? []) files.add(i);
    }
    const bytes = [...files].reduce((a, u) => a + size(u), 0);
    out[name] = Math.round(bytes / 102.4) / 10;
  }
  return out;
}

export type Server = {
  proc: ChildProcess;
  base: string;
  coldStartMs: number;
  stop: () => Promise<void>;
  /** With `{ heapProbe: true }`: the V8 heap still live after a full collection, in MB (liveHeapMb). */
  liveHeapMb?: () => Promise<number>;
};

/**
 * Spawns what `npm start` runs (production, no build, no jobs) and times it until /login answers 200.
 * `heapProbe` also starts it with `--trace-gc` and a heap-snapshot signal, for liveHeapMb (decision 105).
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  { heapProbe = false } = {},
): Promise<Server> {
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const snapshots = heapProbe ? mkdtempSync(join(tmpdir(), "retract-bench-heap-")) : "";
  const flags = heapProbe
    ? ["--trace-gc", "--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshots}`]
    : [];
  const proc = spawn(process.execPath, [...flags, "scripts/start.mjs"], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      RETRACT_SKIP_BUILD: "true",
      RETRACT_DISABLE_JOBS: "true",
    },
    stdio: ["ignore", heapProbe ? "pipe" : "ignore", "pipe"],
  });
  // --trace-gc prints each collection on stdout: "Mark-Compact (reduce) 94.7 (125.7) -> 44.3 (89.7) MB, …".
  const fullGcs: number[] = [];
  let gcTail = "";
  proc.stdout?.on("data", (d) => {
    const lines = (gcTail + String(d)).split("\n");
    gcTail = lines.pop() ?? "";
    for (const line of lines) {
      const m = /Mark-Compact \(reduce\) [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (m && line.includes("heap profiler")) fullGcs.push(Number(m[1]));
    }
  });
  let stderr = "";
  proc.stderr!.on("data", (d) => {
    stderr += d;
  });
  let exited = false;
  proc.once("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`The server exited during start-up:\n${stderr}`);
    if (performance.now() - started > 120_000) throw new Error("The server did not answer within 120 s");
    try {
      const r = await fetch(`${base}/login`);
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 10));
  }
  const coldStartMs = Math.round(performance.now() - started);
  return {
    proc,
    base,
    coldStartMs,
    stop: () =>
      new Promise((ok) => {
        if (exited) return ok();
        proc.once("exit", () => {
          if (snapshots) rmSync(snapshots, { recursive: true, force: true });
          ok();
        });
        proc.kill("SIGTERM");
      }),
    ...(heapProbe && {
      liveHeapMb: async () => {
        // A heap snapshot collects all garbage first (twice: V8 logs both as "heap profiler"); the second's
        // figure is what stays live. The snapshot file itself is of no use here and is deleted at once.
        const before = fullGcs.length;
        proc.kill("SIGUSR2");
        const until = performance.now() + 60_000;
        while (fullGcs.length < before + 2 && performance.now() < until)
          await new Promise((ok) => setTimeout(ok, 50));
        if (fullGcs.length < before + 2)
          throw new Error("The server logged no full collection for its heap snapshot");
        // The snapshot is written on the server's main thread: it answers again once the file is complete.
        await (await fetch(`${base}/login`)).arrayBuffer();
        for (const f of readdirSync(snapshots)) rmSync(join(snapshots, f), { force: true });
        return Math.round(Math.min(...fullGcs.slice(before)));
      },
    }),
  };
}

/** Resident memory (MB) of the node process that serves: the largest in the spawned process tree. */
export function serverRssMb(pid: number): number {
  const tree = [pid];
  for (let k = 0; k < tree.length; k++) {
    const p = tree[k]!;
    const childrenFile = `/proc/${p}/task/${p}/children`;
    if (existsSync(childrenFile))
      tree.push(...readFileSync(childrenFile, "utf8").split(/\s+/).filter(Boolean).map(Number));
  }
  const rss = tree.map((p) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  });
  return Math.round(Math.max(...rss) / 1024);
}

/** Logs in once through the real form and returns the session cookie. */
export async function logIn(base: string, email: string, password: string) {
  const r = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = r.headers.get("set-cookie");
  if (r.status !== 302 || !cookie) throw new Error(`Log-in failed: ${r.status} ${await r.text()}`);
  return cookie.split(";")[0]!;
}

export type LoadResult = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/**
 * 20 connections for `seconds` after a short warm-up. Every request carries its own X-Forwarded-For (the
 * server trusts one proxy here), as if many clients sat behind a reverse proxy: otherwise the per-address
 * limit of the public directory would answer 429 after 120 requests and the figure would measure the limiter.
 */
export async function load(
  base: string,
  path: string,
  { cookie, seconds, warmup }: { cookie?: string; seconds: number; warmup: number },
): Promise<LoadResult> {
  let n = 0;
  const opts = (duration: number) => ({
    url: base + path,
    connections: 20,
    duration,
    headers: cookie ? { cookie } : {},
    requests: [
      {
        setupRequest: (req: { headers?: Record<string, string> }) => {
          n++;
          req.headers = {
            ...req.headers,
            "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          };
          return req;
        },
      },
    ],
  });
  if (warmup > 0) await run(opts(warmup), () => {});
  // Exact percentiles from every response time (autocannon's summary has p90 and p97.5 but no p95).
  const times: number[] = [];
  const r = await run(opts(seconds), (ms) => times.push(ms));
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    times.length
      ? Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]! * 10) / 10
      : 0;
  return {
    rps: Math.round(r.requests.total / r.duration),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function run(opts: object, onTime: (ms: number) => void) {
  return new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(opts as autocannon.Options, (err, result) => (err ? fail(err) : ok(result)));
    instance.on("response", (_client, _status, _bytes, ms) => onTime(ms));
  });
}
