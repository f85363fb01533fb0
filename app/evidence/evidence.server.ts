// Evidence: files that prove an exposure. The type is sniffed from the content, the SHA-256 of the original
// is kept, GPS and camera metadata are pointed out, and a copy without metadata can be made.
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { evidence } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { fileContext } from "~/security/encrypted-columns.server";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { deleteEncryptedFiles, readEncryptedFile, writeEncryptedFile } from "./storage.server";

const ALLOWED = new Set([
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  "image/heic",
  "image/tiff",
  "application/pdf",
  "video/mp4",
  "application/zip",
]);
const METADATA_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/tiff"]);
const STRIPPABLE = new Set(["image/jpeg", "image/png", "image/webp", "image/tiff"]);

/** An evidence file that cannot be kept or cleaned: the page shows the message (under the file field for an upload). */
export class EvidenceError extends UserError {}

export type EvidenceMetadata = {
  gps?: { latitude: number; longitude: number };
  camera?: string;
  takenAt?: string;
};

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Sniffs the real type from the bytes; saved web pages and text are recognised as UTF-8 text. */
export async function sniffType(bytes: Buffer): Promise<string | null> {
  // Loaded with the first upload, not at start-up (cold start).
  const { fileTypeFromBuffer } = await import("file-type");
  const ft = await fileTypeFromBuffer(bytes);
  if (ft) {
    if (ft.mime === "application/zip" || ft.mime === "application/x-mhtml") return ft.mime;
    return ALLOWED.has(ft.mime) ? ft.mime : null;
  }
  const text = bytes.subarray(0, 64 * 1024).toString("utf8");
  if (text.includes("\uFFFD") || text.includes("\u0000")) return null;
  const head = text.trimStart().slice(0, 500).toLowerCase();
  if (head.startsWith("mime-version:") || head.includes("content-type: multipart/related"))
    return "multipart/related";
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /<(head|body|meta)[\s>]/.test(head))
    return "text/html";
  return "text/plain";
}

export async function readMetadata(bytes: Buffer, mime: string): Promise<EvidenceMetadata> {
  if (!METADATA_TYPES.has(mime)) return {};
  try {
    const { default: exifr } = await import("exifr");
    const tags = await exifr.parse(bytes, { gps: true, tiff: true, exif: true, xmp: false, icc: false });
    if (!tags) return {};
    const meta: EvidenceMetadata = {};
    if (typeof tags.latitude === "number" && typeof tags.longitude === "number") {
      meta.gps = { latitude: tags.latitude, longitude: tags.longitude };
    }
    const camera = [tags.Make, tags.Model]
      .filter((v) => typeof v === "string")
      .join(" ")
      .trim();
    if (camera) meta.camera = camera;
    const taken = tags.DateTimeOriginal ?? tags.CreateDate;
    if (taken instanceof Date && !Number.isNaN(taken.getTime())) meta.takenAt = taken.toISOString();
    return meta;
  } catch {
    return {};
  }
}

// The file on disk is encrypted with the ENCRYPTED_FILES context; the two columns through their column type.
const fileCtx = (id: string) => fileContext("evidence", id);
const sealFilename = sealFor("evidence", "filename_enc");
const sealMetadata = sealFor("evidence", "metadata_enc");

