// The server stops gracefully: a second server process, started as `npm start` starts it, on its
// own data folder and port, answers; on SIGTERM it stops its job runner, hands back what it held, closes the
// database and exits 0, and its scheduled jobs are still there, unowned, for the next start.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3199) + 2;

test("SIGTERM: the server and its job runner stop, exit 0, and leave no job claimed", async () => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), "retract-e2e-stop-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      RETRACT_DATA_DIR: dataDir,
      RETRACT_SKIP_BUILD: "true",
      RETRACT_LOG_MAIL: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  child.stderr!.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((ok) =>
    child.on("exit", (code, signal) => ok({ code, signal })),
  );
  await expect.poll(() => out, { timeout: 60_000 }).toContain("Retract is running");
  expect((await fetch(`http://127.0.0.1:${PORT}/login`)).status).toBe(200);
  const db = new Database(join(dataDir, "retract.sqlite"), { readonly: true });
  // The runner has scheduled its recurring work (reminders run at once, then every 30 minutes).
  await expect
    .poll(() => db.prepare("SELECT count(*) AS n FROM jobs WHERE queue = 'reminders'").get(), {
      timeout: 10_000,
    })
    .toEqual({ n: 1 });

  const stoppedAt = Date.now();
  child.kill("SIGTERM");
  expect(await exited, out).toEqual({ code: 0, signal: null });
  expect(Date.now() - stoppedAt).toBeLessThan(15_000);
  // Nothing is left claimed by the process that stopped; the next start runs the scheduled jobs.
  expect(
    db.prepare("SELECT count(*) AS n FROM jobs WHERE state = 'running' OR lease_owner IS NOT NULL").get(),
  ).toEqual({
    n: 0,
  });
  expect(db.prepare("SELECT state FROM jobs WHERE queue = 'reminders'").all()).toEqual([
    { state: "pending" },
  ]);
  db.close();
  await expect(fetch(`http://127.0.0.1:${PORT}/login`)).rejects.toThrow();
});
