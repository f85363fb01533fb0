// `npm start`: settings → data folder and keys → migrations and seed data → build if needed → serve, from this
// process or from RETRACT_WORKERS worker processes (node:cluster, one per core by default) sharing the port.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { z } from "zod";
import type { Env } from "~/env.server";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "./prepare";
import { createApp } from "./server";

const started = performance.now();
const BUILD = resolve("build/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const sources = Math.max(newestMtime(resolve("app")), statSync("remix.config.js").mtimeMs);
  if (existsSync(BUILD) && statSync(BUILD).mtimeMs >= sources && process.env.RETRACT_FORCE_BUILD !== "true")
    return;
  console.log("Building Retract (this happens once after each change)…");
  const r = spawnSync(process.execPath, [resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(1);
  }
}

/**
 * How many HTTP worker processes serve (decision 125): RETRACT_WORKERS, else one per core. 1 serves from this
 * process, as before. `npm run dev` always runs one (remix dev watches a single server).
 */
function workerCount(env: Env): number {
  if (env.NODE_ENV === "development") return 1;
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .optional()
    .safeParse(process.env.RETRACT_WORKERS?.trim() || undefined);
  if (!parsed.success) {
    console.error("RETRACT_WORKERS must be a whole number from 1 to 64 (or unset for one per core).");
    process.exit(1);
  }
  return parsed.data ?? Math.max(1, availableParallelism());
}

const where = (env: Env) => `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;

function announce(env: Env, workers: number) {
  const ms = Math.round(performance.now() - started);
  const processes = workers === 1 ? "" : `, ${workers} worker processes`;
  console.log(`Retract is running at ${where(env)} (ready in ${ms} ms${processes})`);
  if (env.HOST === "127.0.0.1") console.log(`Open http://localhost:${env.PORT} in your browser.`);
  // `npm run cli -- restore` refuses while this names a live process (the primary, when there are workers).
  writeFileSync(join(env.dataDir, "server.pid"), `${process.pid}\n`, { mode: 0o600 });
}

/** How long running background jobs get to finish on SIGTERM before they are handed back. */
const JOBS_STOP_MS = 10_000;

/**
 * Serves in this process: the only one (RETRACT_WORKERS=1) or one worker of several. A graceful stop (SIGTERM,
 * SIGINT, or the primary's stop message): no new connections, the job runner stops claiming and lets running
 * jobs finish (or hands them back for another process), the database closes, exit 0. A second signal exits at
 * once.
 */
async function serve(env: Env, { worker }: { worker: boolean }) {
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = createApp({ build, env });
  const server = app.listen(env.PORT, env.HOST, () => {
    if (!worker) announce(env, 1);
    // Under `npm run dev` (remix dev), tell the watcher the new build is being served.
    if (env.NODE_ENV === "development") void broadcastDevReady(build);
  });
  if (!worker) process.on("exit", () => rmSync(join(env.dataDir, "server.pid"), { force: true }));

  const entry = build.entry.module as { shutdown?: (timeoutMs: number) => Promise<void> };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), JOBS_STOP_MS + 5000).unref();
    void (entry.shutdown?.(JOBS_STOP_MS) ?? Promise.resolve())
      .catch((e) => console.error(`Stopping the background jobs failed: ${(e as Error).name}`))
      .finally(() => process.exit(0));
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.on(signal, () => {
      if (stopping) process.exit(0);
      stop();
    });
  // The primary's stop is a message, not a signal, so that it never counts as the "second signal" of a
  // Ctrl-C that reached the whole process group.
  process.on("message", (m) => {
    if (m === STOP_MESSAGE) stop();
  });
}

const STOP_MESSAGE = "retract:stop";
/** A worker that crashes is started again after this long, doubled for each crash in a row, up to the cap. */
const RESTART_MS = { first: 500, max: 30_000, calmAfter: 60_000 };

/** The primary of several workers: forks them, restarts a crashed one with backoff, stops them all on SIGTERM. */
function superviseWorkers(env: Env, workers: number) {
  let stopping = false;
  let crashesInARow = 0;
  let listening = 0;
  /** Live workers by id, with when each started. */
  const startedAt = new Map<number, number>();
  const fork = () => {
    const w = cluster.fork();
    startedAt.set(w.id, Date.now());
    w.once("listening", () => {
      listening += 1;
      if (listening === workers) announce(env, workers);
    });
  };
  cluster.on("exit", (w, code, signal) => {
    const lived = Date.now() - (startedAt.get(w.id) ?? Date.now());
    startedAt.delete(w.id);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    crashesInARow = lived > RESTART_MS.calmAfter ? 1 : crashesInARow + 1;
    const wait = Math.min(RESTART_MS.max, RESTART_MS.first * 2 ** (crashesInARow - 1));
    console.error(
      `A worker process stopped unexpectedly (${signal ?? `exit code ${code}`}); starting another in ${Math.round(wait / 100) / 10} s.`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, wait);
  });
  for (let i = 0; i < workers; i++) fork();
  process.on("exit", () => rmSync(join(env.dataDir, "server.pid"), { force: true }));

  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.on(signal, () => {
      if (stopping) {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
        process.exit(0);
      }
      stopping = true;
      const live = Object.values(cluster.workers ?? {});
      if (startedAt.size === 0) process.exit(0);
      for (const w of live) if (w?.isConnected()) w.send(STOP_MESSAGE);
      // Workers drain as a single process does; one that hangs past that is killed.
      setTimeout(() => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
        process.exit(0);
      }, JOBS_STOP_MS + 6000).unref();
    });
}

const env = loadEnvOrExit();
if (cluster.isPrimary) {
  // Once, before any worker: keys, migrations, seed data, the build.
  prepareDataDir(env);
  const db = await migrateAndSeed(env);
  db.$client.close();
  if (env.NODE_ENV === "production" && process.env.RETRACT_SKIP_BUILD !== "true") buildIfNeeded();
  const workers = workerCount(env);
  if (workers === 1) await serve(env, { worker: false });
  else superviseWorkers(env, workers);
} else {
  await serve(env, { worker: true });
}
