// Backups: a tar archive with a consistent SQLite snapshot (online backup API, safe while the server runs),
// the encrypted evidence files the snapshot refers to, and a manifest with the SHA-256 of every file.
// secrets.json is never inside: a stolen backup alone reveals nothing. Restore verifies everything (hashes,
// PRAGMA integrity_check, a trial decryption with this data folder's keys) before it replaces anything.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { MIGRATIONS_FOLDER } from "#db/connection";
import { parseEvidenceFile } from "~/evidence/storage.server";
import {
  DecryptionError,
  decrypt,
  decryptBytes,
  type Keyring,
  keyringFromSecrets,
} from "~/security/crypto.server";
import { ENCRYPTED_COLUMNS, ENCRYPTED_FILES } from "~/security/encrypted-columns.server";
import { readSecrets } from "~/security/secrets.server";
import { extractTar, type TarEntry, TarWriter } from "./tar.server";

const ROOT = "retract-backup";
const DB_ENTRY = `${ROOT}/retract.sqlite`;
const MANIFEST_ENTRY = `${ROOT}/manifest.json`;
const EVIDENCE_PREFIX = `${ROOT}/evidence/`;
const STORAGE_KEY = /^[A-Za-z0-9_-]{16,64}$/;
export const PID_FILE = "server.pid";

const ManifestSchema = z.object({
  format: z.literal("retract-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  /** Evidence rows whose file had already been erased when the backup was taken (ids only). */
  missing: z.array(z.string()),
  files: z.array(
    z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string().length(64) }),
  ),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export class BackupError extends Error {}

const q = (n: string) => `"${n.replaceAll('"', '""')}"`;

function evidenceKeys(db: Database.Database) {
  const out: { id: string; key: string; context: string }[] = [];
  for (const spec of ENCRYPTED_FILES) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?").get(spec.table);
    if (!exists) continue;
    const rows = db
      .prepare(`SELECT ${q(spec.idColumn)} AS id, ${q(spec.keyColumn)} AS key FROM ${q(spec.table)}`)
      .all() as { id: string; key: string }[];
    out.push(
      ...rows.filter((r) => STORAGE_KEY.test(r.key)).map((r) => ({ ...r, context: spec.context(r.id) })),
    );
  }
  return out;
}

export type BackupResult = { out: string; files: number; bytes: number; missing: number };

