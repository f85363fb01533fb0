// `npm start`: settings → data folder and keys → migrations and seed data → build if needed → serve.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
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

const env = loadEnvOrExit();
prepareDataDir(env);
const db = await migrateAndSeed(env);
db.$client.close();
if (env.NODE_ENV === "production" && process.env.RETRACT_SKIP_BUILD !== "true") buildIfNeeded();

const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
const app = createApp({ build, env });
const server = app.listen(env.PORT, env.HOST, () => {
  const ms = Math.round(performance.now() - started);
  console.log(
    `Retract is running at http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT} (ready in ${ms} ms)`,
  );
  if (env.HOST === "127.0.0.1") console.log(`Open http://localhost:${env.PORT} in your browser.`);
  // `npm run cli -- restore` refuses while this names a live process.
  writeFileSync(join(env.dataDir, "server.pid"), `${process.pid}\n`, { mode: 0o600 });
  // Under `npm run dev` (remix dev), tell the watcher the new build is being served.
  if (env.NODE_ENV === "development") void broadcastDevReady(build);
});

process.on("exit", () => rmSync(join(env.dataDir, "server.pid"), { force: true }));

/** How long running background jobs get to finish on SIGTERM before they are handed back. */
const JOBS_STOP_MS = 10_000;
const entry = build.entry.module as { shutdown?: (timeoutMs: number) => Promise<void> };
let stopping = false;

// A graceful stop: no new connections, the job runner stops claiming and lets running jobs finish (or hands them
// back for the next process), the database closes, exit 0. A second signal exits at once.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(0);
    stopping = true;
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), JOBS_STOP_MS + 5000).unref();
    void (entry.shutdown?.(JOBS_STOP_MS) ?? Promise.resolve())
      .catch((e) => console.error(`Stopping the background jobs failed: ${(e as Error).name}`))
      .finally(() => process.exit(0));
  });
}
