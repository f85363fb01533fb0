// Form schemas for two-factor set-up and the code step of logging in.
import { z } from "zod";

export const CodeSchema = z.object({
  code: z
    .string("Enter the code.")
    .trim()
    .min(6, "Enter the 6-digit code from your authenticator app, or a recovery code.")
    .max(20, "Enter the 6-digit code from your authenticator app, or a recovery code."),
});

export const ConfirmSchema = CodeSchema.extend({ intent: z.literal("confirm") });
export const DisableSchema = CodeSchema.extend({ intent: z.literal("disable") });

export const TwoFactorIntentSchema = z.object({ intent: z.enum(["confirm", "disable"]) });
