// Limits on log-ins, two-factor codes, invitations and public endpoints, counted in the database (the
// rate_limits table) so that every worker process of `npm start` shares them (decision 124).
import { and, eq, lte, sql } from "drizzle-orm";
import { rateLimits } from "#db/schema";
import { getDb } from "~/db.server";
import type { Translator } from "~/i18n/translate";
import { blindIndex } from "~/security/crypto.server";

// Keys are keyed hashes, so the table holds no addresses, emails or ids in plain text and cannot be reversed by
// hashing every address.
const key = (v: string) => blindIndex("rate-limit", v);

// ── Fixed-window counters ───────────────────────────────────────
// Our own small fixed-window counters in one table: a try is checked and counted in one synchronous step (one
// IMMEDIATE transaction on the database, no await between the two), *before* the slow password or code check,
// so a hundred tries sent at once, to one worker or to several, are counted one by one and the sixth is
// refused without being checked. Several windows are checked first and counted only when all allow, so a
// refused try spends nothing. Tests move the clock with setLimitClock instead of sleeping.

let clock: () => number = () => Date.now();

/** For tests: the clock every limit reads (null: the real one). */
export function setLimitClock(now: (() => number) | null) {
  clock = now ?? (() => Date.now());
}

/** Expired counts are deleted once every this many counts in a process. */
const SWEEP_EVERY = 500;
let countsSinceSweep = 0;

class Window {
  constructor(
    readonly bucket: string,
    readonly points: number,
    readonly ms: number,
  ) {}

  private row(k: string) {
    return getDb()
      .select({ hits: rateLimits.hits, resetAt: rateLimits.resetAt })
      .from(rateLimits)
      .where(and(eq(rateLimits.bucket, this.bucket), eq(rateLimits.key, k)))
      .get();
  }

  /** The live count (undefined once its window has passed). */
  private live(k: string) {
    const h = this.row(k);
    return h && h.resetAt > clock() ? h : undefined;
  }

  /** Milliseconds until a try is allowed again, 0 when one is allowed now. */
  waitMs(k: string) {
    const h = this.live(k);
    return h && h.hits >= this.points ? h.resetAt - clock() : 0;
  }

  /** The count and its window's end, as the limit's caller shows them. */
  state(k: string) {
    const h = this.live(k);
    return { hits: h?.hits ?? 0, msBeforeNext: h ? h.resetAt - clock() : 0 };
  }