function cleanFilename(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters and quotes would break the download header; \p{Cc} names them without literals.
  return base.replace(/[\p{Cc}"]/gu, "").slice(0, 200) || "evidence";
}

async function store(
  scope: Scope,
  exposureId: string,
  file: { filename: string; bytes: Buffer; mime: string; derivedFrom?: string },
) {
  const id = newId();
  const storageKey = newId() + newId();
  const meta = await readMetadata(file.bytes, file.mime);
  writeEncryptedFile(storageKey, file.bytes, fileCtx(id));
  try {
    getDb()
      .insert(evidence)
      .values({
        id,
        workspaceId: scope.workspaceId,
        exposureId,
        derivedFrom: file.derivedFrom ?? null,
        filenameEnc: sealFilename(id, cleanFilename(file.filename)),
        mime: file.mime,
        size: file.bytes.length,
        sha256: sha256(file.bytes),
        storageKey,
        hasGps: Boolean(meta.gps),
        metadataEnc: sealMetadata(id, JSON.stringify(meta)),
        createdBy: scope.userId,
      })
      .run();
  } catch (e) {
    deleteEncryptedFiles([storageKey]);
    throw e;
  }
  return id;
}

/** Stores an upload for an exposure the caller has already found in their scope. */
export async function addEvidence(
  scope: Scope,
  exposureId: string,
  file: { filename: string; bytes: Buffer },
) {
  requirePermission(scope, "case:write");
  if (file.bytes.length === 0) throw new EvidenceError({ key: "errors.evidence.empty" }, { field: "file" });
  const mime = await sniffType(file.bytes);
  if (!mime) {
    throw new EvidenceError({ key: "errors.evidence.kind" }, { field: "file" });
  }
  const id = await store(scope, exposureId, { ...file, mime });
  audit({
    action: "evidence.upload",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "evidence",
    targetId: id,
    detail: { mime, size: file.bytes.length },
  });
  return id;
}

export type EvidenceItem = {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  hasGps: boolean;
  metadata: EvidenceMetadata;
  derivedFrom: string | null;
  createdAt: Date;
  strippable: boolean;
};

export function listEvidence(scope: Scope, exposureId: string): EvidenceItem[] {
  return getDb()
    .select()
    .from(evidence)
    .where(inScope(evidence, scope, eq(evidence.exposureId, exposureId)))
    .orderBy(asc(evidence.createdAt))
    .all()
    .map((r) => ({
      id: r.id,
      filename: r.filenameEnc.open(r.id),
      mime: r.mime,
      size: r.size,
      sha256: r.sha256,
      hasGps: r.hasGps,
      metadata: r.metadataEnc.openJson<EvidenceMetadata>(r.id),
      derivedFrom: r.derivedFrom,
      createdAt: r.createdAt,
      strippable: STRIPPABLE.has(r.mime),
    }));
}

function findRow(scope: Scope, exposureId: string, id: string) {
  const row = getDb()
    .select()
    .from(evidence)
    .where(inScope(evidence, scope, and(eq(evidence.id, id), eq(evidence.exposureId, exposureId))))
    .get();
  if (!row) notFound("This file");
  return row;
}

/** Decrypts one evidence file for download; the read is logged. */
export function readEvidence(scope: Scope, exposureId: string, id: string) {
  const row = findRow(scope, exposureId, id);
  const bytes = readEncryptedFile(row.storageKey, fileCtx(id));
  audit({
    action: "evidence.download",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "evidence",
    targetId: id,
  });
  return {
    filename: row.filenameEnc.open(id),
    mime: row.mime,
    bytes,
    sha256: row.sha256,
  };
}

/** Makes a copy of an image with all metadata (GPS, camera, dates) removed, kept beside the original. */
export async function stripMetadata(scope: Scope, exposureId: string, id: string) {
  requirePermission(scope, "case:write");
  const row = findRow(scope, exposureId, id);
  if (!STRIPPABLE.has(row.mime)) throw new EvidenceError({ key: "errors.evidence.notImage" });
  const original = readEncryptedFile(row.storageKey, fileCtx(id));
  // sharp drops EXIF, XMP and IPTC unless asked to keep them; rotate() bakes in the orientation first.
  // Loaded on first use: sharp (libvips) costs start-up time and memory on every server that never strips a photo.
  const { default: sharp } = await import("sharp");
  const stripped = await sharp(original).rotate().toBuffer();
  const name = row.filenameEnc.open(id).replace(/(\.[^.]+)?$/, "-no-metadata$1");
  const newIdValue = await store(scope, exposureId, {
    filename: name,
    bytes: stripped,
    mime: row.mime,
    derivedFrom: id,
  });
  audit({
    action: "evidence.strip",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "evidence",
    targetId: newIdValue,
    detail: { from: id },
  });
  return newIdValue;
}
