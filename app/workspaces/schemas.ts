// Form schemas for organisations, members, invitations and assignment (shared by actions and components).
import { z } from "zod";
import { EmailSchema } from "~/auth/schemas";

export const RoleSchema = z.enum(["owner", "admin", "caseworker", "viewer"], "Choose a role.");

export const ROLE_LABELS = {
  owner: "Owner — everything, including other owners",
  admin: "Admin — all clients, members and settings",
  caseworker: "Caseworker — only the clients assigned to them",
  viewer: "Viewer — reads everything, changes nothing",
} as const;

export const OrganisationSchema = z.object({
  name: z
    .string("Enter the organisation's name.")
    .trim()
    .min(2, "Enter the organisation's name.")
    .max(100, "Use at most 100 characters."),
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
