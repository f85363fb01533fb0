import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getTableConfig, type SQLiteTable, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { DecryptionError, decrypt, encrypt } from "./crypto.server";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns.server";
import { encrypted, Sealed } from "./encrypted-type.server";

// A real table named like the schema's users table, with the custom type on its encrypted columns.
const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  emailEnc: encrypted("users", "email_enc").notNull(),
  nameEnc: encrypted("users", "name_enc").notNull(),
});

function db() {
  const sqlite = new Database(":memory:");
  sqlite.exec("create table users (id text primary key, email_enc text, name_enc text)");
  return { sqlite, orm: drizzle(sqlite) };
}

describe("encrypted(table, column)", () => {
  it("writes the same token format and context as encrypt(), and reads it back for the same row", () => {
    const { sqlite, orm } = db();
    orm
      .insert(users)
      .values({
        id: "u1",
        emailEnc: Sealed.seal("users", "email_enc", "u1", "a@example.org"),
        nameEnc: Sealed.seal("users", "name_enc", "u1", "Ada"),
      })
      .run();
    const raw = sqlite.prepare("select email_enc from users where id = 'u1'").get() as { email_enc: string };
    expect(raw.email_enc).not.toContain("a@example.org");
    expect(decrypt(raw.email_enc, "user:u1:email")).toBe("a@example.org");
    const row = orm.select().from(users).where(eq(users.id, "u1")).get()!;
    expect(row.emailEnc.open(row.id)).toBe("a@example.org");
    expect(row.nameEnc.open(row.id)).toBe("Ada");
  });

  it("reads rows written by the hand-written encrypt() calls (no migration needed)", () => {
    const { sqlite, orm } = db();
    sqlite
      .prepare("insert into users values (?, ?, ?)")
      .run("u2", encrypt("b@example.org", "user:u2:email"), encrypt("Bo", "user:u2:name"));
    const row = orm.select().from(users).get()!;
    expect(row.emailEnc.open("u2")).toBe("b@example.org");
  });

  it("keeps the row binding: a value copied to another row or column does not open", () => {
    const { sqlite, orm } = db();
    orm
      .insert(users)
      .values({
        id: "u3",
        emailEnc: Sealed.seal("users", "email_enc", "u3", "c@example.org"),
        nameEnc: Sealed.seal("users", "name_enc", "u3", "Cy"),
      })
      .run();
    sqlite.exec("insert into users select 'u4', email_enc, email_enc from users where id = 'u3'");
    const moved = orm.select().from(users).where(eq(users.id, "u4")).get()!;
    expect(() => moved.emailEnc.open(moved.id)).toThrow(DecryptionError);
    expect(() => moved.nameEnc.open("u3")).toThrow(DecryptionError);
  });

  it("refuses a value sealed for another column", () => {
    const { orm } = db();
    const insert = () =>
      orm
        .insert(users)
        .values({
          id: "u5",
          emailEnc: Sealed.seal("users", "name_enc", "u5", "x"),
          nameEnc: Sealed.seal("users", "name_enc", "u5", "x"),
        })
        .run();
    expect(insert).toThrow(/cannot be written/);
  });

  it("derives table and column from the real names: a mismatch fails", () => {
    const c = getTableConfig(users);
    for (const col of c.columns.filter((x) => x.name.endsWith("_enc"))) {
      expect(ENCRYPTED_COLUMNS.some((e) => e.table === c.name && e.column === col.name)).toBe(true);
    }
    expect(() => encrypted("users", "nmae_enc")).toThrow(/not in ENCRYPTED_COLUMNS/);
    expect(() => encrypted("subjects", "email_enc")).toThrow(/not in ENCRYPTED_COLUMNS/);
  });

  it("in db/schema.ts, each encrypted column's type names the table and column it sits in", () => {
    const tables = (Object.values(schema) as unknown[]).filter(
      (v) => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
    );
    let typed = 0;
    for (const t of tables) {
      const c = getTableConfig(t as SQLiteTable);
      for (const col of c.columns) {
        if (col.columnType !== "SQLiteCustomColumn") continue;
        const read = col.mapFromDriverValue("v1.k.AAAA");
        if (!(read instanceof Sealed)) continue;
        typed++;
        expect(`${read.table}.${read.column}`).toBe(`${c.name}.${col.name}`);
      }
    }
    expect(typed).toBeGreaterThan(0);
  });
});
