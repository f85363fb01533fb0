// Backup archives: long paths round-trip (PAX), the system's tar reads what Retract writes, and an archive
// written by the hand-written ustar writer Retract used before tar-stream still reads the same.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractTar, TarWriter } from "./tar.server";

const tmp = () => mkdtempSync(join(tmpdir(), "retract-tar-"));
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function unpackAll(archive: string) {
  const out = tmp();
  const files = new Map<string, string>();
  const entries = await extractTar(archive, (path) => {
    const file = join(out, String(files.size));
    files.set(path, file);
    return file;
  });
  return { entries, read: (path: string) => readFileSync(files.get(path)!) };
}

describe("backup archives", () => {
  it("round-trips paths longer than ustar's 100 bytes, from buffers and from files", async () => {
    const dir = tmp();
    const long = `retract-backup/evidence/${"a-very-long-folder-name/".repeat(8)}${"é".repeat(40)}.bin`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(255);
    const source = join(dir, "source.bin");
    const bytes = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251));
    writeFileSync(source, bytes);
    const archive = join(dir, "long.tar");
    const tar = await TarWriter.create(archive);
    const written = [
      await tar.addFile(long, source),
      await tar.addBuffer("retract-backup/manifest.json", Buffer.from('{"files":[]}\n')),
      await tar.addBuffer("retract-backup/empty", Buffer.alloc(0)),
    ];
    await tar.close();
    expect(written[0]).toEqual({ path: long, size: bytes.length, sha256: sha256(bytes) });

    const { entries, read } = await unpackAll(archive);
    expect(entries).toEqual(written);
    expect(read(long).equals(bytes)).toBe(true);
    expect(read("retract-backup/empty")).toHaveLength(0);
    // GNU tar, as a person restoring by hand would use it, lists the same full paths.
    expect(execFileSync("tar", ["-tf", archive], { encoding: "utf8" }).trim().split("\n")).toEqual(
      written.map((e) => e.path),
    );
  });

  it("refuses to write over an existing file", async () => {
    const archive = join(tmp(), "x.tar");
    writeFileSync(archive, "already here");
    await expect(TarWriter.create(archive)).rejects.toThrow(/EEXIST/);
  });

  it("reads an archive written by the hand-written ustar writer used before", async () => {
    // app/backup/fixtures/handwritten-ustar.tar was written once by that writer: an evidence file, a path of
    // exactly 100 bytes (no NUL in the name field) and a manifest listing the first two with their hashes.
    const { entries, read } = await unpackAll(join(import.meta.dirname, "fixtures", "handwritten-ustar.tar"));
    expect(entries.map((e) => e.path)).toEqual([
      "retract-backup/evidence/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefghijklmnopqrstuvwxyz",
      `retract-backup/${"n".repeat(85)}`,
      "retract-backup/manifest.json",
    ]);
    const manifest = JSON.parse(read("retract-backup/manifest.json").toString("utf8")) as {
      files: { path: string; size: number; sha256: string }[];
    };
    expect(entries.slice(0, 2)).toEqual(manifest.files);
    for (const e of entries) expect(sha256(read(e.path))).toBe(e.sha256);
    expect(read(entries[0]!.path).toString("utf8")).toContain("RXE1 evidence bytes");
  });

  it("refuses what is not a tar archive, and links", async () => {
    const dir = tmp();
    const junk = join(dir, "junk.tar");
    writeFileSync(junk, Buffer.alloc(2048, 7));
    await expect(unpackAll(junk)).rejects.toThrow(/header/i);
    const truncated = join(dir, "truncated.tar");
    writeFileSync(
      truncated,
      readFileSync(join(import.meta.dirname, "fixtures", "handwritten-ustar.tar")).subarray(0, 1000),
    );
    await expect(unpackAll(truncated)).rejects.toThrow();
    const withLink = join(dir, "link.tar");
    execFileSync("ln", ["-s", "/etc/passwd", join(dir, "link")]);
    execFileSync("tar", ["-cf", withLink, "-C", dir, "link"]);
    await expect(unpackAll(withLink)).rejects.toThrow(/something other than files: link/);
  });
});