  count(k: string) {
    const now = clock();
    // One statement: a new window starts when the old one has passed.
    getDb()
      .insert(rateLimits)
      .values({ bucket: this.bucket, key: k, hits: 1, resetAt: now + this.ms })
      .onConflictDoUpdate({
        target: [rateLimits.bucket, rateLimits.key],
        set: {
          hits: sql`CASE WHEN ${rateLimits.resetAt} <= ${now} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
          resetAt: sql`CASE WHEN ${rateLimits.resetAt} <= ${now} THEN ${now + this.ms} ELSE ${rateLimits.resetAt} END`,
        },
      })
      .run();
    if (++countsSinceSweep >= SWEEP_EVERY) {
      countsSinceSweep = 0;
      getDb().delete(rateLimits).where(lte(rateLimits.resetAt, now)).run();
    }
  }

  /** Gives one try back (a try that turned out right). */
  refund(k: string) {
    getDb()
      .update(rateLimits)
      .set({ hits: sql`max(0, ${rateLimits.hits} - 1)` })
      .where(and(eq(rateLimits.bucket, this.bucket), eq(rateLimits.key, k)))
      .run();
  }

  clear(k: string) {
    getDb()
      .delete(rateLimits)
      .where(and(eq(rateLimits.bucket, this.bucket), eq(rateLimits.key, k)))
      .run();
  }

  clearPrefix(prefix: string) {
    // substr, not LIKE: the keys are base64url, whose "_" LIKE would read as a wildcard.
    getDb()
      .delete(rateLimits)
      .where(
        and(
          eq(rateLimits.bucket, this.bucket),
          sql`substr(${rateLimits.key}, 1, ${prefix.length}) = ${prefix}`,
        ),
      )
      .run();
  }
}

/** Runs `fn` in one IMMEDIATE transaction: no other process reads or counts between its check and its count. */
function atomically<T>(fn: () => T): T {
  return getDb().transaction(() => fn(), { behavior: "immediate" });
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

const w = (bucket: string, l: { points: number; ms: number }) => new Window(bucket, l.points, l.ms);
const passwordPerAccountAddress = w("password-account-address", LOGIN_LIMITS.perAccountAddress);
const passwordPerAddress = w("password-address", LOGIN_LIMITS.perAddress);
const passwordPerAccount = w("password-account", LOGIN_LIMITS.perAccount);
const codesPerAccount = w("codes-account", LOGIN_LIMITS.codesPerAccount);
const codesPerAddress = w("codes-address", LOGIN_LIMITS.codesPerAddress);

export type Attempt =
  | { ok: true }
  /** `account`: the account-wide ceiling was reached (a password reset lifts it). */
  | { ok: false; retryAfter: number; reason: "address" | "account" };

function take(slots: [Window, string, "address" | "account"][]): Attempt {
  return atomically(() => takeNow(slots));
}

function takeNow(slots: [Window, string, "address" | "account"][]): Attempt {
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
  atomically(() => {
    passwordPerAccountAddress.clear(pair(account, ip));
    passwordPerAddress.refund(key(ip));
    passwordPerAccount.refund(key(account));
  });
}

/** Takes one two-factor code try for the user, before the code is checked. */
export function takeCodeAttempt(ip: string, userId: string): Attempt {
  return take([
    [codesPerAddress, key(ip), "address"],
    [codesPerAccount, key(userId), "account"],
  ]);
}

export function codeAttemptSucceeded(ip: string, userId: string) {
  atomically(() => {
    codesPerAccount.clear(key(userId));
    codesPerAddress.refund(key(ip));
  });
}

/** After a password reset: every password and code limit on the account is lifted. */
export function clearAccountLimits(account: string, userId: string) {
  const change = `password-change:${userId}`;
  atomically(() => {
    passwordPerAccount.clear(key(account));
    passwordPerAccountAddress.clearPrefix(`${key(account)}:`);
    codesPerAccount.clear(key(userId));
    passwordPerAccount.clear(key(change));
    passwordPerAccountAddress.clearPrefix(`${key(change)}:`);
  });
}

/** The calm message for a refused try, in the reader's language (`t` from getTranslator). */
export function tooManyAttemptsMessage(t: Translator["t"], a: Extract<Attempt, { ok: false }>) {
  const minutes = Math.max(1, Math.ceil(a.retryAfter / 60));
  return t(a.reason === "account" ? "errors.auth.tooManyOnAccount" : "errors.auth.tooMany", { minutes });
}

/** A general per-IP limiter for public endpoints (directory API, password reset requests). */
export function createIpLimiter(prefix: string, points: number, seconds: number) {
  const win = new Window(prefix, points, seconds * 1000);
  return async function allow(ip: string) {
    const k = key(ip);
    return atomically(() => {
      const ms = win.waitMs(k);
      if (ms > 0) return { ok: false as const, retryAfter: Math.ceil(ms / 1000) };
      win.count(k);
      return { ok: true as const, retryAfter: 0 };
    });
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

const invitesPerMember = new Window(
  "invite-member",
  INVITATION_LIMITS.perMember.points,
  INVITATION_LIMITS.perMember.seconds * 1000,
);
const invitesPerWorkspace = new Window(
  "invite-workspace",
  INVITATION_LIMITS.perWorkspace.points,
  INVITATION_LIMITS.perWorkspace.seconds * 1000,
);

/**
 * Takes one invitation from the member's and the workspace's allowance. When either is used up nothing is
 * taken and the answer says which limit and how many seconds until the next invitation is possible.
 */
export async function takeInvitation(workspaceId: string, userId: string) {
  const member = key(`${workspaceId}:${userId}`);
  const workspace = key(workspaceId);
  return atomically(() => {
    const ws = invitesPerWorkspace.state(workspace);
    if (ws.hits >= invitesPerWorkspace.points)
      return {
        ok: false as const,
        limit: "workspace" as const,
        retryAfter: Math.ceil(ws.msBeforeNext / 1000),
      };
    const m = invitesPerMember.state(member);
    if (m.hits >= invitesPerMember.points)
      return { ok: false as const, limit: "member" as const, retryAfter: Math.ceil(m.msBeforeNext / 1000) };
    invitesPerMember.count(member);
    invitesPerWorkspace.count(workspace);
    return { ok: true as const, retryAfter: 0 };
  });
}
