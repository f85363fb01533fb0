// Static check: no page shows its own source code. A JSX expression typed outside braces (`cond ? (` … `) : null`)
// compiles and renders as visible text; the TypeScript parser sees it as a JsxText node, so every .tsx file
// under app/ is parsed and its text nodes are checked for code-like fragments.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Fragments that read as code, never as English a user should see. */
const CODE_LIKE: { pattern: RegExp; what: string }[] = [
  { pattern: /\?\s*\(\s*$|^\s*\)\s*:\s*null\b|\?\s*\(/m, what: "a conditional ( ? ( … ) : null )" },
  { pattern: /:\s*null\b/, what: ": null" },
  { pattern: /&&|\|\|/, what: "a logical operator" },
  { pattern: /=>/, what: "an arrow function" },
  { pattern: /\bclassName\b|\bkey=|\bonClick\b/, what: "a JSX attribute" },
  { pattern: /\b(data|props|result|done|failure|filter|view|row|d)\.[A-Za-z_]/, what: "a property read" },
  { pattern: /\b[a-z]\w*\.[a-z]\w*[A-Z]\w*\b/, what: "a camelCase property read" },
  { pattern: /\.(map|filter|length|join)\b/, what: "an array method" },
  { pattern: /\breturn\s*\(|\bconst\s+\w+\s*=/, what: "a statement" },
];

/** Code-like fragments in the visible JSX text of one source file, with their line numbers. */
function codeInJsxText(fileName: string, source: string) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !node.containsOnlyTriviaWhiteSpaces) {
      const text = node.getText(file);
      for (const { pattern, what } of CODE_LIKE) {
        if (pattern.test(text)) {
          const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
          found.push(`${fileName}:${line}: ${what} in text: ${JSON.stringify(text.trim().slice(0, 80))}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith(".tsx") ? [join(dir, e.name)] : [],
  );
}

describe("visible JSX text", () => {
  it("catches a condition written outside braces", () => {
    const leak = `export const P = ({ data }) => (
      <div>
        data.canWrite ? (
        <section>Add</section>
        ) : null
      </div>
    );`;
    const found = codeInJsxText("leak.tsx", leak);
    expect(found.some((f) => f.includes("leak.tsx:3") && f.includes("data.canWrite"))).toBe(true);
    expect(found.some((f) => f.includes("leak.tsx:5") && f.includes(": null"))).toBe(true);
    expect(codeInJsxText("arrow.tsx", "const A = () => <p>items.map((i) => i)</p>;").length).toBeGreaterThan(
      0,
    );
    expect(codeInJsxText("cond.tsx", "const A = () => <p>ok && <b>x</b></p>;").length).toBeGreaterThan(0);
  });

  it("lets plain English through", () => {
    const plain = `const A = () => (
      <p>
        Import the <a href="/r">roster</a> first: each address is linked to the people it exposes (one or more).
        Write to privacy@example.com, or see “Page 2 of 3”. Questions? Ask us.
      </p>
    );`;
    expect(codeInJsxText("plain.tsx", plain)).toEqual([]);
  });

  it("no page under app/ shows source code as text", () => {
    const root = join(__dirname, "..");
    const found = tsxFiles(root).flatMap((f) =>
      codeInJsxText(relative(join(root, ".."), f), readFileSync(f, "utf8")),
    );
    expect(found).toEqual([]);
  });
});
