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

// ── Invitations (issue 6) ────────────────────────────────────────────────────
// An organisation's invitations go out as system mail from this server, so a compromised or careless account
// could use the members page to send mail in bulk. Twenty per member per hour and a hundred per workspace per
// day are far above what a legal-aid team or an employer needs (the roster import does not send invitations).
export const INVITATION_LIMITS = {
  perMember: { points: 20, seconds: 60 * 60 },
  perWorkspace: { points: 100, seconds: 24 * 60 * 60 },
} as const;

const invitesPerMember = new RateLimiterMemory({
  keyPrefix: "invite-member",
  points: INVITATION_LIMITS.perMember.points,
  duration: INVITATION_LIMITS.perMember.seconds,
});
const invitesPerWorkspace = new RateLimiterMemory({
  keyPrefix: "invite-workspace",
  points: INVITATION_LIMITS.perWorkspace.points,
  duration: INVITATION_LIMITS.perWorkspace.seconds,
});

/**
 * Takes one invitation from the member's and the workspace's allowance. When either is used up nothing is
 * taken and the answer says which limit and how many seconds until the next invitation is possible.
 */
export async function takeInvitation(workspaceId: string, userId: string) {
  const [member, workspace] = await Promise.all([
    invitesPerMember.get(key(`${workspaceId}:${userId}`)),
    invitesPerWorkspace.get(key(workspaceId)),
  ]);
  const spent = (r: RateLimiterRes | null) => r !== null && r.remainingPoints <= 0;
  if (spent(workspace))
    return {
      ok: false as const,
      limit: "workspace" as const,
      retryAfter: Math.ceil(workspace!.msBeforeNext / 1000),
    };
  if (spent(member))
    return {
      ok: false as const,
      limit: "member" as const,
      retryAfter: Math.ceil(member!.msBeforeNext / 1000),
    };
  await Promise.all([
    consume(invitesPerMember, `${workspaceId}:${userId}`),
    consume(invitesPerWorkspace, workspaceId),
  ]);
  return { ok: true as const, retryAfter: 0 };
}
