// The HTTP server: security headers with a per-request CSP nonce, same-origin checks on every change,
// static files from our own origin only, then Remix.
import { randomBytes } from "node:crypto";
import {
  createRequestHandler as createRemixHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Env } from "~/env.server";
import { bodyOf, limitRequestBodies } from "~/security/body-limit.server";
import { runWithRequestStore } from "~/utils/request-store.server";
import { refuseLegacyDataRequests } from "./legacy-data";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

export function createApp({ build, env }: { build: ServerBuild | (() => Promise<ServerBuild>); env: Env }) {
  const app = express();
  app.disable("x-powered-by");
  if (env.RETRACT_TRUST_PROXY) app.set("trust proxy", 1);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'", ...(env.NODE_ENV === "development" ? ["ws://localhost:*"] : [])],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'none'"],
          "object-src": ["'none'"],
          "manifest-src": ["'self'"],
          "worker-src": ["'self'"],
          ...(env.secureCookies ? { "upgrade-insecure-requests": [] } : {}),
        },
      },
      referrerPolicy: { policy: "no-referrer" },
      frameguard: { action: "deny" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: env.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader(
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
    );
    next();
  });

  // A change (POST, PUT, PATCH, DELETE) must come from our own pages: cookies are SameSite=Lax already, and
  // this refuses cross-origin form posts outright. API calls with a bearer token carry no Origin from a page.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
      res.status(403).type("text/plain").send("This form must be sent from Retract's own pages.");
      return;
    }
    // With Referrer-Policy: no-referrer, browsers send "Origin: null" on plain form posts. Sec-Fetch-Site
    // (checked above) already proved such a post came from our own pages, so the opaque origin is dropped
    // rather than mistaken by Remix for a forged request.
    if (origin === "null") delete req.headers.origin;
    else if (origin) {
      const host = req.get("host");
      let ok = false;
      try {
        ok = new URL(origin).host === host;
      } catch {
        ok = false;
      }
      if (!ok) {
        res.status(403).type("text/plain").send("This form must be sent from Retract's own pages.");
        return;
      }
    }
    next();
  });

  app.use(refuseLegacyDataRequests);
  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static("public", { maxAge: "1h", index: false }));

  // Bodies are read with a cap by route class before Remix sees them (app/security/body-limit.server.ts).
  app.use(limitRequestBodies(env.RETRACT_MAX_UPLOAD_MB));

  const handle = createRemixHandler(build, env.NODE_ENV);
  // Each request gets its own store, so its loaders share one session read (app/utils/request-store.server.ts).
  app.all("*", (req, res, next) =>
    runWithRequestStore(async () => {
      try {
        const response = await handle(remixRequest(req, res), {
          cspNonce: res.locals.cspNonce as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        });
        await sendRemixResponse(res, response);
      } catch (error) {
        next(error);
      }
    }),
  );
  return app;
}

/**
 * The Remix request for an Express request, as @remix-run/express builds it, except that the body is the one
 * limitRequestBodies already read (within its cap), not the raw stream.
 */
function remixRequest(req: Request, res: Response) {
  // req.hostname respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (h: string | undefined) => Number.parseInt(h?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const signal = controller.signal;
  // Loaders and actions are aborted when the client goes away before the answer is complete.
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : bodyOf(res);
  return new globalThis.Request(url.href, {
    method: req.method,
    headers: remixHeaders(req),
    signal,
    body: body ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) : undefined,
  });
}

function remixHeaders(req: Request) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else if (values) headers.set(key, values);
  }
  return headers;
}

/** Sends Remix's answer, as @remix-run/express does. */
async function sendRemixResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
