// Form schemas of the account page (sessions, password, erasure), read by its action (server only).
import { z } from "zod";
import { NewPasswordSchema } from "~/auth/schemas.server";

export const RevokeSessionSchema = z.object({
  intent: z.literal("revoke"),
  session: z.string().min(20, "Choose a session to log out.").max(100, "Choose a session to log out."),
});

export const RevokeOthersSchema = z.object({ intent: z.literal("revoke-others") });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z.string().min(1, "Enter your current password.").max(200, "Use at most 200 characters."),
    password: NewPasswordSchema,
    confirm: z.string().max(200, "Use at most 200 characters."),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two new passwords are not the same.",
  });

/** Erasure cannot be undone: the form asks for the word ERASE typed out, which works without JavaScript. */
export const EraseSchema = z.object({
  intent: z.literal("erase"),
  confirm: z
    .string("Type ERASE to confirm.")
    .trim()
    .refine((v) => v.toUpperCase() === "ERASE", "Type ERASE to confirm."),
});