/** Writes a full backup archive (or, with dbOnly, a plain SQLite copy as before) to `out`, which must not exist. */
export async function createBackup({
  db,
  dataDir,
  out,
  dbOnly = false,
}: {
  db: Database.Database;
  dataDir: string;
  out: string;
  dbOnly?: boolean;
}): Promise<BackupResult> {
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose a new file name.`);
  if (dbOnly) {
    await db.backup(out);
    return { out, files: 1, bytes: statSync(out).size, missing: 0 };
  }
  const snapshot = `${out}.${randomBytes(4).toString("hex")}.sqlite-part`;
  const part = `${out}.part`;
  const tar = await TarWriter.create(part);
  try {
    // The snapshot is taken first; the files it refers to are copied after (evidence files are never
    // changed in place: written once, replaced by rename on rotation, deleted on erasure).
    await db.backup(snapshot);
    const snap = new Database(snapshot, { readonly: true });
    let keys: { id: string; key: string; context: string }[];
    try {
      keys = evidenceKeys(snap);
    } finally {
      snap.close();
    }
    const files: TarEntry[] = [await tar.addFile(DB_ENTRY, snapshot)];
    const missing: string[] = [];
    for (const { id, key } of keys) {
      try {
        files.push(await tar.addFile(`${EVIDENCE_PREFIX}${key}`, join(dataDir, "evidence", key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        missing.push(id);
      }
    }
    const manifest: Manifest = {
      format: "retract-backup",
      version: 1,
      createdAt: new Date().toISOString(),
      missing,
      files,
    };
    await tar.addBuffer(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await tar.close();
    renameSync(part, out);
    return {
      out,
      files: files.length,
      bytes: statSync(out).size,
      missing: missing.length,
    };
  } catch (e) {
    await tar.abort();
    rmSync(part, { force: true });
    throw e;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/** Unpacks an archive into `staging` and proves it whole and readable with `ring`; throws BackupError if not. */
export async function verifyBackup(archive: string, staging: string, ring: Keyring) {
  mkdirSync(join(staging, "evidence"), { recursive: true, mode: 0o700 });
  let entries: TarEntry[];
  try {
    entries = await extractTar(archive, (path) => {
      if (path === DB_ENTRY) return join(staging, "retract.sqlite");
      if (path === MANIFEST_ENTRY) return join(staging, "manifest.json");
      if (path.startsWith(EVIDENCE_PREFIX) && STORAGE_KEY.test(path.slice(EVIDENCE_PREFIX.length)))
        return join(staging, "evidence", path.slice(EVIDENCE_PREFIX.length));
      return null;
    });
  } catch (e) {
    throw new BackupError(`This is not a readable Retract backup: ${(e as Error).message}`);
  }
  if (!existsSync(join(staging, "manifest.json"))) throw new BackupError("The backup has no manifest.");
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(staging, "manifest.json"), "utf8")));
  } catch {
    throw new BackupError("The backup's manifest is damaged.");
  }
  const read = new Map(entries.filter((e) => e.path !== MANIFEST_ENTRY).map((e) => [e.path, e]));
  for (const f of manifest.files) {
    const got = read.get(f.path);
    if (!got) throw new BackupError(`${f.path} is listed in the manifest but missing from the backup.`);
    if (got.size !== f.size || got.sha256 !== f.sha256)
      throw new BackupError(`${f.path} does not match its SHA-256 in the manifest: the backup is damaged.`);
    read.delete(f.path);
  }
  if (read.size)
    throw new BackupError(`The backup holds files its manifest does not list: ${[...read.keys()][0]}`);
  if (!manifest.files.some((f) => f.path === DB_ENTRY)) throw new BackupError("The backup has no database.");

  let db: Database.Database | undefined;
  try {
    db = new Database(join(staging, "retract.sqlite"), { readonly: true, fileMustExist: true });
    const check = db.pragma("integrity_check") as { integrity_check: string }[];
    if (check.length !== 1 || check[0]!.integrity_check !== "ok")
      throw new BackupError(
        `The database in the backup failed PRAGMA integrity_check: ${check[0]?.integrity_check}`,
      );
    refuseNewerSchema(db);
    const keys = evidenceKeys(db);
    const missing = new Set(manifest.missing);
    for (const { id, key } of keys) {
      if (!existsSync(join(staging, "evidence", key)) && !missing.has(id))
        throw new BackupError(`The evidence file of ${id} is missing from the backup.`);
    }
    trialDecrypt(db, staging, ring, keys);
    return { manifest, evidence: keys.length };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`The database in the backup cannot be read: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** A backup made by a newer Retract (more migrations than this version knows) is refused, not half-understood. */
function refuseNewerSchema(db: Database.Database) {
  const has = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!has) return;
  const applied = (db.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
  const journal = join(MIGRATIONS_FOLDER, "meta", "_journal.json");
  if (!existsSync(journal)) return;
  const known = (JSON.parse(readFileSync(journal, "utf8")) as { entries: unknown[] }).entries.length;
  if (applied > known)
    throw new BackupError(
      `This backup was made by a newer version of Retract (${applied} database migrations; this version knows ${known}). Update Retract first.`,
    );
}

/** Decrypts one value of every registered column and one evidence file: proves secrets.json fits the backup. */
function trialDecrypt(
  db: Database.Database,
  staging: string,
  ring: Keyring,
  keys: { id: string; key: string; context: string }[],
) {
  try {
    for (const col of ENCRYPTED_COLUMNS) {
      const exists = db
        .prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?")
        .get(col.table, col.column);
      if (!exists) continue;
      const row = db
        .prepare(
          `SELECT * FROM ${q(col.table)} WHERE ${q(col.column)} IS NOT NULL AND ${q(col.column)} <> '' LIMIT 1`,
        )
        .get() as Record<string, unknown> | undefined;
      if (row) decrypt(String(row[col.column]), col.context(String(row[col.idColumn]), row), ring);
    }
    const first = keys.find((k) => existsSync(join(staging, "evidence", k.key)));
    if (first) {
      const { keyId, payload } = parseEvidenceFile(readFileSync(join(staging, "evidence", first.key)));
      decryptBytes(payload, keyId, first.context, ring);
    }
  } catch (e) {
    if (e instanceof DecryptionError)
      throw new BackupError(
        "This backup cannot be read with the keys in this data folder's secrets.json. Put the secrets.json that belongs to the backup in the data folder first.",
      );
    throw e;
  }
}

/** Whether a Retract server is running on this data folder (its pid file names a live process). */
export function serverRunning(dataDir: string) {
  const file = join(dataDir, PID_FILE);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

export type RestoreResult = { previous: string | null; files: number; evidence: number };

/** Replaces the data folder's database and evidence with a verified backup; the previous ones are kept aside. */
export async function restoreBackup({
  archive,
  dataDir,
}: {
  archive: string;
  dataDir: string;
}): Promise<RestoreResult> {
  if (!existsSync(archive)) throw new BackupError(`${archive} does not exist.`);
  const pid = serverRunning(dataDir);
  if (pid)
    throw new BackupError(
      `Retract is running on this data folder (process ${pid}). Stop it first, then restore. (If no server runs, delete ${join(dataDir, PID_FILE)}.)`,
    );
  if (!existsSync(join(dataDir, "secrets.json")))
    throw new BackupError(
      `There is no secrets.json in ${dataDir}. Copy the secrets.json that belongs to this backup there first: without it the backup cannot be read.`,
    );
  const ring = keyringFromSecrets(readSecrets(dataDir));
  const staging = mkdtempSync(join(dataDir, ".restore-"));
  try {
    if (isSqliteFile(archive)) return restoreDatabaseOnly(archive, dataDir, staging, ring);
    const { manifest, evidence } = await verifyBackup(archive, staging, ring);
    // Only now is anything touched: the current database and evidence move aside, the backup moves in.
    const names = ["retract.sqlite", "retract.sqlite-wal", "retract.sqlite-shm", "evidence"];
    let previous: string | null = null;
    if (names.some((n) => existsSync(join(dataDir, n)))) {
      previous = join(dataDir, `pre-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`);
      mkdirSync(previous, { mode: 0o700 });
      for (const n of names)
        if (existsSync(join(dataDir, n))) renameSync(join(dataDir, n), join(previous, n));
    }
    renameSync(join(staging, "retract.sqlite"), join(dataDir, "retract.sqlite"));
    renameSync(join(staging, "evidence"), join(dataDir, "evidence"));
    const db = new Database(join(dataDir, "retract.sqlite"));
    try {
      db.prepare(
        `INSERT INTO audit_events (action, target_type, detail) VALUES ('backup.restore', 'backup', ?)`,
      ).run(JSON.stringify({ files: manifest.files.length, createdAt: manifest.createdAt }));
    } finally {
      db.close();
    }
    return { previous, files: manifest.files.length, evidence };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function isSqliteFile(path: string) {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString("latin1") === "SQLite format 3\u0000";
  } finally {
    closeSync(fd);
  }
}

/** A --db-only copy: the same checks on the database; the evidence folder stays as it is. */
function restoreDatabaseOnly(file: string, dataDir: string, staging: string, ring: Keyring): RestoreResult {
  const staged = join(staging, "retract.sqlite");
  copyFileSync(file, staged);
  const db = new Database(staged, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma("integrity_check") as { integrity_check: string }[];
    if (check.length !== 1 || check[0]!.integrity_check !== "ok")
      throw new BackupError(`The database failed PRAGMA integrity_check: ${check[0]?.integrity_check}`);
    refuseNewerSchema(db);
    trialDecrypt(db, join(dataDir), ring, []);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`The database cannot be read: ${(e as Error).message}`);
  } finally {
    db.close();
  }
  const names = ["retract.sqlite", "retract.sqlite-wal", "retract.sqlite-shm"];
  let previous: string | null = null;
  if (names.some((n) => existsSync(join(dataDir, n)))) {
    previous = join(dataDir, `pre-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`);
    mkdirSync(previous, { mode: 0o700 });
    for (const n of names) if (existsSync(join(dataDir, n))) renameSync(join(dataDir, n), join(previous, n));
  }
  renameSync(staged, join(dataDir, "retract.sqlite"));
  const restored = new Database(join(dataDir, "retract.sqlite"));
  try {
    restored
      .prepare(
        `INSERT INTO audit_events (action, target_type, detail) VALUES ('backup.restore', 'backup', ?)`,
      )
      .run(JSON.stringify({ files: 1, dbOnly: true }));
  } finally {
    restored.close();
  }
  return { previous, files: 1, evidence: 0 };
}

const SCHEDULED = /^retract-(\d{8}T\d{6}Z)\.tar$/;

export function scheduledBackupName(now = new Date()) {
  return `retract-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}.tar`;
}

/** The scheduled backups in `dir`, newest first. */
export function listScheduledBackups(dir: string) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => SCHEDULED.test(n))
    .sort()
    .reverse();
}

/** Keeps the newest `keep` scheduled backups in `dir` and deletes the rest; returns what was deleted. */
export function pruneBackups(dir: string, keep: number) {
  const old = listScheduledBackups(dir).slice(keep);
  for (const n of old) rmSync(join(dir, n), { force: true });
  return old;
}

/** One scheduled run: a new archive in `dir` named by time, then retention. */
export async function runScheduledBackup({
  db,
  dataDir,
  dir,
  keep,
  now = new Date(),
}: {
  db: Database.Database;
  dataDir: string;
  dir: string;
  keep: number;
  now?: Date;
}) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const result = await createBackup({ db, dataDir, out: join(dir, scheduledBackupName(now)) });
  return { ...result, pruned: pruneBackups(dir, keep) };
}

/** Whether the newest scheduled backup in `dir` is older than `hours`. */
export function backupDue(dir: string, hours: number, now = new Date()) {
  const newest = listScheduledBackups(dir)[0];
  if (!newest) return true;
  const stamp = SCHEDULED.exec(newest)![1]!;
  const t = Date.parse(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
  );
  return now.getTime() - t >= hours * 3_600_000 - 60_000;
}
