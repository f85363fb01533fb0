import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns.server";

describe("encrypted column registry", () => {
  it("lists every *_enc column of the schema, and nothing else", () => {
    const inSchema = (Object.values(schema) as unknown[])
      .filter((v) => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v)
      .flatMap((t) => {
        const c = getTableConfig(t as SQLiteTable);
        return c.columns.filter((col) => col.name.endsWith("_enc")).map((col) => `${c.name}.${col.name}`);
      })
      .sort();
    const registered = ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort();
    expect(registered).toEqual(inSchema);
  });
});
