// `npm start` on every core (RETRACT_WORKERS=2, decision 125): two worker processes serve one port and one
// database; five wrong passwords spread over both workers lock the address (the limits are in the database,
// decision 124); a worker killed with SIGKILL is replaced and the pages keep being served; SIGTERM to the
// primary stops every worker, exit 0, with no job left claimed.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3199) + 4;
const base = `http://127.0.0.1:${PORT}`;

/** The worker processes the primary forked (Linux: its main thread's children). */
function workersOf(pid: number) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

/** A wrong password, on a connection of its own (no keep-alive): the primary hands connections out in turn. */
function wrongPassword() {
  const body = new URLSearchParams({
    email: "nobody-here@example.test",
    password: "not the password",
  }).toString();
  return new Promise<{ status: number; text: string }>((ok, fail) => {
    const req = request(
      `${base}/login`,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => ok({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}

test("two workers: shared log-in limits, a killed worker replaced, a graceful stop of all", async () => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), "retract-e2e-cores-"));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      RETRACT_DATA_DIR: dataDir,
      RETRACT_SKIP_BUILD: "true",
      RETRACT_LOG_MAIL: "false",
      RETRACT_WORKERS: "2",
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
  try {
    await expect.poll(() => out, { timeout: 90_000 }).toContain("2 worker processes");
    const first = workersOf(child.pid!);
    expect(first).toHaveLength(2);

    // Each request is a new connection, handed to the workers in turn: the tries land on both.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await wrongPassword();
      statuses.push(r.status);
      if (i === 5) expect(r.text).toContain("Too many attempts");
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses[5]).toBe(429);

    // A crashed worker is replaced; the survivor serves meanwhile.
    process.kill(first[0]!, "SIGKILL");
    await expect.poll(() => out, { timeout: 10_000 }).toContain("A worker process stopped unexpectedly");
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/login`)).status).toBe(200);
    await expect
      .poll(() => workersOf(child.pid!).filter((p) => !first.includes(p)).length, { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => workersOf(child.pid!).length, { timeout: 20_000 }).toBe(2);
    expect((await wrongPassword()).status).toBe(429);

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    expect(await exited, out).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    const db = new Database(join(dataDir, "retract.sqlite"), { readonly: true });
    expect(
      db.prepare("SELECT count(*) AS n FROM jobs WHERE state = 'running' OR lease_owner IS NOT NULL").get(),
    ).toEqual({ n: 0 });
    db.close();
    await expect(fetch(`${base}/login`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});
