// A minimal POSIX ustar writer and reader for regular files: enough for backups that `tar -tf` can list and
// `tar -xf` can unpack by hand, without a dependency. Files are streamed in chunks and hashed on the way.
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";

const BLOCK = 512;
const CHUNK = 1 << 20;

function header(name: string, size: number, mtime: Date) {
  if (Buffer.byteLength(name) > 100) throw new Error(`Archive path too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  const put = (value: string, offset: number, length: number) => h.write(value, offset, length, "utf8");
  const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, "0")}\0`;
  put(name, 0, 100);
  put(octal(0o600, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  put("        ", 148, 8);
  put("0", 156, 1);
  put("ustar\u000000", 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

export type TarEntry = { path: string; size: number; sha256: string };

/** Writes a tar archive; `add` streams a file from disk or a buffer into it and returns its hash. */
export class TarWriter {
  private constructor(private fh: FileHandle) {}

  static async create(path: string) {
    return new TarWriter(await open(path, "wx", 0o600));
  }

  private async pad(size: number) {
    const rest = size % BLOCK;
    if (rest) await this.fh.write(Buffer.alloc(BLOCK - rest, 0));
  }

  async addBuffer(path: string, data: Buffer): Promise<TarEntry> {
    await this.fh.write(header(path, data.length, new Date()));
    await this.fh.write(data);
    await this.pad(data.length);
    return { path, size: data.length, sha256: createHash("sha256").update(data).digest("hex") };
  }

  async addFile(path: string, source: string): Promise<TarEntry> {
    const src = await open(source, "r");
    try {
      const { size } = await src.stat();
      await this.fh.write(header(path, size, new Date()));
      const hash = createHash("sha256");
      const buf = Buffer.alloc(CHUNK);
      let written = 0;
      while (written < size) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - written), written);
        if (bytesRead === 0) throw new Error(`${source} shrank while it was being archived.`);
        hash.update(buf.subarray(0, bytesRead));
        await this.fh.write(buf.subarray(0, bytesRead));
        written += bytesRead;
      }
      await this.pad(size);
      return { path, size, sha256: hash.digest("hex") };
    } finally {
      await src.close();
    }
  }

  async close() {
    await this.fh.write(Buffer.alloc(BLOCK * 2, 0));
    await this.fh.sync();
    await this.fh.close();
  }

  async abort() {
    await this.fh.close().catch(() => {});
  }
}

export class TarFormatError extends Error {}

/**
 * Reads a tar archive entry by entry. For each regular file, `target(path)` names where to write it (or null
 * to refuse the archive); returns every entry with its size and SHA-256 as read.
 */
export function extractTar(archive: string, target: (path: string) => string | null): TarEntry[] {
  const fd = openSync(archive, "r");
  const entries: TarEntry[] = [];
  try {
    let pos = 0;
    const h = Buffer.alloc(BLOCK);
    for (;;) {
      if (readSync(fd, h, 0, BLOCK, pos) !== BLOCK) throw new TarFormatError("The archive ends too early.");
      pos += BLOCK;
      if (h.every((b) => b === 0)) break;
      const str = (o: number, l: number) => h.toString("utf8", o, o + l).replace(/\0.*$/s, "");
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (Number.parseInt(str(148, 8).trim(), 8) !== sum) throw new TarFormatError("A header is damaged.");
      const prefix = str(345, 155);
      const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
      const size = Number.parseInt(str(124, 12).trim() || "0", 8);
      const type = str(156, 1) || "0";
      if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError("A header is damaged.");
      if (type === "5") continue;
      if (type !== "0") throw new TarFormatError(`The archive holds something other than files: ${name}`);
      const out = target(name);
      if (!out) throw new TarFormatError(`The archive holds an unexpected file: ${name}`);
      const dest = openSync(out, "wx", 0o600);
      const hash = createHash("sha256");
      try {
        const buf = Buffer.alloc(CHUNK);
        let left = size;
        while (left > 0) {
          const n = readSync(fd, buf, 0, Math.min(CHUNK, left), pos);
          if (n === 0) throw new TarFormatError("The archive ends too early.");
          hash.update(buf.subarray(0, n));
          writeSync(dest, buf, 0, n);
          pos += n;
          left -= n;
        }
      } finally {
        closeSync(dest);
      }
      pos += (BLOCK - (size % BLOCK)) % BLOCK;
      entries.push({ path: name, size, sha256: hash.digest("hex") });
    }
  } finally {
    closeSync(fd);
  }
  return entries;
}
