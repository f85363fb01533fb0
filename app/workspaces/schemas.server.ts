// Form schemas for organisations, members, invitations and assignment, read by the actions (server only; the
// role labels the pages show are in ./roles).
import { z } from "zod";
import { EmailSchema } from "~/auth/schemas.server";
import type { MessageKey } from "~/i18n/translate";
import { ROLES } from "./roles";

// Messages are message keys, translated by the actions (docs/i18n.md, "Form errors").
export const RoleSchema = z.enum(ROLES, "errors.members.chooseRole" satisfies MessageKey);

const nameMissing: MessageKey = "errors.workspaces.nameMissing";

export const OrganisationSchema = z.object({
  name: z
    .string(nameMissing)
    .trim()
    .min(2, nameMissing)
    .max(100, "errors.workspaces.nameTooLong" satisfies MessageKey),
});

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: EmailSchema,
  role: RoleSchema,
});

export const ChangeRoleSchema = z.object({
  intent: z.literal("role"),
  userId: z.string().min(1).max(40),
  role: RoleSchema,
});

export const RemoveMemberSchema = z.object({
  intent: z.literal("remove"),
  userId: z.string().min(1).max(40),
});

export const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke"),
  invitationId: z.string().min(1).max(40),
});

export const RequireTwoFactorSchema = z.object({
  intent: z.literal("require-2fa"),
  required: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const AssignSchema = z.object({
  intent: z.literal("assign"),
  // "" = nobody (only admins then see the person).
  assignee: z.string().max(40).default(""),
});

export const SwitchWorkspaceSchema = z.object({ workspaceId: z.string().min(1).max(40) });

export const MembersIntentSchema = z.object({
  intent: z.enum(["invite", "role", "remove", "revoke", "require-2fa"]),
});

export const InvitationParamsSchema = z.object({ token: z.string().min(20).max(100) });

export const InvitationIntentSchema = z.object({ intent: z.enum(["accept", "signup"]) });
