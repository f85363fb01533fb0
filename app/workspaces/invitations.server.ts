// Invitations to an organisation: a random 256-bit token in the link, only its SHA-256 stored; valid 7 days,
// used once, and only by an account with the invited email address.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, users, workspaces } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { takeInvitation } from "~/auth/rate-limit.server";
import { emailIndex, normaliseEmail } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Locale } from "~/i18n/languages";
import { translatorForUser } from "~/mail/mail-language.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { englishOf, type Said } from "~/requests/said";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { can, type Role, requirePermission, type Scope } from "./scope.server";
import { getWorkspace } from "./workspaces.server";

export const INVITATION_DAYS = 7;

/** An invitation that cannot be sent or taken up: the page shows why (400). */
export class InvitationError extends UserError {
  /** Its words as a message key: `message` is the English, `said` for the pages. */
  readonly said: Said;
  constructor(said: Said, options: { status?: 429 } = {}) {
    super(englishOf(said), options);
    this.name = "InvitationError";
    this.said = said;
  }
}

/** Too many invitations from this member (per hour) or this workspace (per day): answered with 429. */
export class InvitationLimitError extends InvitationError {
  constructor(
    readonly limit: "member" | "workspace",
    readonly retryAfter: number,
  ) {
    const values =
      retryAfter >= 3600
        ? { unit: "hours", count: Math.ceil(retryAfter / 3600) }
        : { unit: "minutes", count: Math.max(1, Math.ceil(retryAfter / 60)) };
    super(
      {
        key: limit === "member" ? "errors.invitations.limitMember" : "errors.invitations.limitWorkspace",
        values,
      },
      { status: 429 },
    );
  }
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
const sealEmail = sealFor("invitations", "email_enc");

/**
 * Invites an address. The mail is in the invited person's own page language when the address already has an
 * account that chose one, else in the inviter's page language (`input.locale`, the page the invitation was
 * sent from; without it the inviter's account setting): decision 149.
 */
export async function createInvitation(scope: Scope, input: { email: string; role: Role; locale?: Locale }) {
  requirePermission(scope, "members:manage");
  if (input.role === "owner" && !can(scope, "owners:manage"))
    throw new InvitationError({ key: "errors.invitations.onlyOwnerInvitesOwner" });
  const ws = getWorkspace(scope.workspaceId);
  if (ws?.kind !== "organisation") throw new InvitationError({ key: "errors.invitations.personal" });
  const email = normaliseEmail(input.email);
  const emailHmac = emailIndex(email);
  const db = getDb();
  const already = db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.emailHmac, emailHmac), eq(memberships.workspaceId, scope.workspaceId)))
    .get();
  if (already) throw new InvitationError({ key: "errors.invitations.alreadyMember" });
  const invitee = db.select({ id: users.id }).from(users).where(eq(users.emailHmac, emailHmac)).get();
  const allowance = await takeInvitation(scope.workspaceId, scope.userId);
  if (!allowance.ok) {
    audit({
      action: "invitation.limited",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "workspace",
      targetId: scope.workspaceId,
      detail: { limit: allowance.limit },
    });
    throw new InvitationLimitError(allowance.limit, allowance.retryAfter);
  }
  const id = newId();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  db.transaction((tx) => {
    // A new invitation for the same address replaces an open one.
    tx.update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.workspaceId, scope.workspaceId),
          eq(invitations.emailHmac, emailHmac),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .run();
    tx.insert(invitations)
      .values({
        id,
        workspaceId: scope.workspaceId,
        emailHmac,
        emailEnc: sealEmail(id, email),
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: scope.userId,
        expiresAt,
      })
      .run();
  });
  audit({
    action: "invitation.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "invitation",
    targetId: id,
    detail: { role: input.role },
  });
  const link = `${getEnv().baseUrl}/invitations/${token}`;
  const { t } = translatorForUser(invitee?.id, input.locale ?? translatorForUser(scope.userId).locale);
  const mail = await sendSystemMail({
    to: email,
    subject: t("mail.invite.subject", { workspace: ws.name }),
    text: [
      t("mail.invite.intro", { workspace: ws.name, role: input.role }),
      "",
      t("mail.invite.open", { days: INVITATION_DAYS }),
      link,
      "",
      t("mail.invite.ignore"),
    ].join("\n"),
  });
  return { id, link, delivered: mail.delivered };
}

/** An open invitation for a token (not used, revoked or expired), with its organisation's name. */
export function findInvitation(token: string) {
  if (token.length < 20 || token.length > 100) return null;
  const row = getDb()
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      workspaceName: workspaces.name,
      emailHmac: invitations.emailHmac,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .get();
  return row ?? null;
}

/** Joins the user to the organisation; refuses another email address, and a second use of the link. */
export function acceptInvitation(token: string, userId: string) {
  const inv = findInvitation(token);
  if (!inv) throw new InvitationError({ key: "errors.invitations.used" });
  const db = getDb();
  const user = db.select({ emailHmac: users.emailHmac }).from(users).where(eq(users.id, userId)).get();
  if (!user || user.emailHmac !== inv.emailHmac)
    throw new InvitationError({ key: "errors.invitations.otherEmail" });
  db.transaction((tx) => {
    const used = tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run();
    if (used.changes !== 1) throw new InvitationError({ key: "errors.invitations.used" });
    tx.insert(memberships)
      .values({ workspaceId: inv.workspaceId, userId, role: inv.role })
      .onConflictDoNothing()
      .run();
  });
  audit({
    action: "invitation.accept",
    actorUserId: userId,
    workspaceId: inv.workspaceId,
    targetType: "invitation",
    targetId: inv.id,
    detail: { role: inv.role },
  });
  return { workspaceId: inv.workspaceId };
}

export function listOpenInvitations(scope: Scope) {
  requirePermission(scope, "members:manage");
  return getDb()
    .select({
      id: invitations.id,
      emailEnc: invitations.emailEnc,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, scope.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .all()
    .map((r) => ({
      id: r.id,
      email: r.emailEnc.open(r.id),
      role: r.role,
      expiresAt: r.expiresAt,
    }));
}

export function revokeInvitation(scope: Scope, id: string) {
  requirePermission(scope, "members:manage");
  const res = getDb()
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, id),
        eq(invitations.workspaceId, scope.workspaceId),
        isNull(invitations.acceptedAt),
      ),
    )
    .run();
  if (res.changes !== 1) return;
  audit({
    action: "invitation.revoke",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "invitation",
    targetId: id,
  });
}
