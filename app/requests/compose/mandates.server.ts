// Letters of authority (mandates): the `mandate` template filled for a client to sign (a PDF), and the signed
// copy they return, stored encrypted on disk like evidence. A letter sent by a representative names the latest
// signed mandate's date and carries the file as an attachment; without one it is not sent.
import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { cases, mandates } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getUserProfile } from "~/auth/users.server";
import { getDb, prepared } from "~/db.server";
import { deleteEncryptedFiles, readEncryptedFile, writeEncryptedFile } from "~/evidence/storage.server";
import { generateReference } from "~/requests/reference";
import { renderLetterPdf } from "~/requests/render/pdf.server";
import { getTemplate, renderTemplate } from "~/requests/render/templates.server";
import { fileContext } from "~/security/encrypted-columns.server";
import { sealFor } from "~/security/encrypted-type.server";
import { getSubject } from "~/subjects/subjects.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { randomBytes } from "~/utils/random.server";
import { inScope, requirePermission, type Scope } from "~/workspaces/scope.server";
import { getWorkspace } from "~/workspaces/workspaces.server";
import type { LetterVariablesInput } from "./variables";

/** The signed copy on disk (ENCRYPTED_FILES); the file name is a column of the encrypted type. */
const fileCtx = (id: string) => fileContext("mandates", id);
const sealFilename = sealFor("mandates", "filename_enc");
/** A line the client fills in by hand where Retract does not know the value. */
const BLANK = "______________________________";
/** Signed copies: a scan or photo, or a signed PDF. */
const ALLOWED_MIME = new Set(["application/pdf", "image/png", "image/jpeg", "image/webp"]);
export const MANDATE_MAX_BYTES = 15 * 1024 * 1024;

