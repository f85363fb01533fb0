// Form schemas of the account page (sessions, password, erasure), read by its action (server only).
// Their messages are message keys, translated by the action (docs/i18n.md, "Form errors").
import { z } from "zod";
import { NewPasswordSchema } from "~/auth/schemas.server";
import type { MessageKey } from "~/i18n/translate";

const chooseSession: MessageKey = "errors.account.chooseSession";
const tooLong: MessageKey = "errors.auth.tooLong";
const typeErase: MessageKey = "errors.account.typeErase";

export const RevokeSessionSchema = z.object({
  intent: z.literal("revoke"),
  session: z.string().min(20, chooseSession).max(100, chooseSession),
});

export const RevokeOthersSchema = z.object({ intent: z.literal("revoke-others") });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z
      .string()
      .min(1, "errors.account.currentPasswordMissing" satisfies MessageKey)
      .max(200, tooLong),
    password: NewPasswordSchema,
    confirm: z.string().max(200, tooLong),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "errors.account.newPasswordsDiffer" satisfies MessageKey,
  });

/** Erasure cannot be undone: the form asks for the word ERASE typed out, which works without JavaScript. */
export const EraseWorkspaceSchema = z.object({
  intent: z.literal("erase"),
  confirm: z
    .string(typeErase)
    .trim()
    .refine((v) => v.toUpperCase() === "ERASE", typeErase),
});

/**
 * The same for the person page (app/routes/subjects.$subjectId.tsx), whose action does not translate yet: its
 * message is the English words. When that page translates its failures, it uses EraseWorkspaceSchema's key too.
 */
export const EraseSchema = z.object({
  intent: z.literal("erase"),
  confirm: z
    .string("Type ERASE to confirm.")
    .trim()
    .refine((v) => v.toUpperCase() === "ERASE", "Type ERASE to confirm."),
});
