// Two-factor authentication with TOTP (@epic-web/totp: RFC 6238, SHA-1, 6 digits, 30 s) and ten one-time
// recovery codes. After the password, the log-in waits in a short-lived challenge (not a session) for a code.
import { createHash, randomBytes } from "node:crypto";
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import { createCookie } from "@remix-run/node";
import { and, eq, gt, isNull, lt, lte, sql } from "drizzle-orm";
import { renderSVG } from "uqr";
import { recoveryCodes, twoFactorChallenges, userTwoFactor, workspaces } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb, prepared } from "~/db.server";
import { getEnv } from "~/env.server";
import { blindIndex, getKeyring } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";

const PERIOD = 30;
const ISSUER = "Retract";
export const RECOVERY_CODE_COUNT = 10;
const CHALLENGE_MINUTES = 10;
const CHALLENGE_ATTEMPTS = 5;

const sealSecret = sealFor("user_two_factor", "secret_enc");
const codeHmac = (code: string) => blindIndex("recovery-code", normaliseRecoveryCode(code));

export function normaliseRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function row(userId: string) {
  return getDb().select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).get();
}

export function isTwoFactorEnabled(userId: string) {
  return Boolean(row(userId)?.enabledAt);
}

/** A secret waiting for confirmation (kept across reloads of the set-up page), created when missing. */
export async function beginSetup(userId: string, accountName: string) {
  const existing = row(userId);
  if (existing?.enabledAt) throw new Error("Two-factor authentication is already on.");
  let secret: string;
  if (existing) secret = existing.secretEnc.open(userId);
  else {
    secret = (await generateTOTP({ period: PERIOD })).secret;
    getDb()
      .insert(userTwoFactor)
      .values({ userId, secretEnc: sealSecret(userId, secret), updatedAt: new Date() })
      .run();
  }
  const uri = getTOTPAuthUri({
    period: PERIOD,
    digits: 6,
    algorithm: "SHA-1",
    secret,
    accountName,
    issuer: ISSUER,
  });
  const svg = renderSVG(uri, { border: 2 });
  return { secret, uri, qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Checks a 6-digit code against the secret; a code (30 s step) is never accepted twice. */
async function checkTotp(userId: string, code: string, requireEnabled: boolean) {
  const r = row(userId);
  if (!r || (requireEnabled && !r.enabledAt)) return false;
  const otp = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(otp)) return false;
  const result = await verifyTOTP({
    otp,
    secret: r.secretEnc.open(userId),
    period: PERIOD,
    window: 1,
  });
  if (!result) return false;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + result.delta;
  if (r.lastUsedStep !== null && step <= r.lastUsedStep) return false;
  const res = getDb()
    .update(userTwoFactor)
    .set({ lastUsedStep: step, updatedAt: new Date() })
    .where(eq(userTwoFactor.userId, userId))
    .run();
  return res.changes === 1;
}

function newRecoveryCodes() {
  // 10 characters of base-32-ish lower-case (50 bits), shown as xxxxx-xxxxx.
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const s = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/** Turns 2FA on when the code is right; returns the recovery codes (shown once, stored as HMACs). */
export async function confirmSetup(userId: string, code: string, workspaceId?: string) {
  if (!(await checkTotp(userId, code, false))) return null;
  const codes = newRecoveryCodes();
  getDb().transaction((tx) => {
    tx.update(userTwoFactor)
      .set({ enabledAt: new Date(), updatedAt: new Date() })
      .where(eq(userTwoFactor.userId, userId))
      .run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    tx.insert(recoveryCodes)
      .values(codes.map((c) => ({ userId, codeHmac: codeHmac(c) })))
      .run();
  });
  audit({
    action: "two_factor.enable",
    actorUserId: userId,
    workspaceId,
    targetType: "user",
    targetId: userId,
  });
  return codes;
}

export function remainingRecoveryCodes(userId: string) {
  return getDb()
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** A code from the app, or an unused recovery code (then spent). */
export async function verifySecondFactor(userId: string, code: string): Promise<"totp" | "recovery" | null> {
  if (await checkTotp(userId, code, true)) return "totp";
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 10 || !isTwoFactorEnabled(userId)) return null;
  const used = getDb()
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHmac, codeHmac(normalised)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .run();
  return used.changes === 1 ? "recovery" : null;
}

/** Turns 2FA off; needs a current code or a recovery code. */
export async function disableTwoFactor(userId: string, code: string, workspaceId?: string) {
  if (!(await verifySecondFactor(userId, code))) return false;
  getDb().transaction((tx) => {
    tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  });
  audit({
    action: "two_factor.disable",
    actorUserId: userId,
    workspaceId,
    targetType: "user",
    targetId: userId,
  });
  return true;
}

/** Whether the current workspace requires 2FA and the member has not turned it on. */
export function mustSetUpTwoFactor(userId: string, workspaceId: string) {
  const ws = prepared("workspace.requireTwoFactor", (db) =>
    db
      .select({ required: workspaces.requireTwoFactor })
      .from(workspaces)
      .where(eq(workspaces.id, sql.placeholder("workspaceId")))
      .prepare(),
  ).get({ workspaceId });
  return Boolean(ws?.required) && !isTwoFactorEnabled(userId);
}

// ── The pending log-in: password checked, code still to come ─────────────────
let challengeCookie: ReturnType<typeof createCookie> | undefined;
function cookie() {
  challengeCookie ??= createCookie("__retract_2fa", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: "/login",
    secrets: [getKeyring().sessionSecret],
    maxAge: CHALLENGE_MINUTES * 60,
  });
  return challengeCookie;
}

const hashToken = (t: string) => createHash("sha256").update(t).digest("base64url");

/**
 * Starts the code step; returns the Set-Cookie header for the challenge. Other pending challenges of the user
 * stay: someone who has the password must not be able to cancel the real user's code step.
 * Only expired ones are removed.
 */
export async function startChallenge(userId: string, redirectTo: string) {
  const token = randomBytes(32).toString("base64url");
  const db = getDb();
  db.delete(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.userId, userId), lte(twoFactorChallenges.expiresAt, new Date())))
    .run();
  db.insert(twoFactorChallenges)
    .values({
      tokenHash: hashToken(token),
      userId,
      redirectTo,
      expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
    })
    .run();
  return cookie().serialize(token);
}

