// Sign-up by emailed link (decision 065). The form asks only for a name and an email and
// always answers "check your email", so it tells nobody whether an address already has an account:
//   - a new address gets a link that finishes the account (the password is chosen on that page);
//   - an address with an account gets a note saying so, with links to log in and to reset the password.
// The link carries the name and address encrypted with the data key (AES-GCM, bound to its purpose) and an
// expiry, so nothing is stored for sign-ups that are never finished. It works once in practice: after it is
// used the address has an account, and a second use is refused.
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { getEnv } from "~/env.server";
import type { Locale } from "~/i18n/languages";
import { englishMessages as en } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import { mailTranslator, translatorForUser } from "~/mail/mail-language.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { DecryptionError, decryptJson, encryptJson } from "~/security/crypto.server";
import { createIpLimiter } from "./rate-limit.server";
import { createUser, EmailTakenError, findUserIdByEmail, normaliseEmail } from "./users.server";

export const SIGNUP_LINK_HOURS = 24;
const CONTEXT = "signup-link";

// Per client address: an office behind one address may sign several people up; a script may not sign up
// thousands. RETRACT_SIGNUP_PER_HOUR sets it (the browser tests sign up many accounts from 127.0.0.1).
// Per email: three a day, so the form cannot be used to flood someone's mailbox.
let perIp: ReturnType<typeof createIpLimiter> | undefined;
const perEmail = createIpLimiter("signup-email", 3, 24 * 60 * 60);

export type SignupLimit = { ok: true } | { ok: false; retryAfter: number };

/** Takes one sign-up from the client address's and the email's allowance. */
export async function allowSignup(ip: string, email: string): Promise<SignupLimit> {
  perIp ??= createIpLimiter("signup-ip", getEnv().RETRACT_SIGNUP_PER_HOUR, 60 * 60);
  const byIp = await perIp(ip);
  if (!byIp.ok) return { ok: false, retryAfter: byIp.retryAfter };
  const byEmail = await perEmail(normaliseEmail(email));
  if (!byEmail.ok) return { ok: false, retryAfter: byEmail.retryAfter };
  return { ok: true };
}

const LinkSchema = z.object({ email: z.string(), name: z.string(), expires: z.number() });

function linkFor(email: string, name: string) {
  const token = encryptJson({ email, name, expires: Date.now() + SIGNUP_LINK_HOURS * 3_600_000 }, CONTEXT);
  return `${getEnv().baseUrl}/signup?token=${encodeURIComponent(token)}`;
}

/**
 * Sends the sign-up mail. Both cases send exactly one message and answer nothing, so neither the page nor the
 * time it takes tells whether the address already has an account. The mail speaks `input.locale` (the page
 * language of whoever filled in the form), or for an address with an account that account's own language
 * (decision 149).
 */
export async function requestSignup(input: { name: string; email: string; locale?: Locale }) {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const base = getEnv().baseUrl;
  const existing = findUserIdByEmail(email);
  if (existing) {
    const { t } = translatorForUser(existing, input.locale);
    await sendSystemMail({
      to: email,
      subject: t("mail.signup.exists.subject"),
      text: [
        t("mail.helloPlain"),
        "",
        t("mail.signup.exists.intro"),
        "",
        t("mail.signup.exists.login", { link: `${base}/login` }),
        t("mail.signup.exists.forgot", { link: `${base}/forgot-password` }),
        "",
        t("mail.signup.exists.ignore"),
      ].join("\n"),
    });
    return;
  }
  const { t } = mailTranslator(input.locale);
  await sendSystemMail({
    to: email,
    subject: t("mail.signup.finish.subject"),
    text: [
      t("mail.hello", { name }),
      "",
      t("mail.signup.finish.intro", { hours: SIGNUP_LINK_HOURS }),
      "",
      linkFor(email, name),
      "",
      t("mail.signup.finish.ignore"),
    ].join("\n"),
  });
}

/** A sign-up link that cannot be used; `key` says why, in words the page translates. */
export class SignupLinkError extends Error {
  readonly key: MessageKey;

  constructor(key: MessageKey) {
    super(en[key]);
    this.key = key;
    this.name = "SignupLinkError";
  }
}

const INVALID: MessageKey = "errors.auth.signupLinkInvalid";

/** What a sign-up link holds, or a SignupLinkError for a changed, foreign or expired link. */
export function readSignupLink(token: string) {
  let value: unknown;
  try {
    value = decryptJson(token, CONTEXT);
  } catch (e) {
    if (e instanceof DecryptionError || e instanceof SyntaxError) throw new SignupLinkError(INVALID);
    throw e;
  }
  const parsed = LinkSchema.safeParse(value);
  if (!parsed.success || parsed.data.expires < Date.now()) throw new SignupLinkError(INVALID);
  return { email: parsed.data.email, name: parsed.data.name };
}

/** Creates the account the link was sent for, with the chosen password. */
export async function finishSignup(token: string, password: string) {
  const { email, name } = readSignupLink(token);
  try {
    const { id, workspaceId } = await createUser({ email, name, password });
    audit({ action: "user.signup", actorUserId: id, workspaceId, targetType: "user", targetId: id });
    return { id, workspaceId };
  } catch (e) {
    if (e instanceof EmailTakenError) throw new SignupLinkError("errors.auth.signupLinkUsed");
    throw e;
  }
}
