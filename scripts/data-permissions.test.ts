// An existing data folder with 755/644 is tightened to 700/600 at start, and a path that cannot be changed is
// named in a warning.
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { tightenDataDir } from "./data-permissions";
import { prepareDataDir } from "./prepare";

const mode = (p: string) => statSync(p).mode & 0o777;

function looseDataDir() {
  const dir = mkdtempSync(join(tmpdir(), "retract-perms-"));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "retract.sqlite"), "db", { mode: 0o644 });
  writeFileSync(join(dir, "retract.sqlite-wal"), "", { mode: 0o644 });
  mkdirSync(join(dir, "evidence"), { mode: 0o755 });
  writeFileSync(join(dir, "evidence", "abc.bin"), "x", { mode: 0o644 });
  chmodSync(join(dir, "evidence"), 0o755);
  return dir;
}

describe("data folder permissions", () => {
  it("tightens an existing 755 folder and 644 files to 700 and 600 when Retract starts", () => {
    const dir = looseDataDir();
    const outside = join(mkdtempSync(join(tmpdir(), "retract-outside-")), "shared.txt");
    writeFileSync(outside, "not ours", { mode: 0o644 });
    symlinkSync(outside, join(dir, "link"));
    const lines: string[] = [];
    prepareDataDir(parseEnv({ RETRACT_DATA_DIR: dir }), (l) => lines.push(l));
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "retract.sqlite"))).toBe(0o600);
    expect(mode(join(dir, "retract.sqlite-wal"))).toBe(0o600);
    expect(mode(join(dir, "evidence"))).toBe(0o700);
    expect(mode(join(dir, "evidence", "abc.bin"))).toBe(0o600);
    expect(mode(join(dir, "secrets.json"))).toBe(0o600);
    expect(mode(outside)).toBe(0o644); // a link is not followed out of the folder
    expect(lines.join("\n")).not.toContain("could not");
  });

  it("warns, naming the path, when a file cannot be changed", () => {
    const dir = looseDataDir();
    const lines: string[] = [];
    const stuck = join(dir, "retract.sqlite");
    const { failed } = tightenDataDir(
      dir,
      (l) => lines.push(l),
      (path, m) => {
        // As a file owned by another user (or on a read-only disk) refuses chmod with EPERM.
        if (path === stuck)
          throw Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" });
        chmodSync(path, m);
      },
    );
    expect(failed).toEqual([stuck]);
    expect(lines.join("\n")).toContain("could not make these readable by its own user only");
    expect(lines.join("\n")).toContain(stuck);
    expect(mode(dir)).toBe(0o700);
  });
});
