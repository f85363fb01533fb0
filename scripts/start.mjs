// `npm start`: runs scripts/start.ts precompiled to plain JavaScript (.cache/retract/start.mjs), so a start
// does not transpile TypeScript. The compiled file is made again (esbuild, ~0.2 s) whenever it is missing or
// older than any file under scripts/, db/ or app/ that it could include. `npm run dev` still runs start.ts
// through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const OUT = resolve(".cache/retract/start.mjs");
const SOURCES = ["scripts", "db", "app", "package.json", "tsconfig.json"];

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = join(path, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const fresh =
  existsSync(OUT) &&
  process.env.RETRACT_FORCE_BUILD !== "true" &&
  statSync(OUT).mtimeMs >= Math.max(...SOURCES.filter((s) => existsSync(s)).map(newestMtime));

if (!fresh) {
  const { compileStart } = await import("./compile-start.mjs");
  await compileStart(OUT);
}
// Stack traces name the TypeScript sources (the compiled file has a source map beside it).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(OUT).href);