export async function readChallenge(request: Request) {
  const token = await cookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length < 20) return null;
  const c = getDb()
    .select()
    .from(twoFactorChallenges)
    .where(
      and(eq(twoFactorChallenges.tokenHash, hashToken(token)), gt(twoFactorChallenges.expiresAt, new Date())),
    )
    .get();
  return c ?? null;
}

/**
 * Counts a try on the challenge before its code is checked, in one UPDATE, so codes sent at once are counted
 * one by one. False when the challenge has had its five tries (or is gone): the password is needed again.
 */
export function takeChallengeAttempt(tokenHash: string) {
  const res = getDb()
    .update(twoFactorChallenges)
    .set({ attempts: sql`${twoFactorChallenges.attempts} + 1` })
    .where(
      and(eq(twoFactorChallenges.tokenHash, tokenHash), lt(twoFactorChallenges.attempts, CHALLENGE_ATTEMPTS)),
    )
    .run();
  return res.changes === 1;
}

/** After a wrong code: tries left on the challenge; at none the challenge ends. */
export function challengeTriesLeft(tokenHash: string) {
  const db = getDb();
  const c = db.select().from(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash)).get();
  const left = c ? CHALLENGE_ATTEMPTS - c.attempts : 0;
  if (c && left <= 0)
    db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash)).run();
  return Math.max(0, left);
}

/** Ends the challenge (used once) and returns the header that clears its cookie. */
export async function endChallenge(tokenHash: string) {
  getDb().delete(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash)).run();
  return cookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
