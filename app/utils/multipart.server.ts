// Reads a form that may carry a file, with a size cap; an oversized file is a clear 413, not a crash.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

export class UploadTooLargeError extends Error {}

// A form the multipart parser cannot read: a semicolon in a file name trips Remix's parser
// ("malformed content-disposition header"), and a broken body or a missing boundary fails too. Those are the
// sender's mistakes: a 400 with a message, never a 500.
const UNREADABLE =
  "This upload could not be read. If the file name contains a semicolon (;) or quotation marks, rename the file and try again.";
const isUnreadableForm = (e: unknown) =>
  e instanceof Error && /malformed|content-disposition|boundary|could not parse/i.test(e.message);

export async function readFormWithFiles(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + 64 * 1024) throw new UploadTooLargeError();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) throw new UploadTooLargeError();
    if (isUnreadableForm(e)) throw new Response(UNREADABLE, { status: 400 });
    throw e;
  }
}

export async function fileBytes(value: FormDataEntryValue | null) {
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
}
