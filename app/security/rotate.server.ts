// Key rotation: a new data key becomes current, every encrypted column (ENCRYPTED_COLUMNS) and evidence file
// (ENCRYPTED_FILES) is re-encrypted under it in small transactions, and the old keys leave secrets.json only
// once a scan proves nothing uses them. Progress is the key id inside each value, so an interrupted rotation
// (crash, SIGKILL, power cut) simply continues where it stopped when run again.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { formatEvidenceFile, parseEvidenceFile } from "~/evidence/storage.server";
import {
  decrypt,
  decryptBytes,
  encrypt,
  encryptBytes,
  type Keyring,
  keyIdOf,
  keyringFromSecrets,
} from "./crypto.server";
import { ENCRYPTED_COLUMNS, ENCRYPTED_FILES } from "./encrypted-columns.server";
import { readSecrets, type Secrets, writeSecrets } from "./secrets.server";

export type RotationOptions = {
  db: Database.Database;
  dataDir: string;
  /** Values (or files) per transaction. Small batches keep the server responsive while it runs. */
  batchSize?: number;
  /** After switching keys, wait this long so a running server re-reads secrets.json (it checks every second). */
  graceMs?: number;
  /** Pause between batches, to go easy on a busy server (and to let tests interrupt a rotation mid-way). */
  pauseMs?: number;
  log?: (line: string) => void;
};

export type RotationReport = {
  keyId: string;
  resumed: boolean;
  values: number;
  files: number;
  missingFiles: string[];
  retired: string[];
};

export class RotationError extends Error {}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

function newKeyId(existing: Record<string, string>) {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  for (;;) {
    const id = `k${day}-${randomBytes(3).toString("hex")}`;
    if (!(id in existing)) return id;
  }
}

function existingColumns(db: Database.Database, table: string) {
  const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return new Set(cols.map((c) => c.name));
}

/** The registered columns and files whose tables exist in this database (a registry entry may be newer). */
function registry(db: Database.Database) {
  const columns = ENCRYPTED_COLUMNS.filter((c) => {
    const cols = existingColumns(db, c.table);
    return cols.has(c.column) && cols.has(c.idColumn);
  });
  const files = ENCRYPTED_FILES.filter((f) => {
    const cols = existingColumns(db, f.table);
    return cols.has(f.keyColumn) && cols.has(f.idColumn);
  });
  return { columns, files };
}

/**
 * Triggers that refuse updates (a sent letter's text is frozen) are lifted for the length of one batch's
 * transaction and put back before it commits, so no other connection ever sees them missing. Re-encryption
 * does not change what was sent: each new ciphertext is decrypted and compared with the old plaintext first.
 */
