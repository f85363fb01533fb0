// The catalogues: every language has exactly English's keys, every message parses as ICU, and each translation
// uses the same placeholders and tags as its English source. Plus a gate for files already translated: no
// user-facing text typed into their JSX.
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

// Files whose words all come from the catalogues. Add a file here when its strings move to the catalogues; the
// plan for the rest is in docs/i18n.md.
const TRANSLATED_FILES = [
  "app/root.tsx",
  "app/ui/quick-exit.tsx",
  "app/ui/error-boundary.tsx",
  "app/i18n/language-switcher.tsx",
  "app/routes/language.tsx",
  "app/routes/_index.tsx",
  "app/dashboard/progress-chart.tsx",
  "app/dashboard/scorecard-view.tsx",
  "app/requests/tracking/reminders-list.tsx",
  "app/routes/scorecards.tsx",
  "app/routes/login.tsx",
  "app/routes/login_.two-factor.tsx",
  "app/routes/signup.tsx",
  "app/routes/forgot-password.tsx",
  "app/routes/reset-password.tsx",
  "app/routes/two-factor.tsx",
  "app/ui/forms.tsx",
  "app/routes/cases.new.tsx",
  "app/routes/cases.$caseId._index.tsx",
  "app/routes/cases.$caseId.exposures.$exposureId.tsx",
  "app/exposures/exposure-fields.tsx",
  "app/exposures/shared-fields.tsx",
  "app/exposures/recipient-match.tsx",
  "app/subjects/subject-fields.tsx",
  "app/calendar/calendar-feed-section.tsx",
  "app/routes/deadlines.tsx",
  "app/routes/cases.$caseId.letters.new.tsx",
  // the victim story's remaining pages (issue 20: letters list, re-checks, request page, mail settings, …)
  "app/requests/case-letters.tsx",
  "app/rechecks/recheck-section.tsx",
  "app/routes/cases.$caseId.requests.$letterId.tsx",
  "app/routes/settings.email.tsx",
  "app/routes/settings.mailbox.tsx",
  "app/routes/inbox.tsx",
  "app/routes/cases.$caseId.timeline.tsx",
  "app/workspaces/switcher.tsx",
  // account, settings, members, audit log, API tokens, templates, calendar feeds, new workspace, invitations
  "app/routes/account.tsx",
  "app/routes/settings._index.tsx",
  "app/routes/settings.tokens.tsx",
  "app/routes/settings.templates._index.tsx",
  "app/routes/settings.templates.$templateId.tsx",
  "app/routes/calendar-feeds.tsx",
  "app/routes/workspaces.new.tsx",
  "app/routes/workspace.members.tsx",
  "app/routes/invitations.$token.tsx",
  "app/routes/workspace.audit.tsx",
  // the employer security team's incident pages and bulk work
  "app/incidents/ui.tsx",
  "app/incidents/bulk-form.tsx",
  "app/routes/incidents._index.tsx",
  "app/routes/incidents.$incidentId._index.tsx",
  "app/routes/incidents.$incidentId.progress.tsx",
  "app/routes/incidents.$incidentId.matrix.tsx",
  "app/routes/incidents.$incidentId.urls.tsx",
  "app/routes/incidents.$incidentId.urls_.$urlId.tsx",
  "app/routes/incidents.$incidentId.roster.tsx",
  "app/routes/incidents.$incidentId_.bulk.tsx",
  "app/routes/incidents.$incidentId_.jobs.$jobId.tsx",
  "app/routes/cases.$caseId.exposures.bulk.tsx",
  // mails to users, PDFs' fixed texts, schema messages (server modules: no JSX, their words are catalogue keys)
  "app/auth/password-reset.server.ts",
  "app/auth/signup.server.ts",
  "app/requests/render/pdf.server.ts",
  "app/exposures/schemas.server.ts",
  "app/cases/schemas.server.ts",
  "app/cases/case-page.server.ts",
  // the recipient directory, the person pages, the finding-yourself checklist, the caseworker's client pages
  "app/routes/directory._index.tsx",
  "app/routes/directory.$recipientId.tsx",
  "app/recipients/directory-parts.tsx",
  "app/routes/subjects.$subjectId.tsx",
  "app/routes/subjects.$subjectId_.find.tsx",
  "app/routes/clients.new.tsx",
  "app/routes/clients.$subjectId.intake.tsx",
];

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
