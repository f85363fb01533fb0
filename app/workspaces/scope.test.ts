// The permission table and the caseworker visibility rule, as a table.
import { QueryBuilder } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { cases, evidence, exposures, recipients, subjects } from "#db/schema";
import { can, inScope, type Permission, type Role, visibilityCondition } from "./scope.server";
import { slugify } from "./workspaces.server";

const table: [Permission, Role[]][] = [
  ["case:read", ["owner", "admin", "caseworker", "viewer"]],
  ["case:write", ["owner", "admin", "caseworker"]],
  ["case:read_all", ["owner", "admin", "viewer"]],
  ["subject:assign", ["owner", "admin"]],
  ["members:manage", ["owner", "admin"]],
  ["workspace:manage", ["owner", "admin"]],
  ["owners:manage", ["owner"]],
];

describe("the permission table", () => {
  for (const [permission, allowed] of table) {
    for (const role of ["owner", "admin", "caseworker", "viewer"] as Role[]) {
      it(`${role} ${allowed.includes(role) ? "may" : "may not"} ${permission}`, () => {
        expect(can({ role }, permission)).toBe(allowed.includes(role));
      });
    }
  }
});

describe("what a caseworker's queries are limited to", () => {
  const scope = (role: Role) => ({ userId: "u1", workspaceId: "w1", role });
  const sqlOf = (t: typeof subjects | typeof cases | typeof exposures | typeof evidence, role: Role) => {
    const q = new QueryBuilder()
      .select()
      .from(t as typeof subjects)
      .where(inScope(t, scope(role)));
    return q.toSQL();
  };

  it("adds nothing for owners, admins and viewers", () => {
    for (const role of ["owner", "admin", "viewer"] as Role[])
      for (const t of [subjects, cases, exposures, evidence])
        expect(visibilityCondition(t, scope(role))).toBeUndefined();
  });

  it("limits subjects, cases, exposures and evidence to the assigned subjects", () => {
    expect(sqlOf(subjects, "caseworker").sql).toContain('"subjects"."assigned_to" = ?');
    for (const t of [cases, exposures, evidence]) {
      const { sql, params } = sqlOf(t, "caseworker");
      expect(sql).toContain('"subjects"."assigned_to" = ?');
      expect(params).toContain("u1");
    }
  });

  it("leaves tables that are not case data alone", () => {
    expect(visibilityCondition(recipients as never, scope("caseworker"))).toBeUndefined();
  });
});

describe("slugify", () => {
  it.each([
    ["Legal Aid North", "legal-aid-north"],
    ["  Ünïcode  Café ", "unicode-cafe"],
    ["!!!", "organisation"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
