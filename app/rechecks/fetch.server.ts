// Fetches a URL for a re-check, on the server, behind the SSRF guard: http(s) only, a time limit, a size cap,
// at most three redirects with every hop checked again. The address a hostname resolves to is checked inside
// the connection's own DNS lookup, so the address checked is the address connected to (no DNS rebinding).
import { createHash } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { request } from "undici";
import { blockedReason, type GuardOptions, isOnion } from "./guard";

export const MAX_REDIRECTS = 3;

export type FetchOptions = GuardOptions & {
  timeoutMs?: number;
  maxBytes?: number;
};

export type FetchErrorCode =
  | "bad_url"
  | "onion"
  | "blocked_address"
  | "dns"
  | "timeout"
  | "network"
  | "too_many_redirects";

export type FetchResult =
  | {
      ok: true;
      status: number;
      finalUrl: string;
      body: Buffer;
      truncated: boolean;
      sha256: string;
      contentType: string | null;
      redirects: number;
    }
  | { ok: false; error: FetchErrorCode; detail: string; finalUrl: string; redirects: number };

class BlockedError extends Error {
  code = "EBLOCKED";
}

/** A dns.lookup that refuses blocked addresses: used by the socket itself, so nothing can swap the answer. */
function guardedLookup(opts: GuardOptions): LookupFunction {
  const fn = (
    hostname: string,
    options: { all?: boolean; family?: number },
    cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return cb(err, "", 0);
      // Refuse the name when any of its addresses is internal: a mixed answer is a rebinding attempt.
      for (const a of addresses) {
        const why = blockedReason(a.address, opts);
        if (why) return cb(new BlockedError(`${hostname} resolves to a ${why} address`), "", 0);
      }
      if (options.all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
      cb(null, first.address, first.family);
    });
  };
  return fn as unknown as LookupFunction;
}

function checkUrl(raw: string, opts: GuardOptions): { url: URL } | { error: FetchErrorCode; detail: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: "bad_url", detail: "not a web address" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { error: "bad_url", detail: `${url.protocol} addresses are not fetched` };
  if (url.username || url.password)
    return { error: "bad_url", detail: "addresses with a password are not fetched" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isOnion(host)) return { error: "onion", detail: "onion addresses are never fetched" };
  // Literal IPs never go through DNS lookup, so they are checked here.
  if (isIP(host)) {
    const why = blockedReason(host, opts);
    if (why) return { error: "blocked_address", detail: `a ${why} address` };
  }
  return { url };
}

function errorCode(e: unknown): FetchErrorCode {
  const err = e as { code?: string; name?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (code === "EBLOCKED" || e instanceof BlockedError || err.cause instanceof BlockedError)
    return "blocked_address";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return "dns";
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_ABORTED"
  )
    return "timeout";
  return "network";
}

/** GETs `raw` and returns the status, the body up to `maxBytes` and its SHA-256, or why it could not. */
export async function guardedFetch(raw: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const signal = AbortSignal.timeout(timeoutMs);
  // Loaded on the first re-check, not at start-up (undici was ~80 ms of every cold start).
  const { Agent, request } = await import("undici");
  const agent = new Agent({
    connect: { lookup: guardedLookup(opts), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  let current = raw;
  try {
    for (let hop = 0; ; hop++) {
      const checked = checkUrl(current, opts);
      if ("error" in checked) return { ok: false, ...checked, finalUrl: current, redirects: hop };
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(checked.url, {
          method: "GET",
          dispatcher: agent,
          signal,
          headers: {
            "user-agent": "Retract re-check (+https://github.com/retract)",
            accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
          },
        });
      } catch (e) {
        const code = errorCode(e);
        return { ok: false, error: code, detail: code, finalUrl: current, redirects: hop };
      }
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump().catch(() => undefined);
        if (hop >= MAX_REDIRECTS)
          return {
            ok: false,
            error: "too_many_redirects",
            detail: `more than ${MAX_REDIRECTS} redirects`,
            finalUrl: current,
            redirects: hop,
          };
        current = new URL(Array.isArray(location) ? location[0]! : location, checked.url).toString();
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      try {
        for await (const chunk of res.body) {
          const b = chunk as Buffer;
          if (size + b.length > maxBytes) {
            chunks.push(b.subarray(0, maxBytes - size));
            size = maxBytes;
            truncated = true;
            break;
          }
          chunks.push(b);
          size += b.length;
        }
      } catch (e) {
        const code = errorCode(e);
        return { ok: false, error: code, detail: code, finalUrl: current, redirects: hop };
      } finally {
        if (truncated) res.body.destroy();
      }
      const body = Buffer.concat(chunks);
      const type = res.headers["content-type"];
      return {
        ok: true,
        status: res.statusCode,
        finalUrl: current,
        body,
        truncated,
        sha256: createHash("sha256").update(body).digest("hex"),
        contentType: (Array.isArray(type) ? type[0] : type) ?? null,
        redirects: hop,
      };
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
}
