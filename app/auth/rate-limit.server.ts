// Limits on log-ins, two-factor codes, invitations and public endpoints (in memory).
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Keys are hashed so that the process memory holds no addresses or emails in plain text.
const key = (v: string) => createHash("sha256").update(v).digest("base64url");

async function consume(limiter: RateLimiterMemory, k: string) {
  try {
    await limiter.consume(key(k));
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
  }
}

// ── Log-in, password change and two-factor limits ───────────────────────
// Our own small fixed-window counters, not rate-limiter-flexible: a try is checked and counted in one
// synchronous step (no await between the two), *before* the slow password or code check, so a hundred tries
// sent at once are counted one by one and the sixth is refused without being checked. Several windows are
// checked first and counted only when all allow, so a refused try spends nothing. Tests move the clock
// with setLimitClock instead of sleeping.

let clock: () => number = () => Date.now();

/** For tests: the clock every limit reads (null: the real one). */
export function setLimitClock(now: (() => number) | null) {
  clock = now ?? (() => Date.now());
}

class Window {
  private hits = new Map<string, { n: number; resetAt: number }>();
  constructor(
    readonly points: number,
    readonly ms: number,
  ) {}

  private live(k: string) {
    const h = this.hits.get(k);
    if (h && h.resetAt <= clock()) {
      this.hits.delete(k);
      return undefined;
    }
    return h;
  }

  /** Milliseconds until a try is allowed again, 0 when one is allowed now. */
  waitMs(k: string) {
    const h = this.live(k);
    return h && h.n >= this.points ? h.resetAt - clock() : 0;
  }

  count(k: string) {
    const h = this.live(k);
    if (h) h.n += 1;
    else {
      if (this.hits.size > 50_000) this.sweep();
      this.hits.set(k, { n: 1, resetAt: clock() + this.ms });
    }
  }

  /** Gives one try back (a try that turned out right). */
  refund(k: string) {
    const h = this.live(k);
    if (h) h.n = Math.max(0, h.n - 1);
  }

  clear(k: string) {
    this.hits.delete(k);
  }

  clearPrefix(prefix: string) {
    for (const k of this.hits.keys()) if (k.startsWith(prefix)) this.hits.delete(k);
  }

  /** Drops expired counts; if still too many (tries from very many addresses), the oldest go first. */
  private sweep() {
    const now = clock();
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
    for (const k of this.hits.keys()) {
      if (this.hits.size <= 40_000) break;
      this.hits.delete(k);
    }
  }
}

const MINUTE = 60_000;

/**
 * The limits, in one place. Per account *and* address: five wrong passwords make only that address wait, so
 * someone who knows an email cannot lock its owner out from the owner's own devices. Per address: twenty tries
 * across accounts. Per account over a day: a high ceiling against guessing from many addresses at once; the
 * message then points to the emailed password reset, which lifts every limit on the account. Two-factor codes:
 * ten per account per quarter hour whatever the challenge or address, and twenty per address.
 */
export const LOGIN_LIMITS = {
  perAccountAddress: { points: 5, ms: 15 * MINUTE },
  perAddress: { points: 20, ms: 15 * MINUTE },
  perAccount: { points: 100, ms: 24 * 60 * MINUTE },
  codesPerAccount: { points: 10, ms: 15 * MINUTE },
  codesPerAddress: { points: 20, ms: 15 * MINUTE },
} as const;

const w = (l: { points: number; ms: number }) => new Window(l.points, l.ms);
const passwordPerAccountAddress = w(LOGIN_LIMITS.perAccountAddress);
const passwordPerAddress = w(LOGIN_LIMITS.perAddress);
const passwordPerAccount = w(LOGIN_LIMITS.perAccount);
const codesPerAccount = w(LOGIN_LIMITS.codesPerAccount);
const codesPerAddress = w(LOGIN_LIMITS.codesPerAddress);

export type Attempt =
  | { ok: true }
  /** `account`: the account-wide ceiling was reached (a password reset lifts it). */
  | { ok: false; retryAfter: number; reason: "address" | "account" };

function take(slots: [Window, string, "address" | "account"][]): Attempt {
  let worst: { ms: number; reason: "address" | "account" } | null = null;
  for (const [win, k, reason] of slots) {
    const ms = win.waitMs(k);
    if (ms > 0 && (!worst || ms > worst.ms)) worst = { ms, reason };
  }
  if (worst) return { ok: false, retryAfter: Math.ceil(worst.ms / 1000), reason: worst.reason };
  for (const [win, k] of slots) win.count(k);
  return { ok: true };
}

const pair = (account: string, ip: string) => `${key(account)}:${key(ip)}`;

/**
 * Takes one password try for this account from this address, before the password is checked. `account` is
 * the email's index for log-in, or e.g. `password-change:<user id>` on the account page.
 */
export function takePasswordAttempt(ip: string, account: string): Attempt {
  return take([
    [passwordPerAccountAddress, pair(account, ip), "address"],
    [passwordPerAddress, key(ip), "address"],
    [passwordPerAccount, key(account), "account"],
  ]);
}

/** The password was right: the try is given back and this address starts afresh for the account. */
export function passwordAttemptSucceeded(ip: string, account: string) {
  passwordPerAccountAddress.clear(pair(account, ip));
  passwordPerAddress.refund(key(ip));
  passwordPerAccount.refund(key(account));
}

/** Takes one two-factor code try for the user, before the code is checked. */
export function takeCodeAttempt(ip: string, userId: string): Attempt {
  return take([
    [codesPerAddress, key(ip), "address"],
    [codesPerAccount, key(userId), "account"],
  ]);
}

export function codeAttemptSucceeded(ip: string, userId: string) {
  codesPerAccount.clear(key(userId));
  codesPerAddress.refund(key(ip));
}

/** After a password reset: every password and code limit on the account is lifted. */
export function clearAccountLimits(account: string, userId: string) {
  passwordPerAccount.clear(key(account));
  passwordPerAccountAddress.clearPrefix(`${key(account)}:`);
  codesPerAccount.clear(key(userId));
  const change = `password-change:${userId}`;
  passwordPerAccount.clear(key(change));
  passwordPerAccountAddress.clearPrefix(`${key(change)}:`);
}

/** The calm message for a refused try. */
export function tooManyAttemptsMessage(a: Extract<Attempt, { ok: false }>) {
  const minutes = Math.max(1, Math.ceil(a.retryAfter / 60));
  const wait = `please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again`;
  return a.reason === "account"
    ? `Too many attempts were made on this account. For your safety, ${wait}, or use “Forgot your password?” to get back in now.`
    : `Too many attempts. For your safety, ${wait}.`;
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

// ── Invitations ────────────────────────────────────────────────────
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
