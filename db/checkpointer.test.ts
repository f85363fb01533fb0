// The WAL checkpoint worker (issue 7): it copies committed pages into the database file on its own thread,
// so the app's commits never do; the app's connection keeps only a large safety net.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { closeDbForTests, getCheckpointer, getDb } from "~/db.server";
import { SAFETY_NET_PAGES, startCheckpointer } from "./checkpointer";

afterEach(() => closeDbForTests());

/** Rows that reached the database file itself (a copy of it alone, without its WAL). */
function rowsInMainFile(file: string) {
  const copy = join(mkdtempSync(join(tmpdir(), "retract-ckpt-copy-")), "copy.sqlite");
  copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 't'").get();
    return exists ? (db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

describe("the checkpoint worker", () => {
  it("moves committed pages into the database file while the writer never checkpoints", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "retract-ckpt-")), "db.sqlite");
    const writer = new Database(file);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0"); // the writer alone would leave everything in the WAL
    writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    const insert = writer.prepare("INSERT INTO t (body) VALUES (?)");
    writer.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run("x".repeat(1000));
    })();
    expect(rowsInMainFile(file)).toBe(0);

    const checkpointer = startCheckpointer(file, 60_000); // only when asked, for a deterministic test
    try {
      const { pages, failures } = await checkpointer.checkpointNow();
      expect(failures).toBe(0);
      expect(pages).toBeGreaterThan(400); // 2,000 rows of 1 KB on 4 KB pages
      expect(rowsInMainFile(file)).toBe(2000);
      // The writer goes on while the worker holds its own connection.
      insert.run("after");
      expect((writer.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(2001);
    } finally {
      await checkpointer.stop();
      writer.close();
    }
  });

  it("runs for the app's database, whose own connection checkpoints only past the safety net", async () => {
    const db = getDb();
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(SAFETY_NET_PAGES);
    const checkpointer = getCheckpointer();
    expect(checkpointer).toBeDefined();
    const { failures } = await checkpointer!.checkpointNow();
    expect(failures).toBe(0);
  });
});
