// Server rendering with the request's CSP nonce on every script Remix and React write into the page.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDb } from "~/db.server";
import { startBackgroundJobs, stopBackgroundJobs } from "~/jobs.server";
import { NonceProvider } from "~/ui/nonce";

// The server entry is loaded once per process: the natural place to start the background jobs.
startBackgroundJobs();

/**
 * Called by scripts/start.ts on SIGTERM/SIGINT (it reaches this module as the build's entry): the job runner
 * stops claiming, lets running jobs finish for up to `timeoutMs` and hands back the rest, then the database closes.
 */
export async function shutdown(timeoutMs = 10_000) {
  await stopBackgroundJobs(timeoutMs);
  closeDb();
}

const ABORT_DELAY = 5_000;

// Every page of Retract may show someone's personal details: never keep one in a shared or browser cache,
// so the back button after log-out or quick exit shows nothing.
function privateHeaders(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  privateHeaders(response.headers);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  privateHeaders(responseHeaders);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let allReady = false;
    let abortTimer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) send();
        },
        onAllReady() {
          // Everything is rendered: nothing is left to abort. Clearing the timer matters: while it runs it
          // keeps this render (every loader's data, decrypted details included) in memory for 5 s more.
          allReady = true;
          clearTimeout(abortTimer);
          if (waitForAll) send();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    if (!allReady) abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A page that does not exist is not a server error.
  if (typeof error === "object" && error !== null && "status" in error && error.status === 404) return;
  // Log the error, never the request's body or query (they can hold personal details).
  const where = `${request.method} ${new URL(request.url).pathname}`;
  // A client's mistake (a 4xx: a bad route id, a method a route does not take) is one line without a stack,
  // so anonymous requests cannot fill the log with traces.
  const status =
    typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 500;
  if (status >= 400 && status < 500) {
    console.warn(`Refused ${where}: ${status}`);
    return;
  }
  console.error(`Error while handling ${where}:`, error);
}
