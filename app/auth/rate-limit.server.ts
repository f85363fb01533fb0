// Limits on failed log-ins, per client address and per account (rate-limiter-flexible, in memory).
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const perIp = new RateLimiterMemory({ keyPrefix: "login-ip", points: 20, duration: 15 * 60 });
const perAccount = new RateLimiterMemory({ keyPrefix: "login-account", points: 5, duration: 15 * 60 });

// Keys are hashed so that the process memory holds no addresses or emails in plain text.
const key = (v: string) => createHash("sha256").update(v).digest("base64url");

/** Seconds to wait before another try, or 0 when a try is allowed. */
export async function loginBlockedFor(ip: string, accountKey: string) {
  const [a, b] = await Promise.all([perIp.get(key(ip)), perAccount.get(key(accountKey))]);
  const waits = [a, b]
    .filter((r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0)
    .map((r) => Math.ceil(r.msBeforeNext / 1000));
  return waits.length ? Math.max(...waits) : 0;
}

async function consume(limiter: RateLimiterMemory, k: string) {
  try {
    await limiter.consume(key(k));
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
  }
}

export async function recordLoginFailure(ip: string, accountKey: string) {
  await Promise.all([consume(perIp, ip), consume(perAccount, accountKey)]);
}

export async function clearLoginFailures(accountKey: string) {
  await perAccount.delete(key(accountKey));
}

/** A general per-IP limiter for public endpoints (directory API, password reset requests). */
export function createIpLimiter(prefix: string, points: number, seconds: number) {
  const limiter = new RateLimiterMemory({ keyPrefix: prefix, points, duration: seconds });
  return async function allow(ip: string) {
    try {
      await limiter.consume(key(ip));
      return { ok: true as const, retryAfter: 0 };
    } catch (e) {
      if (e instanceof RateLimiterRes)
        return { ok: false as const, retryAfter: Math.ceil(e.msBeforeNext / 1000) };
      throw e;
    }
  };
}

/** Password-reset requests: ten per address per quarter hour. */
export const allowResetRequest = createIpLimiter("reset-request", 10, 15 * 60);
