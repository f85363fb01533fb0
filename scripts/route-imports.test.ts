// The Biome rules on imports: a route importing the database client, drizzle or the schema fails lint (the same
// imports in a domain module pass), and d3 or zod outside a *.server.ts module fails (decisions 128, 135).
// The probe is a dot-file, which Remix never routes.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function lint(dir: string, ext: string, source: string) {
  const path = `${dir}/.lint-probe-${process.pid}.${ext}`;
  writeFileSync(path, source);
  try {
    const r = spawnSync("node_modules/.bin/biome", ["lint", path], { encoding: "utf8" });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(path, { force: true });
  }
}

const imports = [
  'import { getDb } from "~/db.server";',
  'import { eq } from "drizzle-orm";',
  'import { sqliteTable } from "drizzle-orm/sqlite-core";',
  'import { letters } from "#db/schema";',
];

describe("routes only route", () => {
  it.each(imports)("a route may not %s", (line) => {
    const { status, output } = lint(
      "app/routes",
      "tsx",
      `${line}\n\nexport const probe = [${line.match(/\{ (\w+) \}/)![1]}];\n`,
    );
    expect(status).not.toBe(0);
    expect(output).toContain("lint/style/noRestrictedImports");
    expect(output).toContain("Routes only route");
  });

  it("a domain module may", () => {
    const source = `${imports.join("\n")}\n\nexport const probe = [getDb, eq, sqliteTable, letters];\n`;
    const { status, output } = lint("app/requests", "server.ts", source);
    expect(output).not.toContain("noRestrictedImports");
    expect(status).toBe(0);
  });
});

describe("drawing libraries stay on the server", () => {
  const source = 'import { scaleLinear } from "d3-scale";\n\nexport const probe = scaleLinear;\n';

  it.each([
    ["a component", "app/dashboard", "tsx"],
    ["a route", "app/routes", "tsx"],
  ])("%s may not import d3", (_, dir, ext) => {
    const { status, output } = lint(dir, ext, source);
    expect(status).not.toBe(0);
    expect(output).toContain("Drawing libraries run on the server");
  });

  it("a server module may", () => {
    const { status, output } = lint("app/dashboard", "server.ts", source);
    expect(output).not.toContain("noRestrictedImports");
    expect(status).toBe(0);
  });
});

describe("zod stays on the server", () => {
  const source = 'import { z } from "zod";\n\nexport const probe = z.string();\n';

  it.each([
    ["a shared domain module", "app/cases", "ts"],
    ["a component", "app/ui", "tsx"],
    ["a route", "app/routes", "tsx"],
  ])("%s may not import zod", (_, dir, ext) => {
    const { status, output } = lint(dir, ext, source);
    expect(status).not.toBe(0);
    expect(output).toContain("Validation runs on the server");
  });

  it.each([
    ["a server module", "server.ts"],
    ["a test", "test.ts"],
  ])("%s may", (_, ext) => {
    const { status, output } = lint("app/cases", ext, source);
    expect(output).not.toContain("noRestrictedImports");
    expect(status).toBe(0);
  });
});
