// Log-in limits across processes: two processes on one database file (as two workers of `npm start` are) share
// the count of wrong passwords, so five tries spread over both lock the account for that address, and tries sent
// by both at the same moment are still counted one by one.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LOGIN_LIMITS, passwordAttemptSucceeded, takePasswordAttempt } from "~/auth/rate-limit.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";

const script = resolve("tests/integration/rate-limit-child.ts");

/** A child taking `tries` tries; with `wait`, it opens the database, says ready, and starts on `go()`. */
function tries(o: { ip: string; account: string; tries: number; wait?: boolean }) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      script,
      "--ip",
      o.ip,
      "--account",
      o.account,
      "--tries",
      String(o.tries),
      ...(o.wait ? ["--wait"] : []),
    ],
    { env: { ...process.env, RETRACT_DATA_DIR: getEnv().dataDir, NODE_ENV: "test" }, stdio: "pipe" },
  );
  let out = "";
  child.stdout.on("data", (d) => {
    out += String(d);
  });
  child.stderr.on("data", (d) => {
    out += String(d);
  });
  const answers = new Promise<boolean[]>((ok, fail) =>
    child.on("exit", (code) => {
      if (code !== 0) return fail(new Error(`the child failed:\n${out}`));
      ok(JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as boolean[]);
    }),
  );
  const ready = new Promise<void>((ok) => {
    const check = () => (out.includes("ready") || child.exitCode !== null ? ok() : setTimeout(check, 10));
    check();
  });
  return { answers, ready, go: () => child.stdin.end("go\n") };
}

describe("log-in limits shared between processes", () => {
  it("five wrong passwords across two processes lock the account for that address, in this one too", async () => {
    getDb(); // the schema exists before the children open the file
    const account = "shared-limit@example.test";
    const ip = "198.51.100.7";
    expect(LOGIN_LIMITS.perAccountAddress.points).toBe(5);
    expect(await tries({ ip, account, tries: 3 }).answers).toEqual([true, true, true]);
    expect(await tries({ ip, account, tries: 3 }).answers).toEqual([true, true, false]);
    const here = takePasswordAttempt(ip, account);
    expect(here.ok).toBe(false);
    // Another address is not locked out of the account.
    expect(takePasswordAttempt("198.51.100.8", account).ok).toBe(true);
    // A right password in this process lifts the lock the other processes counted.
    passwordAttemptSucceeded(ip, account);
    expect(await tries({ ip, account, tries: 1 }).answers).toEqual([true]);
  }, 60_000);

  it("tries sent by two processes at the same moment are counted one by one: exactly five are let through", async () => {
    getDb();
    const account = "racing-limit@example.test";
    const ip = "203.0.113.9";
    const children = [
      tries({ ip, account, tries: 10, wait: true }),
      tries({ ip, account, tries: 10, wait: true }),
    ];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const answers = (await Promise.all(children.map((c) => c.answers))).flat();
    expect(answers).toHaveLength(20);
    const allowed = answers.filter(Boolean).length;
    expect(allowed).toBe(LOGIN_LIMITS.perAccountAddress.points);
    expect(takePasswordAttempt(ip, account).ok).toBe(false);
  }, 60_000);
});
