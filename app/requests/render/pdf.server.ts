// A letter as a printable PDF (A4 or US Letter): sender and recipient blocks, date, reference, the text, and
// "page n of m" on every page. The font ships with the project (Noto Sans KR: Latin and Hangul), so nothing is
// fetched from the network and Korean letters print correctly.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { englishMessages, messagesFor } from "~/i18n/locale.server";
import { createTranslator, type Translator } from "~/i18n/translate";
import type { Lang, LetterVariablesInput } from "~/requests/compose/variables";
import { findUnfilled } from "~/requests/sendable";
import { formatLongDate } from "./format";

// Resolved from the working directory (the project root), like templates/: this module is bundled into build/.
export const FONT_PATH = resolve(process.cwd(), "app/requests/render/fonts/NotoSansKR-Regular.ttf");

let fontBytes: Buffer | undefined;
/** Read once per process (6 MB); pdfkit embeds only the glyphs a letter uses. */
function font(): Buffer {
  fontBytes ??= readFileSync(FONT_PATH);
  return fontBytes;
}

export type PdfLetter = {
  reference: string;
  subject: string;
  body: string;
  lang: Lang;
  paper: "A4" | "LETTER";
  variables: LetterVariablesInput;
  /** The postal address the user chose, when the letter is posted. */
  address?: string | null;
};

/**
 * The PDF's own words ("Page 2 of 3") in the letter's language, not the page's: the PDF leaves Retract with the
 * letter (decision 150). Every letter language is a page language, so the catalogues have them.
 */
function pdfWords(lang: Lang): Translator {
  return createTranslator(lang, messagesFor(lang), { english: englishMessages });
}

function senderLines(v: LetterVariablesInput): string[] {
  const r = v.representative;
  if (r) {
    return [r.name, r.organisation ?? "", r.address ?? "", r.email, r.phone ?? ""].filter(Boolean);
  }
  const p = v.requester;
  return [p.name, p.postalAddress ?? "", p.email].filter(Boolean);
}

function recipientLines(v: LetterVariablesInput, address?: string | null): string[] {
  const r = v.recipient;
  if (!r) return [];
  const postal = address || r.address || "";
  return [
    r.legalEntity,
    ...(r.name && r.name !== r.legalEntity ? [r.name] : []),
    ...postal.split("\n"),
  ].filter((l) => l.trim() !== "");
}

/**
 * A PDF leaves the app like a sent letter does, so it passes the same marker check: a draft
 * whose text still holds a placeholder (`{{ recipient.legalEntity }}` for a recipient Retract does not know) is
 * refused instead of printed with the marker in it.
 */
export class PdfHasGapsError extends Error {
  readonly markers: string[];
  constructor(markers: string[]) {
    super(`The letter still has gaps to fill in: ${markers.join(" ")}`);
    this.name = "PdfHasGapsError";
    this.markers = markers;
  }
}

/** What the PDF would print, checked for template markers. */
export function pdfMarkers(letter: PdfLetter): string[] {
  const v = letter.variables;
  const printed = [letter.subject, letter.body, ...senderLines(v), ...recipientLines(v, letter.address)];
  return [...new Set(findUnfilled(printed.join("\n")))];
}

export async function renderLetterPdf(letter: PdfLetter): Promise<Buffer> {
  const markers = pdfMarkers(letter);
  if (markers.length) throw new PdfHasGapsError(markers);
  // Loaded on first use: pdfkit and its font tables slow every server start.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({
    size: letter.paper === "LETTER" ? "LETTER" : "A4",
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    info: { Title: letter.subject, Creator: "Retract" },
    lang: letter.lang,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((ok, fail) => {
    doc.on("end", () => ok(Buffer.concat(chunks)));
    doc.on("error", fail);
  });
  doc.registerFont("body", font());
  doc.font("body");
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const v = letter.variables;

  // Sender (top left) and date + reference (top right).
  const top = doc.y;
  doc.fontSize(9).text(senderLines(v).join("\n"), { width: width / 2 });
  const afterSender = doc.y;
  doc
    .fontSize(9)
    .text(
      `${formatLongDate(v.date, letter.lang)}\n${letter.reference}`,
      doc.page.margins.left + width / 2,
      top,
      {
        width: width / 2,
        align: "right",
      },
    );
  doc.x = doc.page.margins.left;
  doc.y = Math.max(afterSender, doc.y) + 24;
  // Recipient block.
  doc.fontSize(11).text(recipientLines(v, letter.address).join("\n"), { width: width * 0.6 });
  doc.moveDown(2);
  doc.fontSize(12).text(letter.subject, { width });
  doc.moveDown(1);
  doc.fontSize(10.5).text(letter.body, { width, lineGap: 2 });

  // Footer on every page: reference and page number.
  const { t } = pdfWords(letter.lang);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .text(
        `${letter.reference} · ${t("pdf.pageOf", { page: i - range.start + 1, pages: range.count })}`,
        doc.page.margins.left,
        doc.page.height - 40,
        { width, align: "center", lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
