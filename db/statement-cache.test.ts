// drizzle prepares every query each time it runs; openDatabase hands it a client whose prepare() reuses the
// statement already prepared for the same SQL text (withStatementCache). A reused statement must behave like
// a fresh one: rows as objects unless drizzle asks for raw arrays, and the cache must stay bounded.
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./connection";

function setUp(limit?: number) {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  sqlite.exec("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')");
  let prepared = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    prepared += 1;
    return prepare(source);
  }) as typeof sqlite.prepare;
  const client = withStatementCache(sqlite, limit);
  return { client, prepared: () => prepared };
}

describe("the statement cache drizzle prepares through", () => {
  it("prepares the same SQL once and hands back the same statement", () => {
    const { client, prepared } = setUp();
    const a = client.prepare("SELECT name FROM t WHERE id = ?");
    const b = client.prepare("SELECT name FROM t WHERE id = ?");
    expect(b).toBe(a);
    expect(prepared()).toBe(1);
    expect(b.get(2)).toEqual({ name: "b" });
  });

  it("hands a statement back with plain rows after someone turned raw rows on", () => {
    const { client } = setUp();
    const source = "SELECT id, name FROM t ORDER BY id";
    expect(client.prepare(source).raw().all()).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(client.prepare(source).all()).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
  });

  it("keeps at most `limit` statements, dropping the least recently used", () => {
    const { client, prepared } = setUp(2);
    client.prepare("SELECT 1");
    client.prepare("SELECT 2");
    client.prepare("SELECT 1"); // now the most recent
    client.prepare("SELECT 3"); // drops SELECT 2
    expect(prepared()).toBe(3);
    client.prepare("SELECT 1");
    expect(prepared()).toBe(3);
    client.prepare("SELECT 2");
    expect(prepared()).toBe(4);
  });

  it("serves drizzle's queries, raw or not, and its transactions", () => {
    const { client, prepared } = setUp();
    const db = drizzle(client);
    const t = { id: sql<number>`id`, name: sql<string>`name` };
    for (let i = 0; i < 3; i++) {
      // with fields: drizzle reads raw arrays and maps them
      expect(db.select(t).from(sql`t`).where(eq(sql`id`, 1)).all()).toEqual([{ id: 1, name: "a" }]);
      // without fields: drizzle expects objects from the same kind of statement
      expect(db.all(sql`SELECT id, name FROM t WHERE id = ${2}`)).toEqual([{ id: 2, name: "b" }]);
    }
    expect(prepared()).toBe(2);
    db.transaction((tx) => {
      tx.run(sql`INSERT INTO t (id, name) VALUES (3, 'c')`);
    });
    expect(db.all(sql`SELECT count(*) AS n FROM t`)).toEqual([{ n: 3 }]);
  });
});
