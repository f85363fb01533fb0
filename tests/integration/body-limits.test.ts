// Request bodies are capped by route class, on the declared length and while streaming
// (chunked bodies too), with a 413 and a plain message; a refused body is not held in memory and the server
// keeps answering others. Over real HTTP, through the middleware scripts/server.ts puts before Remix
// (tests/e2e/body-limits.spec.ts checks the running server).
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ROSTER_BYTES } from "~/incidents/limits";
import { MANDATE_MAX_BYTES } from "~/requests/compose/mandates.server";
import { BODY_LIMITS, bodyLimitFor, bodyOf, limitRequestBodies } from "~/security/body-limit.server";

const UPLOAD_MB = 20;
let port: number;
let server: ReturnType<express.Express["listen"]>;

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBodies(UPLOAD_MB));
  app.all("*", (_req, res) => res.json({ received: bodyOf(res)?.length ?? null }));
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; text: string };

/**
 * Sends `total` bytes in 64 KB chunks, either with a Content-Length or chunked; resolves with the answer
 * (or the answer seen before the server closed the connection).
 */
function send(path: string, total: number, opts: { chunked?: boolean; type?: string } = {}) {
  return new Promise<Answer & { sent: number }>((resolve, reject) => {
    let sent = 0;
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: {
        "content-type": opts.type ?? "application/x-www-form-urlencoded",
        ...(opts.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(total) }),
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, sent }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, text, sent }));
    });
    req.on("error", (e) => reject(e));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    req.on("error", () => {});
    pump();
  });
}

describe("body limits", () => {
  it("refuses an auth form over 64 KB by its declared length, before reading it", async () => {
    const r = await send("/login", 300 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/This form is larger than Retract accepts \(64 KB\)/);
    // The server answered long before the 300 MB were sent.
    expect(r.sent).toBeLessThan(300 * 1024 * 1024);
  });

  it("refuses a chunked body while it streams in, without holding it, and keeps answering others", async () => {
    const before = process.memoryUsage().rss;
    const big = send("/signup", 200 * 1024 * 1024, { chunked: true });
    const started = performance.now();
    const other = await send("/login", 100);
    expect(other.status).toBe(200);
    // Within 100 ms on an idle machine; the bound leaves room for a busy test run.
    expect(performance.now() - started).toBeLessThan(500);
    const r = await big;
    expect(r.status).toBe(413);
    // What the client went on sending was discarded, not held (the answer came first; see closeAfterAnswer).
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("passes bodies within the cap to the route whole", async () => {
    expect(await send("/login", 60 * 1024)).toMatchObject({
      status: 200,
      text: JSON.stringify({ received: 61440 }),
    });
    // A letter's text (100 KB, URL-encoded non-Latin text about three times that) on an ordinary form.
    expect((await send("/cases/c1/requests/l1", 600 * 1024, { chunked: true })).status).toBe(200);
    // An upload of 15 MB (a letter of authority) in multipart.
    const upload = await send("/subjects/s1", 15 * 1024 * 1024, { type: "multipart/form-data; boundary=x" });
    expect(upload).toMatchObject({ status: 200, text: JSON.stringify({ received: 15 * 1024 * 1024 }) });
  });

  it("refuses an ordinary form over its cap and an upload over the upload limit", async () => {
    const form = await send("/cases/c1/requests/l1", BODY_LIMITS.form + 1, { chunked: true });
    expect(form.status).toBe(413);
    expect(form.text).toContain("(8 MB)");
    const upload = await send("/subjects/s1", 40 * 1024 * 1024, {
      type: "multipart/form-data; boundary=x",
      chunked: true,
    });
    expect(upload.status).toBe(413);
    expect(upload.text).toMatch(/This upload is larger than this server accepts \(21 MB\)/);
  });

  it("leaves room for every upload and form the routes accept", () => {
    const multipart = bodyLimitFor("/subjects/s1", "multipart/form-data; boundary=x", 1);
    expect(multipart.bytes).toBeGreaterThan(MANDATE_MAX_BYTES);
    for (const p of [
      "/cases/c1/exposures/e1",
      "/cases/c1/exposures/bulk",
      "/incidents/i1/roster",
      "/subjects/s1.data",
    ])
      expect(bodyLimitFor(p, "multipart/form-data", UPLOAD_MB).bytes, p).toBeGreaterThan(
        UPLOAD_MB * 1024 * 1024,
      );
    // The roster CSV comes back in a hidden field, URL-encoded (at most three bytes per byte).
    expect(
      bodyLimitFor("/incidents/i1/roster", "application/x-www-form-urlencoded", 1).bytes,
    ).toBeGreaterThanOrEqual(3 * MAX_ROSTER_BYTES);
    for (const p of [
      "/login",
      "/login/two-factor",
      "/signup",
      "/forgot-password",
      "/reset-password",
      "/invitations/t",
    ])
      expect(bodyLimitFor(p, "multipart/form-data", UPLOAD_MB).kind).toBe("auth");
  });

  it("answers a file body sent to a form that takes no files with a 415 and a message, not a 500", async () => {
    for (const path of ["/cases/c1/requests/l1", "/settings/email", "/cases/c1.data"]) {
      const r = await send(path, 1000, { type: "multipart/form-data; boundary=x" });
      expect(r.status, path).toBe(415);
      expect(r.text).toMatch(/This form does not take files/);
    }
  });
});
