// Reads a roster (CSV file, or a paste from a spreadsheet) into checked rows: the header names the columns in
// any common spelling, each row is validated with zod and reported by its row number in the file, and the same
// work email twice (in the file, or already on the incident's roster) is reported rather than imported twice.
// Problems are message keys with their values (row and line numbers, counts): the page says them in its language.
import { parse } from "csv-parse/sync";
import type { MessageKey } from "~/i18n/translate";
import { MAX_ROSTER_BYTES, MAX_ROSTER_ROWS } from "./limits";
import { type RosterRow, RosterRowSchema } from "./schemas.server";

export type RosterField = keyof RosterRow;

/** A sentence to show: a message key and its values. */
export type RosterMessage = { key: MessageKey; values?: Record<string, string | number> };

export type RosterRowError = {
  field: RosterField | "row";
  message: MessageKey;
  values?: RosterMessage["values"];
};

export type RosterPreviewRow = {
  /** The row's number in the file, the header being row 1 (as a spreadsheet numbers it). */
  row: number;
  status: "new" | "invalid" | "duplicate_in_file" | "already_on_roster";
  data: RosterRow | null;
  /** What was written, for showing an invalid row back (never stored). */
  raw: Record<RosterField, string>;
  errors: RosterRowError[];
};

export type RosterParse =
  | { ok: false; error: RosterMessage }
  | { ok: true; rows: RosterPreviewRow[]; counts: Record<RosterPreviewRow["status"], number> };

// Header spellings seen in HR exports, compared after lower-casing and folding spaces, dashes, dots and
// underscores into one space; with the names the page's hint gives in German, French, Dutch and Korean.
const HEADERS: Record<RosterField, readonly string[]> = {
  name: [
    "name",
    "full name",
    "fullname",
    "employee name",
    "employee",
    "staff name",
    "person",
    "display name",
    "vollständiger name",
    "nom",
    "nom complet",
    "naam",
    "volledige naam",
    "이름",
    "성명",
  ],
  email: [
    "work email",
    "work e mail",
    "workemail",
    "email",
    "e mail",
    "email address",
    "e mail address",
    "work email address",
    "business email",
    "company email",
    "corporate email",
    "mail",
    "dienstliche e mail",
    "e mail adresse",
    "e mail professionnel",
    "adresse e mail",
    "courriel",
    "werkmail",
    "e mail adres",
    "업무 이메일",
    "이메일",
  ],
  unit: [
    "unit",
    "team",
    "department",
    "dept",
    "division",
    "group",
    "org unit",
    "organisational unit",
    "organizational unit",
    "business unit",
    "abteilung",
    "unité",
    "équipe",
    "service",
    "afdeling",
    "부서",
    "팀",
  ],
  country: [
    "country",
    "country code",
    "nation",
    "work country",
    "location country",
    "land",
    "pays",
    "국가",
    "나라",
  ],
};

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[\s_.-]+/g, " ")
    .trim();

/** Spreadsheets paste with tabs and many European exports use semicolons: the header line decides. */
function delimiterOf(text: string) {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => first.split(c).length - 1;
  const candidates: [string, number][] = [
    [",", count(",")],
    [";", count(";")],
    ["\t", count("\t")],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * Parses and checks a roster. `onRoster` says whether a (lower-cased) work email is already on the incident's
 * roster. Nothing is saved here.
 */
export function parseRoster(text: string, onRoster: (email: string) => boolean = () => false): RosterParse {
  if (Buffer.byteLength(text, "utf8") > MAX_ROSTER_BYTES) {
    return {
      ok: false,
      error: { key: "incidents.roster.errors.tooLarge", values: { mb: MAX_ROSTER_BYTES / 1024 / 1024 } },
    };
  }
  if (!text.trim()) return { ok: false, error: { key: "incidents.roster.errors.empty" } };
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return {
      ok: false,
      error: line
        ? { key: "incidents.roster.errors.unreadableNear", values: { line } }
        : { key: "incidents.roster.errors.unreadable" },
    };
  }
  const header = (records[0] ?? []).map(normaliseHeader);
  const columns = Object.fromEntries(
    (Object.keys(HEADERS) as RosterField[]).map((f) => [f, header.findIndex((h) => HEADERS[f].includes(h))]),
  ) as Record<RosterField, number>;
  const missing = (["name", "email"] as const).filter((f) => columns[f] < 0);
  if (missing.length) {
    return {
      ok: false,
      error: {
        key: "incidents.roster.errors.noColumns",
        values: { missing: missing.length === 1 ? missing[0]! : "both" },
      },
    };
  }
  // Row numbers follow the file, blank lines included, so they match what a spreadsheet shows.
  const body = records
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter((r) => r.cells.some((c) => c !== ""));
  if (body.length === 0) return { ok: false, error: { key: "incidents.roster.errors.noPeople" } };
  if (body.length > MAX_ROSTER_ROWS) {
    return {
      ok: false,
      error: {
        key: "incidents.roster.errors.tooManyRows",
        values: { rows: body.length, max: MAX_ROSTER_ROWS },
      },
    };
  }
  const seen = new Map<string, number>();
  const rows: RosterPreviewRow[] = body.map(({ cells, row }) => {
    const cell = (f: RosterField) => (columns[f] >= 0 ? (cells[columns[f]] ?? "") : "");
    const raw = { name: cell("name"), email: cell("email"), unit: cell("unit"), country: cell("country") };
    const parsed = RosterRowSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        row,
        status: "invalid",
        data: null,
        raw,
        errors: parsed.error.issues.map((i) => ({
          field: (i.path[0] as RosterField | undefined) ?? "row",
          // The schema's messages are keys (./schemas.server).
          message: i.message as MessageKey,
        })),
      };
    }
    const key = emailKey(parsed.data.email);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        row,
        status: "duplicate_in_file",
        data: parsed.data,
        raw,
        errors: [
          { field: "email", message: "incidents.roster.errors.duplicateInFile", values: { row: earlier } },
        ],
      };
    }
    seen.set(key, row);
    if (onRoster(key)) {
      return {
        row,
        status: "already_on_roster",
        data: parsed.data,
        raw,
        errors: [{ field: "email", message: "incidents.roster.errors.alreadyOnRoster" }],
      };
    }
    return { row, status: "new", data: parsed.data, raw, errors: [] };
  });
  const counts = { new: 0, invalid: 0, duplicate_in_file: 0, already_on_roster: 0 };
  for (const r of rows) counts[r.status] += 1;
  return { ok: true, rows, counts };
}
