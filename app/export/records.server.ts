// The rows that belong to a workspace or to one subject, found by walking the schema (workspace_id columns and
// foreign keys) rather than a hand-kept list, so tables added later are exported and erased too.
import type Database from "better-sqlite3";
import { DecryptionError, decrypt } from "~/security/crypto.server";
import { ENCRYPTED_COLUMNS } from "~/security/encrypted-columns.server";

/** Tables that are not case data: accounts, sign-ins, membership and the audit log (which keeps that things happened). */
const NOT_CASE_DATA = new Set([
  "workspaces",
  "users",
  "sessions",
  "memberships",
  "audit_events",
  "password_resets",
]);
/** Credentials are never exported. */
const NEVER_EXPORTED = new Set(["workspace_smtp.password_enc"]);

const q = (n: string) => `"${n.replaceAll('"', '""')}"`;

export type Row = Record<string, unknown> & { __rowid: number };
export type RecordSet = Map<string, Row[]>;

function tables(db: Database.Database) {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((t) => !NOT_CASE_DATA.has(t));
}

function columns(db: Database.Database, table: string) {
  return new Set(
    (db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]).map((c) => c.name),
  );
}

function foreignKeys(db: Database.Database, table: string) {
  return db
    .prepare('SELECT "table" AS target, "from" AS col, "to" AS ref FROM pragma_foreign_key_list(?)')
    .all(table) as {
    target: string;
    col: string;
    ref: string | null;
  }[];
}

/** Every case-data row of the workspace, table by table. */
export function workspaceRecords(db: Database.Database, workspaceId: string): RecordSet {
  const out: RecordSet = new Map();
  for (const t of tables(db)) {
    if (!columns(db, t).has("workspace_id")) continue;
    const rows = db
      .prepare(`SELECT rowid AS __rowid, * FROM ${q(t)} WHERE workspace_id = ?`)
      .all(workspaceId) as Row[];
    if (rows.length) out.set(t, rows);
  }
  return out;
}

/** The subject's row and every row that depends on it through foreign keys (cases, exposures, evidence, letters…). */
export function subjectRecords(db: Database.Database, workspaceId: string, subjectId: string): RecordSet {
  const out: RecordSet = new Map();
  const root = db
    .prepare("SELECT rowid AS __rowid, * FROM subjects WHERE id = ? AND workspace_id = ?")
    .get(subjectId, workspaceId) as Row | undefined;
  if (!root) return out;
  out.set("subjects", [root]);
  const candidates = tables(db).filter((t) => t !== "subjects" && columns(db, t).has("workspace_id"));
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of candidates) {
      const seen = new Set((out.get(t) ?? []).map((r) => r.__rowid));
      for (const fk of foreignKeys(db, t)) {
        const parents = out.get(fk.target);
        if (!parents || fk.col === "workspace_id") continue;
        const values = [...new Set(parents.map((p) => p[fk.ref ?? "id"]))];
        for (let i = 0; i < values.length; i += 500) {
          const chunk = values.slice(i, i + 500);
          const rows = db
            .prepare(
              `SELECT rowid AS __rowid, * FROM ${q(t)} WHERE workspace_id = ? AND ${q(fk.col)} IN (${chunk.map(() => "?").join(",")})`,
            )
            .all(workspaceId, ...chunk) as Row[];
          for (const r of rows) {
            if (seen.has(r.__rowid)) continue;
            seen.add(r.__rowid);
            out.set(t, [...(out.get(t) ?? []), r]);
            changed = true;
          }
        }
      }
    }
  }
  return out;
}

function maybeJson(v: string): unknown {
  if (!/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The rows with every encrypted column decrypted (field name without `_enc`); credentials left out. */
export function decryptRecords(records: RecordSet) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, rows] of records) {
    out[table] = rows.map(({ __rowid: _r, ...row }) => {
      const plain: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) {
        if (!k.endsWith("_enc")) {
          plain[k] = v;
          continue;
        }
        const name = k.slice(0, -4);
        if (NEVER_EXPORTED.has(`${table}.${k}`)) {
          plain[name] = "(not exported)";
          continue;
        }
        const spec = ENCRYPTED_COLUMNS.find((c) => c.table === table && c.column === k);
        // "" holds nothing (letters.template_body_enc while the body is unedited: see UNEDITED).
        if (v === null || v === "" || !spec) {
          plain[name] = v;
          continue;
        }
        try {
          plain[name] = maybeJson(decrypt(String(v), spec.context(String(row[spec.idColumn]), row)));
        } catch (e) {
          if (!(e instanceof DecryptionError)) throw e;
          plain[name] = "(could not be decrypted)";
        }
      }
      return plain;
    });
  }
  return out;
}

export function countRows(records: RecordSet) {
  let n = 0;
  for (const rows of records.values()) n += rows.length;
  return n;
}
