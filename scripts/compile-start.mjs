// Compiles scripts/start.ts and what it imports from app/ and db/ into one ES module; packages stay imports.
// Used by scripts/start.mjs (when the output is stale) and by `npm run build`.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { build } from "esbuild";

export const START_OUT = resolve(".cache/retract/start.mjs");

export async function compileStart(outfile = START_OUT) {
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [resolve("scripts/start.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: resolve("tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
    write: false,
    // The compiled file lives in .cache/retract/; every path the start-up code reads is relative to the
    // working directory (the project), as under tsx.
    banner: { js: "// Generated from scripts/start.ts by scripts/compile-start.mjs; do not edit." },
  });
  // Written beside and renamed into place: a server starting meanwhile never imports half a file.
  for (const f of result.outputFiles) {
    writeFileSync(`${f.path}.${process.pid}.tmp`, f.contents);
    renameSync(`${f.path}.${process.pid}.tmp`, f.path);
  }
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await compileStart();
}
