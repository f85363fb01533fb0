// Request bodies are read here, before Remix, with a cap by the kind of route. Without it a
// 300 MB form sent to /login, logged in or not, was held in memory whole. The cap is checked on the declared
// Content-Length and again while the body streams in (chunked bodies declare nothing), and a body over it is
// answered 413 with a plain message and the connection closed; nothing of it reaches a route.
import type { NextFunction, Request, Response } from "express";

const KB = 1024;
const MB = 1024 * KB;

/**
 * Log-in, sign-up, password reset, the code step and invitations: small forms anyone can send, logged in or
 * not. Other forms: the largest is an incident's roster (2 MB of CSV) sent back in a hidden field, which
 * URL-encoding can make three times longer. Files (multipart): the upload limit of the server, at least the
 * 15 MB a signed letter of authority may have, plus room for the other fields.
 */
export const BODY_LIMITS = {
  auth: 64 * KB,
  form: 8 * MB,
  multipartExtra: 1 * MB,
  mandateMb: 15,
} as const;

const AUTH_PATHS = /^\/(login|signup|forgot-password|reset-password|two-factor|invitations)(\/|$)/;

/**
 * The pages whose forms carry files (each reads them through app/utils/multipart.server.ts, which answers a
 * body it cannot parse with a 400): evidence on an exposure, a pasted list's CSV, the roster CSV, a signed
 * letter of authority. Single fetch posts to the same path with ".data" added.
 */
const UPLOAD_PATHS =
  /^\/(cases\/[^/]+\/exposures\/[^/.]+|incidents\/[^/]+\/roster|subjects\/[^/.]+)(\.data)?$/;

export type BodyClass = "auth" | "form" | "upload" | "no-files";

export function bodyLimitFor(path: string, contentType: string | undefined, maxUploadMb: number) {
  if (AUTH_PATHS.test(path)) return { kind: "auth" as BodyClass, bytes: BODY_LIMITS.auth };
  if ((contentType ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // Any other form is sent URL-encoded; a file body there would reach a parser that fails with a 500.
    if (!UPLOAD_PATHS.test(path)) return { kind: "no-files" as BodyClass, bytes: 0 };
    return {
      kind: "upload" as BodyClass,
      bytes: Math.max(maxUploadMb, BODY_LIMITS.mandateMb) * MB + BODY_LIMITS.multipartExtra,
    };
  }
  return { kind: "form" as BodyClass, bytes: BODY_LIMITS.form };
}

const size = (bytes: number) =>
  bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${Math.floor(bytes / KB)} KB`;

function tooLargeMessage(kind: BodyClass, bytes: number) {
  if (kind === "upload")
    return `This upload is larger than this server accepts (${size(bytes)}). Go back and choose a smaller file.`;
  return `This form is larger than Retract accepts (${size(bytes)}). Go back and send it with less text.`;
}

function refuse(req: Request, res: Response, kind: BodyClass, bytes: number) {
  if (res.headersSent) return;
  res.status(413).type("text/plain").send(tooLargeMessage(kind, bytes));
  res.on("finish", () => closeAfterAnswer(req));
}

/**
 * Ends a refused request's connection once its answer is out. Closing a socket while the client is still
 * sending resets it, and a reset can reach the client before it has read the answer (it then sees only a broken
 * connection). So, as web servers do with a "lingering close", what still arrives is discarded (never held) for
 * at most two seconds or 256 MB, then the connection closes. (No "Connection: close" on the answer: Node would
 * then close the socket itself as soon as the answer is out.)
 */
function closeAfterAnswer(req: Request) {
  let drained = 0;
  const close = () => {
    clearTimeout(timer);
    req.destroy();
  };
  const timer = setTimeout(close, 2000);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > 256 * MB) close();
  });
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

/** The body read by `limitRequestBodies`, for the Remix request. */
export function bodyOf(res: Response): Buffer | undefined {
  return res.locals.body as Buffer | undefined;
}

/**
 * Express middleware: reads the body of every POST, PUT, PATCH or DELETE up to its route's cap into
 * `res.locals.body` (see bodyOf), or answers 413.
 */
export function limitRequestBodies(maxUploadMb: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const { kind, bytes } = bodyLimitFor(req.path, req.get("content-type"), maxUploadMb);
    if (kind === "no-files") {
      res
        .status(415)

        .type("text/plain")
        .send("This form does not take files. Go back and send it again without attaching anything.");
      res.on("finish", () => closeAfterAnswer(req));
      return;
    }
    const declared = Number(req.get("content-length"));
    if (Number.isFinite(declared) && declared > bytes) return refuse(req, res, kind, bytes);
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (received > bytes) {
        settled = true;
        chunks.length = 0;
        req.off("data", onData);
        req.pause();
        refuse(req, res, kind, bytes);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => {
      if (settled) return;
      settled = true;
      res.locals.body = Buffer.concat(chunks, received);
      next();
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      next(error);
    });
  };
}
