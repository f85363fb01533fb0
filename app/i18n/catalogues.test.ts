// The catalogues: every language has exactly English's keys, every message parses as ICU, and each translation
// uses the same placeholders and tags as its English source. Plus a gate for files already translated: no
// user-facing text typed into their JSX.
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./languages";
import { messagesFor } from "./locale.server";

const english = messagesFor("en");

type Element = {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
};

/** The argument and tag names a message uses (ICU element types 1–6 carry a value name, 8 is a tag). */
function placeholders(elements: Element[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type >= 1 && el.type <= 6 && el.value) into.add(`{${el.value}}`);
    if (el.type === 8 && el.value) into.add(`<${el.value}>`);
    for (const option of Object.values(el.options ?? {})) placeholders(option.value, into);
    if (el.children) placeholders(el.children, into);
  }
  return into;
}

const sorted = (s: Set<string>) => [...s].sort();

describe("message catalogues", () => {
  for (const locale of LOCALES) {
    const messages: Record<string, string> = messagesFor(locale);

    it(`${locale} has every English key and no other`, () => {
      const missing = Object.keys(english).filter((k) => !(k in messages));
      const extra = Object.keys(messages).filter((k) => !(k in english));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale}: every message parses and uses English's placeholders`, () => {
      const wrong: string[] = [];
      for (const [key, source] of Object.entries(english)) {
        const translated = messages[key];
        if (translated === undefined) continue;
        expect(translated.trim(), `${locale} ${key} is empty`).not.toBe("");
        let ast: Element[];
        try {
          ast = new IntlMessageFormat(translated, locale).getAst() as Element[];
        } catch (e) {
          wrong.push(`${key}: does not parse (${(e as Error).message})`);
          continue;
        }
        const want = sorted(placeholders(new IntlMessageFormat(source, "en").getAst() as Element[]));
        const got = sorted(placeholders(ast));
        if (want.join() !== got.join())
          wrong.push(`${key}: has ${got.join(" ")}, English has ${want.join(" ")}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("the placeholder check sees arguments inside plurals and tags", () => {
    const ast = new IntlMessageFormat(
      "{count, plural, one {<b>#</b> letter to {name}} other {# letters}} on {when, date, long}",
      "en",
    ).getAst() as Element[];
    expect(sorted(placeholders(ast))).toEqual(["<b>", "{count}", "{name}", "{when}"]);
  });
});

// Every component file of the app: its words all come from the catalogues (issue 20). A new page with text typed
// into its JSX fails here; tests are left out.
const TRANSLATED_FILES = (readdirSync(join(__dirname, ".."), { recursive: true }) as string[])
  .filter((f) => f.endsWith(".tsx") && !/\.test\.tsx$/.test(f))
  .map((f) => `app/${f.split(sep).join("/")}`)
  .sort();

/** Attributes a person reads or hears: they must come from t() too. */
const READ_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label", "hint", "legend"]);

function hardCodedText(fileName: string, source: string) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.getText(file)) && node.getText(file).trim() !== "Retract")
      found.push(`${at(node)}: ${JSON.stringify(node.getText(file).trim())}`);
    if (
      ts.isJsxAttribute(node) &&
      READ_ATTRIBUTES.has(node.name.getText(file)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text)
    )
      found.push(`${at(node)}: ${node.name.getText(file)}=${JSON.stringify(node.initializer.text)}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("translated files", () => {
  it("the gate catches text and read attributes typed into JSX", () => {
    const found = hardCodedText(
      "x.tsx",
      `const A = () => <nav aria-label="Main"><a href="/">Cases</a>{t("k")}</nav>;`,
    );
    expect(found).toEqual(['x.tsx:1: aria-label="Main"', 'x.tsx:1: "Cases"']);
  });

  it("have no hard-coded user-facing text", () => {
    const root = join(__dirname, "..", "..");
    // The whole app: the routes, the layout and every component beside its domain.
    expect(TRANSLATED_FILES).toContain("app/routes/_index.tsx");
    expect(TRANSLATED_FILES).toContain("app/ui/forms.tsx");
    expect(TRANSLATED_FILES.length).toBeGreaterThan(60);
    const found = TRANSLATED_FILES.flatMap((f) => hardCodedText(f, readFileSync(join(root, f), "utf8")));
    expect(found).toEqual([]);
  });
});

// The browser bundles only the shell's English (decision 136): it must hold every word the layout and the error
// pages say, so an error page without loader data still speaks, and nothing else, so the bundle stays small.
describe("the shell's catalogue", () => {
  const SHELL_FILES = [
    "app/root.tsx",
    "app/ui/error-boundary.tsx",
    "app/ui/quick-exit.tsx",
    "app/i18n/language-switcher.tsx",
    "app/i18n/meta.ts",
  ];
  const root = join(__dirname, "..", "..");
  const used = new Set(
    SHELL_FILES.flatMap((f) =>
      [...readFileSync(join(root, f), "utf8").matchAll(/\b(?:t|rich)\("([\w.]+)"/g)].map((m) => m[1]!),
    ),
  );
  const shell = (locale: string) =>
    Object.keys(JSON.parse(readFileSync(join(__dirname, "locales", "shell", `${locale}.json`), "utf8")));

  it("holds exactly the keys the layout and the error pages use, in every language", () => {
    expect(used.size).toBeGreaterThan(20);
    for (const locale of LOCALES) expect(shell(locale).sort()).toEqual([...used].sort());
  });
});
