// Export: everything of a workspace or of one subject as a ZIP — data.json with the decrypted records, the
// evidence files as uploaded, each sent letter as text, and manifest.json with the SHA-256 of every file.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { evidenceDir, parseEvidenceFile } from "~/evidence/storage.server";
import { decryptBytes } from "~/security/crypto.server";
import { ENCRYPTED_FILES } from "~/security/encrypted-columns.server";
import { subjectExists } from "~/subjects/subjects.server";
import { notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { decryptRecords, type RecordSet, subjectRecords, workspaceRecords } from "./records.server";

const ROOT = "retract-export";

const safeName = (s: string) =>
  s
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/^[._]+/, "")
    .slice(0, 100) || "file";

type Entry = { path: string; size: number; sha256: string };

function buildZip(
  records: RecordSet,
  kind: "workspace" | "subject",
  workspace: { id: string; name: string },
) {
  const zip = new ZipFile();
  const files: Entry[] = [];
  const add = (path: string, data: Buffer) => {
    zip.addBuffer(data, `${ROOT}/${path}`, { mtime: new Date(), mode: 0o600 });
    files.push({ path, size: data.length, sha256: createHash("sha256").update(data).digest("hex") });
  };
  const tables = decryptRecords(records);

  // Evidence files, decrypted, named by id and the original file name.
  const evidencePaths: Record<string, string> = {};
  for (const spec of ENCRYPTED_FILES) {
    const rows = records.get(spec.table) ?? [];
    const plain = tables[spec.table] ?? [];
    rows.forEach((row, i) => {
      const id = String(row[spec.idColumn]);
      const file = join(evidenceDir(), String(row[spec.keyColumn]));
      if (!existsSync(file)) return;
      const { keyId, payload } = parseEvidenceFile(readFileSync(file));
      const bytes = decryptBytes(payload, keyId, spec.context(id));
      const name = typeof plain[i]?.filename === "string" ? (plain[i]!.filename as string) : "file";
      const path = `evidence/${id}-${safeName(name)}`;
      add(path, bytes);
      evidencePaths[id] = path;
      if (plain[i]) plain[i]!.file = path;
    });
  }

  // Letters as sent (frozen), as plain text beside the JSON.
  for (const letter of tables.letters ?? []) {
    if (!letter.frozen_at) continue;
    const text = [
      `Subject: ${String(letter.subject ?? "")}`,
      `To: ${String(letter.address ?? "")}`,
      "",
      String(letter.body ?? ""),
    ].join("\n");
    const path = `letters/${safeName(String(letter.reference ?? letter.id))}.txt`;
    add(path, Buffer.from(text, "utf8"));
    letter.file = path;
  }

  const data = {
    format: "retract-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    kind,
    workspace,
    note: "Times are milliseconds since 1970-01-01 UTC. Evidence files and sent letters are beside this file.",
    tables,
  };
  add("data.json", Buffer.from(`${JSON.stringify(data, null, 2)}\n`, "utf8"));
  const manifest = { format: "retract-export-manifest", algorithm: "sha256", files };
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), `${ROOT}/manifest.json`, {
    mode: 0o600,
  });
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return { stream: out, files };
}

function workspaceName(workspaceId: string) {
  const row = getDb().$client.prepare("SELECT id, name FROM workspaces WHERE id = ?").get(workspaceId) as
    | { id: string; name: string }
    | undefined;
  return row ?? { id: workspaceId, name: "" };
}

function logSubjectReads(scope: Scope, records: RecordSet) {
  audit(
    (records.get("subjects") ?? []).map((s) => ({
      action: "subject.read" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "subject",
      targetId: String(s.id),
      detail: { fields: "export" },
    })),
  );
}

export function exportWorkspace(scope: Scope) {
  requirePermission(scope, "workspace:manage");
  const records = workspaceRecords(getDb().$client, scope.workspaceId);
  const zip = buildZip(records, "workspace", workspaceName(scope.workspaceId));
  logSubjectReads(scope, records);
  audit({
    action: "export.workspace",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace",
    targetId: scope.workspaceId,
    detail: { files: zip.files.length },
  });
  return zip;
}

export function exportSubject(scope: Scope, subjectId: string) {
  requirePermission(scope, "case:write");
  // The scoped check first: a caseworker reaches only the subjects assigned to them.
  if (!subjectExists(scope, subjectId)) notFound("This person");
  const records = subjectRecords(getDb().$client, scope.workspaceId, subjectId);
  const zip = buildZip(records, "subject", workspaceName(scope.workspaceId));
  logSubjectReads(scope, records);
  audit({
    action: "export.subject",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
    detail: { files: zip.files.length },
  });
  return zip;
}

/** The download response: a generic file name (no names in the browser's download list), never cached. */
export function zipResponse(stream: PassThrough, kind: "workspace" | "person") {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="retract-${kind}-export-${day}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
