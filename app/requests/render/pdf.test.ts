// Letters as PDF, read back with pdftotext (poppler-utils): English and Korean letters on both paper sizes, and
// the page numbers in each letter language.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Kind, Lang } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { examplesFor } from "./examples";
import { renderLetterPdf } from "./pdf.server";
import { renderLetter } from "./templates.server";

const dir = mkdtempSync(join(tmpdir(), "retract-pdf-"));

async function pdfOf(kind: Kind, lang: Lang, paper: "A4" | "LETTER") {
  const fixture = examplesFor(kind, lang)[0]!;
  const variables = LetterVariables.parse(fixture.variables);
  const letter = renderLetter({ templateId: kind, lang, variables: fixture.variables });
  const pdf = await renderLetterPdf({
    reference: variables.reference,
    subject: letter.subject,
    body: letter.body,
    lang,
    paper,
    variables: fixture.variables,
  });
  const file = join(dir, `${kind}-${lang}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return { pdf, text, info, variables };
}

describe("letter PDFs", () => {
  it("an English GDPR letter on A4: sender, recipient, date, reference, URLs, page numbers", async () => {
    const { pdf, text, info, variables } = await pdfOf("gdpr-erasure", "en", "A4");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    expect(text).toContain(variables.reference);
    expect(text).toContain(variables.requester.name);
    expect(text).toContain(variables.recipient!.legalEntity);
    for (const e of variables.exposures) expect(text.replace(/\s+/g, "")).toContain(e.url);
    expect(text).toContain("23 November 2026");
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The font is embedded (no network, no system font).
    expect(execFileSync("pdffonts", [join(dir, "gdpr-erasure-en.pdf")], { encoding: "utf8" })).toMatch(
      /NotoSansKR.*yes/,
    );
  });

  it("a Korean PIPA letter on US Letter reads back in Hangul", async () => {
    const { text, info, variables } = await pdfOf("kr-pipa-deletion", "ko", "LETTER");
    expect(info).toMatch(/Page size:\s+612 x 792/);
    expect(variables.requester.name).toMatch(/[\uac00-\ud7a3]/);
    expect(text).toContain(variables.requester.name);
    expect(text).toContain(variables.reference);
    expect(text).toContain("개인정보");
    expect(text).toContain("2026년 11월 23일");
    for (const e of variables.exposures) expect(text.replace(/\s+/g, "")).toContain(e.url);
    expect(text).toMatch(/\d+쪽 중 1쪽/);
  });

  // The PDF's own words follow the letter's language (decision 150), whatever language the pages speak.
  it.each([
    ["de", /Seite 1 von \d+/, "Page 1 of"],
    ["fr", /Page 1 sur \d+/, "Page 1 of"],
    ["nl", /Pagina 1 van \d+/, "Page 1 of"],
  ] as const)("a %s GDPR letter numbers its pages in its own language", async (lang, label, english) => {
    const { text, variables } = await pdfOf("gdpr-erasure", lang, "A4");
    expect(text).toMatch(new RegExp(`${variables.reference} · ${label.source}`));
    expect(text).not.toContain(english);
  });
});
