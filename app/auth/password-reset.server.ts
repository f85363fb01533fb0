// Password reset by emailed link: the token is stored hashed, lasts one hour and works once.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResets, users } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Locale } from "~/i18n/languages";
import { translatorForUser } from "~/mail/mail-language.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { clearAccountLimits } from "./rate-limit.server";
import { revokeAllSessions } from "./session.server";
import { findUserIdByEmail, getUserProfile, setPassword } from "./users.server";

const HOUR = 3_600_000;
const hashToken = (t: string) => createHash("sha256").update(t).digest("base64url");

/**
 * Always behaves the same whether or not the account exists, so it reveals nothing. The mail speaks the
 * account's page language, else `locale` (the page the reset was asked from), else English (decision 149).
 */
export async function requestPasswordReset(email: string, locale?: Locale) {
  const userId = findUserIdByEmail(email);
  if (!userId) return;
  const token = randomBytes(32).toString("base64url");
  getDb()
    .insert(passwordResets)
    .values({ tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + HOUR) })
    .run();
  audit({
    action: "user.password_reset_requested",
    actorUserId: userId,
    targetType: "user",
    targetId: userId,
  });
  const profile = getUserProfile(userId)!;
  const link = `${getEnv().baseUrl}/reset-password?token=${token}`;
  const { t } = translatorForUser(userId, locale);
  await sendSystemMail({
    to: profile.email,
    subject: t("mail.reset.subject"),
    text: [
      t("mail.hello", { name: profile.name }),
      "",
      t("mail.reset.intro"),
      "",
      link,
      "",
      t("mail.reset.ignore"),
    ].join("\n"),
  });
}

function findValidReset(token: string) {
  return getDb()
    .select({ tokenHash: passwordResets.tokenHash, userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    )
    .get();
}

export function isResetTokenValid(token: string) {
  return Boolean(findValidReset(token));
}

/** Sets the new password and signs out every session. Returns false for an unknown, used or expired token. */
export async function completePasswordReset(token: string, password: string) {
  const row = findValidReset(token);
  if (!row) return false;
  // Mark used first, conditionally, so two simultaneous submissions cannot both succeed.
  const claimed = getDb()
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.tokenHash, row.tokenHash), isNull(passwordResets.usedAt)))
    .run();
  if (claimed.changes !== 1) return false;
  await setPassword(row.userId, password);
  revokeAllSessions(row.userId);
  // The emailed link proves the owner: every log-in and code limit on the account is lifted.
  const account = getDb()
    .select({ emailHmac: users.emailHmac })
    .from(users)
    .where(eq(users.id, row.userId))
    .get();
  if (account) clearAccountLimits(account.emailHmac, row.userId);
  audit({ action: "user.password_reset", actorUserId: row.userId, targetType: "user", targetId: row.userId });
  return true;
}