/** Input the user can correct (400 with the message). */
export class MandateError extends UserError {
  constructor(message: string) {
    super(message, { field: "file" });
    this.name = "MandateError";
  }
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** The representative: the current member, with the workspace's name when it is an organisation. */
function representativeOf(scope: Scope) {
  const me = getUserProfile(scope.userId);
  const ws = getWorkspace(scope.workspaceId);
  return {
    name: me?.name || me?.email || BLANK,
    email: me?.email ?? "",
    organisation: ws?.kind === "organisation" ? ws.name : null,
    phone: null,
    address: null,
    mandateDate: null,
  };
}

/** The `mandate` template's variables for a client (the subject is decrypted, and the read logged). */
export function mandateVariables(scope: Scope, subjectId: string, now = new Date()): LetterVariablesInput {
  const s = getSubject(scope, subjectId);
  return {
    date: today(now),
    reference: generateReference(randomBytes),
    regime: "none",
    requester: {
      name: s.name,
      email: s.emails[0] || BLANK,
      // The signed copy is enclosed with every letter the representative sends, to the sites that show the
      // content: it never carries the home address (docs/legal.md §2); the name and email identify the person.
      postalAddress: null,
      country: null,
    },
    representative: representativeOf(scope),
    recipient: null,
    mandate: {
      requests: [
        "requests to erase, delist, delete, block or take down personal data about me that was published without my consent, to the sites, platforms, search engines and data brokers that hold it",
        "the follow-ups those requests need, and complaints about them to data protection authorities and other regulators",
      ],
      validUntil: null,
    },
  };
}

/** The letter of authority as a PDF for the client to sign. */
export async function mandatePdf(scope: Scope, subjectId: string, paper: "A4" | "LETTER" = "A4") {
  requirePermission(scope, "case:write");
  const template = getTemplate("mandate", "en");
  if (!template) throw new Error("the mandate template is missing");
  const variables = mandateVariables(scope, subjectId);
  const rendered = renderTemplate(template, variables);
  const pdf = await renderLetterPdf({
    reference: String(variables.reference),
    subject: rendered.subject,
    body: rendered.body,
    lang: "en",
    paper,
    variables,
  });
  audit({
    action: "mandate.pdf",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
  });
  return { pdf, reference: String(variables.reference) };
}

/** Stores the signed copy the client returned; returns its id. */
export async function uploadMandate(
  scope: Scope,
  subjectId: string,
  file: { filename: string; bytes: Buffer; signedOn: string },
  now = new Date(),
) {
  requirePermission(scope, "case:write");
  getSubject(scope, subjectId); // 404 unless the client is in this workspace (and visible to this member)
  if (file.bytes.length === 0) throw new MandateError("Choose the signed letter of authority to upload.");
  if (file.bytes.length > MANDATE_MAX_BYTES) throw new MandateError("The file is larger than 15 MB.");
  if (file.signedOn > today(now)) throw new MandateError("The signing date cannot be in the future.");
  const { fileTypeFromBuffer } = await import("file-type"); // on first upload, not at start-up
  const mime = (await fileTypeFromBuffer(file.bytes))?.mime;
  if (!mime || !ALLOWED_MIME.has(mime))
    throw new MandateError("Upload the signed copy as a PDF or a photo (PNG, JPEG, WebP).");
  const id = newId();
  const storageKey = newId() + newId();
  writeEncryptedFile(storageKey, file.bytes, fileCtx(id));
  const filename =
    (file.filename.split(/[\\/]/).pop() ?? "").replace(/[\p{Cc}"]/gu, "").slice(0, 200) ||
    "letter-of-authority";
  try {
    getDb()
      .insert(mandates)
      .values({
        id,
        workspaceId: scope.workspaceId,
        subjectId,
        representativeUserId: scope.userId,
        signedOn: file.signedOn,
        storageKey,
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
        mime,
        size: file.bytes.length,
        filenameEnc: sealFilename(id, filename),
        createdBy: scope.userId,
      })
      .run();
  } catch (e) {
    deleteEncryptedFiles([storageKey]);
    throw e;
  }
  audit({
    action: "mandate.upload",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
    detail: { mandateId: id, mime, size: file.bytes.length },
  });
  return id;
}

type Row = typeof mandates.$inferSelect;

/** The latest signed mandate of a client (by signing date, then upload), or null. */
export function latestMandate(workspaceId: string, subjectId: string): Row | null {
  // Built once (decision 050): a bulk run asks it for every person, in its plan and again in its run.
  const query = prepared("mandates.latest", (db) =>
    db
      .select()
      .from(mandates)
      .where(
        and(
          eq(mandates.workspaceId, sql.placeholder("workspaceId")),
          eq(mandates.subjectId, sql.placeholder("subjectId")),
        ),
      )
      .orderBy(desc(mandates.signedOn), desc(mandates.createdAt))
      .limit(1)
      .prepare(),
  );
  return query.get({ workspaceId, subjectId }) ?? null;
}

/** The latest signed mandate of the client a case is about. */
export function latestMandateForCase(workspaceId: string, caseId: string): Row | null {
  const kase = getDb()
    .select({ subjectId: cases.subjectId })
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)))
    .get();
  return kase ? latestMandate(workspaceId, kase.subjectId) : null;
}

/** The signed mandates of a client, newest first (file names decrypted for the subject page). */
export function listMandates(scope: Scope, subjectId: string) {
  return getDb()
    .select()
    .from(mandates)
    .where(inScope(mandates, scope, eq(mandates.subjectId, subjectId)))
    .orderBy(desc(mandates.signedOn), desc(mandates.createdAt))
    .all()
    .map((r) => ({
      id: r.id,
      signedOn: r.signedOn,
      filename: r.filenameEnc.open(r.id),
      size: r.size,
      mime: r.mime,
    }));
}

/** The signed copy as a mail attachment (decrypted only for the message). */
export function mandateAttachment(row: Row) {
  return {
    filename: row.filenameEnc.open(row.id),
    content: readEncryptedFile(row.storageKey, fileCtx(row.id)),
    contentType: row.mime,
  };
}
