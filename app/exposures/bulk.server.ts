// Bulk add: a pasted list (one URL a line) or a CSV file (a header row with a "url" column), each line
// reported by number as saved, duplicate or invalid.
import { parse } from "csv-parse/sync";
import { LOCALES } from "~/i18n/languages";
import { messagesFor } from "~/i18n/locale.server";
import { EXPOSED_KINDS, EXPOSED_LABELS, type ExposedKind } from "./categories";
import type { ExposureFields } from "./exposures.server";

export type BulkEntry = { line: number; input: string; fields: Omit<ExposureFields, "url"> };
export type BulkParse = { entries: BulkEntry[]; errors: { line: number; input: string; error: string }[] };

export const MAX_BULK_LINES = 5000;

export function entriesFromPaste(text: string, shared: Omit<ExposureFields, "url">): BulkEntry[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, input: raw.trim() }))
    .filter((l) => l.input && !l.input.startsWith("#"))
    .map((l) => ({ ...l, fields: shared }));
}

// A CSV's "exposed" column may name a kind by its id or by its words in any page language ("home address",
// "Wohnadresse", "집 주소").
const LABEL_TO_KIND = new Map<string, ExposedKind>(
  EXPOSED_KINDS.flatMap((k) => [
    [k, k] as const,
    ...LOCALES.map((locale) => [messagesFor(locale)[EXPOSED_LABELS[k]].toLowerCase(), k] as const),
  ]),
);

const TRUE = new Set(["yes", "y", "true", "1", "x"]);

export function entriesFromCsv(csv: string, shared: Omit<ExposureFields, "url">): BulkParse {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: false, relax_column_count: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return {
      entries: [],
      errors: [{ line, input: "", error: "The CSV file could not be read here (check quotes)." }],
    };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase().replace(/[\s-]+/g, "_"));
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const urlCol = col("url", "link", "address", "web_address");
  if (urlCol < 0) {
    return {
      entries: [],
      errors: [
        {
          line: 1,
          input: header.join(","),
          error: 'The first row must name the columns, with one called "url".',
        },
      ],
    };
  }
  const foundCol = col("found_on", "found", "date", "date_found");
  const exposedCol = col("exposed", "what", "what_is_exposed");
  const harmCol = col("calls_for_harm", "harm", "threat");
  const notesCol = col("notes", "note", "comment");
  const entries: BulkEntry[] = [];
  const errors: BulkParse["errors"] = [];
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const input = r[urlCol] ?? "";
    if (!input && r.every((c) => !c)) return;
    const exposed: ExposedKind[] = [];
    for (const part of (exposedCol >= 0 ? (r[exposedCol] ?? "") : "")
      .split(/[;|]/)
      .map((s) => s.trim().toLowerCase())) {
      if (!part) continue;
      const kind = LABEL_TO_KIND.get(part) ?? LABEL_TO_KIND.get(part.replace(/\s+/g, "_"));
      if (kind) exposed.push(kind);
      else {
        errors.push({ line, input, error: `“${part}” is not one of the kinds of detail Retract knows.` });
        return;
      }
    }
    const found = foundCol >= 0 ? (r[foundCol] ?? "") : "";
    if (found && !/^\d{4}-\d{2}-\d{2}$/.test(found)) {
      errors.push({ line, input, error: "The date found must be written as YYYY-MM-DD." });
      return;
    }
    entries.push({
      line,
      input,
      fields: {
        ...shared,
        exposed: exposed.length ? [...new Set(exposed)] : shared.exposed,
        foundOn: found || shared.foundOn,
        callsForHarm: harmCol >= 0 ? TRUE.has((r[harmCol] ?? "").toLowerCase()) : shared.callsForHarm,
        notes: notesCol >= 0 ? (r[notesCol] ?? "").slice(0, 5000) : shared.notes,
      },
    });
  });
  return { entries, errors };
}