function updateGuards(db: Database.Database, table: string) {
  return (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL`,
      )
      .all(table) as { name: string; sql: string }[]
  ).filter((t) => /\bBEFORE\s+UPDATE\b/i.test(t.sql));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function reencryptColumns(
  db: Database.Database,
  ring: Keyring,
  batchSize: number,
  pauseMs: number,
  log: (l: string) => void,
) {
  const prefix = `v1.${ring.currentKeyId}.`;
  let total = 0;
  for (const col of registry(db).columns) {
    const select = db.prepare(
      // An empty value holds nothing to re-encrypt (letters.template_body_enc while the body is unedited).
      `SELECT * FROM ${q(col.table)} WHERE ${q(col.column)} IS NOT NULL AND ${q(col.column)} <> '' AND substr(${q(col.column)}, 1, ?) <> ? LIMIT ?`,
    );
    const update = db.prepare(
      `UPDATE ${q(col.table)} SET ${q(col.column)} = ? WHERE ${q(col.idColumn)} = ? AND ${q(col.column)} = ?`,
    );
    const guards = updateGuards(db, col.table);
    const batch = db
      .transaction(() => {
        const rows = select.all(prefix.length, prefix, batchSize) as Record<string, unknown>[];
        if (rows.length === 0) return 0;
        for (const g of guards) db.exec(`DROP TRIGGER ${q(g.name)}`);
        let changed = 0;
        for (const row of rows) {
          const id = String(row[col.idColumn]);
          const token = String(row[col.column]);
          const context = col.context(id, row);
          let plain: string;
          try {
            plain = decrypt(token, context, ring);
          } catch {
            throw new RotationError(
              `${col.table}.${col.column} of row ${id} cannot be decrypted with the keys in secrets.json; the rotation stops so that no key is retired while a value depends on it.`,
            );
          }
          const next = encrypt(plain, context, ring);
          if (decrypt(next, context, ring) !== plain) throw new RotationError("Re-encryption check failed.");
          changed += update.run(next, row[col.idColumn], token).changes;
        }
        for (const g of guards) db.exec(g.sql);
        return changed;
      })
      .immediate.bind(null);
    for (;;) {
      const n = batch();
      if (n === 0) break;
      total += n;
      log(`re-encrypted ${n} values of ${col.table}.${col.column}`);
      if (pauseMs > 0) await sleep(pauseMs);
    }
  }
  return total;
}

function readKeyIdOfFile(path: string) {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(5 + 255);
    const n = readSync(fd, head, 0, head.length, 0);
    return parseEvidenceFile(head.subarray(0, n)).keyId;
  } finally {
    closeSync(fd);
  }
}

function writeDurably(path: string, bytes: Buffer) {
  const tmp = `${path}.rotate`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  const fd = openSync(tmp, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

type FileVisit = { path: string; id: string; context: string };

function eachFile(
  db: Database.Database,
  evidenceDir: string,
  batchSize: number,
  visit: (f: FileVisit) => void,
) {
  for (const spec of registry(db).files) {
    let after = -1;
    for (;;) {
      const rows = db
        .prepare(
          `SELECT rowid AS r, ${q(spec.idColumn)} AS id, ${q(spec.keyColumn)} AS k FROM ${q(spec.table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .all(after, batchSize) as { r: number; id: string; k: string }[];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.r;
      for (const row of rows) {
        if (!/^[A-Za-z0-9_-]{16,64}$/.test(row.k)) continue;
        visit({ path: join(evidenceDir, row.k), id: row.id, context: spec.context(row.id) });
      }
    }
  }
}

function reencryptFiles(
  db: Database.Database,
  evidenceDir: string,
  ring: Keyring,
  batchSize: number,
  log: (l: string) => void,
  missing: Set<string>,
) {
  let total = 0;
  let inBatch = 0;
  eachFile(db, evidenceDir, batchSize, ({ path, id, context }) => {
    if (!existsSync(path)) {
      missing.add(id);
      return;
    }
    const { keyId, payload } = parseEvidenceFile(readFileSync(path));
    if (keyId === ring.currentKeyId) return;
    let plain: Buffer;
    try {
      plain = decryptBytes(payload, keyId, context, ring);
    } catch {
      throw new RotationError(`Evidence file of ${id} cannot be decrypted with the keys in secrets.json.`);
    }
    const next = encryptBytes(plain, context, ring);
    if (!decryptBytes(next.payload, next.keyId, context, ring).equals(plain))
      throw new RotationError("Re-encryption check failed.");
    writeDurably(path, formatEvidenceFile(next.keyId, next.payload));
    total += 1;
    inBatch += 1;
    if (inBatch >= batchSize) {
      log(`re-encrypted ${inBatch} evidence files`);
      inBatch = 0;
    }
  });
  if (inBatch) log(`re-encrypted ${inBatch} evidence files`);
  return total;
}

/** Counts what still uses each key id: every registered column and every evidence file. */
export function keyUsage(db: Database.Database, dataDir: string) {
  const usage = new Map<string, number>();
  const add = (k: string, n = 1) => usage.set(k, (usage.get(k) ?? 0) + n);
  for (const col of registry(db).columns) {
    const rows = db
      .prepare(
        `SELECT ${q(col.column)} AS v FROM ${q(col.table)} WHERE ${q(col.column)} IS NOT NULL AND ${q(col.column)} <> ''`,
      )
      .raw()
      .all() as [string][];
    for (const [v] of rows) add(keyIdOf(v) ?? "?");
  }
  eachFile(db, join(dataDir, "evidence"), 1000, ({ path }) => {
    if (existsSync(path)) add(readKeyIdOfFile(path));
  });
  return usage;
}

function cleanLeftovers(evidenceDir: string) {
  if (!existsSync(evidenceDir)) return;
  for (const name of readdirSync(evidenceDir))
    if (name.endsWith(".rotate")) rmSync(join(evidenceDir, name), { force: true });
}

export async function rotateKeys({
  db,
  dataDir,
  batchSize = 500,
  graceMs = 2000,
  pauseMs = 0,
  log = () => {},
}: RotationOptions): Promise<RotationReport> {
  const evidenceDir = join(dataDir, "evidence");
  cleanLeftovers(evidenceDir);
  let secrets: Secrets = readSecrets(dataDir);
  const resumed = Boolean(secrets.retiring?.length);
  if (resumed) {
    log(`Resuming the rotation to key ${secrets.currentKeyId} (retiring ${secrets.retiring!.join(", ")}).`);
  } else {
    const keyId = newKeyId(secrets.dataKeys);
    secrets = {
      ...secrets,
      currentKeyId: keyId,
      dataKeys: { ...secrets.dataKeys, [keyId]: randomBytes(32).toString("base64") },
      retiring: Object.keys(secrets.dataKeys),
    };
    writeSecrets(dataDir, secrets);
    log(`New data key ${keyId} is now used for everything written.`);
    if (graceMs > 0) await sleep(graceMs);
  }
  const ring = keyringFromSecrets(secrets);
  const retiring = secrets.retiring ?? [];
  const missing = new Set<string>();
  let values = 0;
  let files = 0;
  // Passes repeat until one changes nothing: a value written by the server under an old key just before it
  // noticed the switch is picked up by the next pass.
  for (;;) {
    const v = await reencryptColumns(db, ring, batchSize, pauseMs, log);
    const f = reencryptFiles(db, evidenceDir, ring, batchSize, log, missing);
    values += v;
    files += f;
    if (v + f === 0) break;
  }
  // The proof, taken while holding the write lock so that nothing can be written between it and retirement.
  const retired = db
    .transaction(() => {
      const usage = keyUsage(db, dataDir);
      const stillUsed = retiring.filter((k) => (usage.get(k) ?? 0) > 0);
      if (stillUsed.length) return null;
      const dataKeys = Object.fromEntries(
        Object.entries(secrets.dataKeys).filter(([k]) => !retiring.includes(k)),
      );
      const { retiring: _done, ...rest } = secrets;
      writeSecrets(dataDir, { ...rest, dataKeys });
      db.prepare(
        `INSERT INTO audit_events (action, target_type, detail) VALUES ('keys.rotate', 'keyring', ?)`,
      ).run(JSON.stringify({ values, files, retired: retiring.length, resumed }));
      return retiring;
    })
    .immediate();
  if (!retired) throw new RotationError("Some values still use an old key; run keys:rotate again to finish.");
  log(`Retired ${retired.length} old key${retired.length === 1 ? "" : "s"}: ${retired.join(", ")}.`);
  return { keyId: ring.currentKeyId, resumed, values, files, missingFiles: [...missing], retired };
}
