// Backups as tar archives, written and read with tar-stream: POSIX ustar, with a PAX header when a path is
// longer than ustar's fields hold, so `tar -tf` lists and `tar -xf` unpacks them by hand. Archives written by
// Retract's earlier hand-written ustar writer read the same way. Files are streamed and hashed on the way.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";

export type TarEntry = { path: string; size: number; sha256: string };

/** Writes one entry's bytes with backpressure and resolves when tar-stream has taken the whole entry. */
async function fill(pack: tar.Pack, path: string, size: number, chunks: AsyncIterable<Buffer> | Buffer[]) {
  const hash = createHash("sha256");
  let entry: ReturnType<tar.Pack["entry"]> | undefined;
  const done = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name: path, size, mode: 0o600, mtime: new Date(), type: "file" }, (err) =>
      err ? reject(err) : resolve(),
    );
  });
  const out = entry!;
  for await (const chunk of chunks) {
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end(null); // streamx's end(data): null ends without a last chunk
  await done;
  return { path, size, sha256: hash.digest("hex") };
}

/** Writes a tar archive; `add` streams a file from disk or a buffer into it and returns its hash. */
export class TarWriter {
  private constructor(
    private path: string,
    private pack: tar.Pack,
    private written: Promise<void>,
  ) {}

  static async create(path: string) {
    const pack = tar.pack();
    const out = createWriteStream(path, { flags: "wx", mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      out.once("open", () => resolve());
      out.once("error", reject);
    });
    const written = pipeline(pack, out);
    written.catch(() => {}); // awaited in close(); abort() may end it early
    return new TarWriter(path, pack, written);
  }

  addBuffer(path: string, data: Buffer): Promise<TarEntry> {
    return fill(this.pack, path, data.length, [data]);
  }

  async addFile(path: string, source: string): Promise<TarEntry> {
    const src = await open(source, "r");
    try {
      const { size } = await src.stat();
      // A file that shrinks or grows while it is read no longer matches its header: tar-stream refuses it.
      return await fill(
        this.pack,
        path,
        size,
        src.createReadStream({ start: 0, end: Math.max(0, size - 1) }),
      );
    } finally {
      await src.close().catch(() => {});
    }
  }

  async close() {
    this.pack.finalize();
    await this.written;
    const fh = await open(this.path, "r+");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  async abort() {
    this.pack.destroy();
    await this.written.catch(() => {});
  }
}

export class TarFormatError extends Error {}

/**
 * Reads a tar archive entry by entry. For each regular file, `target(path)` names where to write it (or null
 * to refuse the archive); returns every entry with its size and SHA-256 as read.
 */
export async function extractTar(
  archive: string,
  target: (path: string) => string | null,
): Promise<TarEntry[]> {
  const extract = tar.extract();
  const source = createReadStream(archive);
  source.on("error", (e) => extract.destroy(e));
  source.pipe(extract);
  const entries: TarEntry[] = [];
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type === "directory") {
        entry.resume();
        continue;
      }
      if (type !== "file") throw new TarFormatError(`The archive holds something other than files: ${name}`);
      const out = target(name);
      if (!out) throw new TarFormatError(`The archive holds an unexpected file: ${name}`);
      const hash = createHash("sha256");
      let size = 0;
      const dest = await open(out, "wx", 0o600);
      try {
        for await (const chunk of entry) {
          const bytes = chunk as Buffer;
          hash.update(bytes);
          size += bytes.length;
          await dest.write(bytes);
        }
      } finally {
        await dest.close();
      }
      entries.push({ path: name, size, sha256: hash.digest("hex") });
    }
  } finally {
    source.destroy();
  }
  return entries;
}
