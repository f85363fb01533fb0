// Reads a form that may carry a file, with a size cap; an oversized file is a clear 413, not a crash.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

export class UploadTooLargeError extends Error {}

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
    throw e;
  }
}

export async function fileBytes(value: FormDataEntryValue | null) {
  if (!value || typeof value === "string" || value.size === 0) return null;
  return { filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
}
