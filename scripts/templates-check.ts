// `npm run templates:check`: renders every letter template in every language with the fixtures, runs the
// docs/legal.md §2 checklist of its kind, refuses anything unfilled, prints a table, exits 1 on any failure.

import { LetterVariables } from "~/requests/compose/variables.server";
import { expectedTemplates, templateDisagreements } from "~/requests/kinds";
import { type ChecklistResult, runChecklist } from "~/requests/render/checklist";
import { examplesFor } from "~/requests/render/examples";
import { listTemplates, loadTemplates, renderLetter } from "~/requests/render/templates.server";
import { assertSendable } from "~/requests/sendable";

type Row = { kind: string; lang: string; fixture: string; passed: number; total: number; problems: string[] };

function main(): number {
  const rows: Row[] = [];
  let templates: ReturnType<typeof listTemplates>;
  try {
    loadTemplates();
    templates = listTemplates();
  } catch (error) {
    console.error(`✗ templates failed to load: ${(error as Error).message}`);
    return 1;
  }

  for (const meta of templates) {
    const fixtures = examplesFor(meta.kind, meta.lang, meta.regimes);
    if (fixtures.length === 0) {
      rows.push({
        kind: meta.id,
        lang: meta.lang,
        fixture: "-",
        passed: 0,
        total: 1,
        problems: ["no fixtures"],
      });
      continue;
    }
    for (const fixture of fixtures) {
      const problems: string[] = [];
      let result: ChecklistResult | undefined;
      try {
        const letter = renderLetter({ templateId: meta.id, lang: meta.lang, variables: fixture.variables });
        assertSendable({
          template: meta,
          variables: LetterVariables.parse(fixture.variables),
          subject: letter.subject,
          body: letter.body,
        });
        result = runChecklist({
          kind: meta.kind,
          lang: meta.lang,
          subject: letter.subject,
          body: letter.body,
          variables: LetterVariables.parse(fixture.variables),
        });
        for (const c of result.checks) if (c.status === "fail") problems.push(`${c.id}: ${c.detail}`);
      } catch (error) {
        problems.push((error as Error).message);
      }
      rows.push({
        kind: meta.id,
        lang: meta.lang,
        fixture: fixture.name,
        passed: result?.passed ?? 0,
        total: result?.total ?? 1,
        problems,
      });
    }
  }

  // Every kind must have a template in each language its registry entry names, and every built-in template
  // must agree with its kind's entry (regimes, channels, deadline rule).
  const have = new Set(templates.map((t) => `${t.kind}/${t.lang}`));
  const expected = expectedTemplates();
  for (const meta of templates) {
    if (meta.id !== meta.kind) continue;
    const problems = templateDisagreements(meta);
    if (problems.length)
      rows.push({ kind: meta.id, lang: meta.lang, fixture: "registry", passed: 0, total: 1, problems });
  }
  for (const key of expected) {
    if (!have.has(key)) {
      const [kind = key, lang = ""] = key.split("/");
      rows.push({ kind, lang, fixture: "-", passed: 0, total: 1, problems: ["template missing"] });
    }
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad("kind", 22)}${pad("lang", 6)}${pad("fixture", 30)}checks`);
  for (const r of rows) {
    const mark = r.problems.length ? "✗" : "✓";
    console.log(`${pad(r.kind, 22)}${pad(r.lang, 6)}${pad(r.fixture, 30)}${r.passed}/${r.total} ${mark}`);
    for (const p of r.problems) console.log(`    ${p}`);
  }
  const failed = rows.filter((r) => r.problems.length);
  console.log(
    `\n${rows.length - failed.length}/${rows.length} letters pass (${templates.length} templates, ${new Set(templates.map((t) => t.kind)).size} kinds)`,
  );
  return failed.length ? 1 : 0;
}

process.exit(main());
