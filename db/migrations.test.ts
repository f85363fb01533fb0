// The checked-in migrations must describe db/schema.ts exactly: drizzle-kit finds nothing left to generate.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  it("are in step with the schema", () => {
    // drizzle-kit wants a path relative to the project, so the copy lives in the ignored .cache folder.
    mkdirSync(".cache", { recursive: true });
    const out = relative(process.cwd(), join(mkdtempSync(join(".cache", "migrations-")), "migrations"));
    cpSync("db/migrations", out, { recursive: true });
    const before = readdirSync(out).length;
    const run = spawnSync(
      process.execPath,
      [
        "node_modules/drizzle-kit/bin.cjs",
        "generate",
        "--dialect",
        "sqlite",
        "--schema",
        "./db/schema.ts",
        "--out",
        out,
      ],
      { encoding: "utf8" },
    );
    const log = `${run.stdout}${run.stderr}`;
    expect(run.status, log).toBe(0);
    expect(readdirSync(out).length, log).toBe(before);
    expect(log).toMatch(/No schema changes/i);
    rmSync(join(out, ".."), { recursive: true, force: true });
  }, 60_000);
});
