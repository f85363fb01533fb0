// Erasure: a subject (with everything that depends on it) or all case data of a workspace, rows and evidence
// files. The audit log keeps that it happened (ids and counts), never what was erased. Deleted pages are
// overwritten (secure_delete) and the WAL is checkpointed, so the plaintext-free ciphertext does not linger
// either; scheduled backups drop it as they age out (RETRACT_BACKUP_KEEP).
import { rmSync } from "node:fs";
import type Database from "better-sqlite3";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { evidencePath } from "~/evidence/storage.server";
import { ENCRYPTED_FILES } from "~/security/encrypted-columns.server";
import { subjectExists } from "~/subjects/subjects.server";
import { notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { countRows, type RecordSet, subjectRecords, workspaceRecords } from "./records.server";

const q = (n: string) => `"${n.replaceAll('"', '""')}"`;

function eraseRecords(db: Database.Database, records: RecordSet) {
  const storageKeys = ENCRYPTED_FILES.flatMap((spec) =>
    (records.get(spec.table) ?? []).map((r) => String(r[spec.keyColumn])),
  );
  db.pragma("secure_delete = ON");
  try {
    db.transaction(() => {
      // Children before parents (the reverse of discovery), so it works whatever the ON DELETE rules are.
      for (const [table, rows] of [...records.entries()].reverse()) {
        const del = db.prepare(`DELETE FROM ${q(table)} WHERE rowid = ?`);
        for (const r of rows) del.run(r.__rowid);
      }
    })();
  } finally {
    db.pragma("secure_delete = OFF");
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  // Files go after the commit: a crash in between leaves orphan ciphertext files, never rows without files.
  for (const k of storageKeys) {
    try {
      rmSync(evidencePath(k), { force: true });
    } catch {
      // An invalid storage key never named a file.
    }
  }
  return { rows: countRows(records), files: storageKeys.length };
}

export function eraseSubject(scope: Scope, subjectId: string) {
  requirePermission(scope, "workspace:manage");
  if (!subjectExists(scope, subjectId)) notFound("This person");
  const db = getDb().$client;
  const records = subjectRecords(db, scope.workspaceId, subjectId);
  const result = eraseRecords(db, records);
  audit({
    action: "subject.erase",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
    detail: result,
  });
  return result;
}

/** Erases all case data of the workspace; the workspace itself, its members and the audit log remain. */
export function eraseWorkspaceData(scope: Scope) {
  requirePermission(scope, "workspace:manage");
  const db = getDb().$client;
  const result = eraseRecords(db, workspaceRecords(db, scope.workspaceId));
  audit({
    action: "workspace.erase",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace",
    targetId: scope.workspaceId,
    detail: result,
  });
  return result;
}
