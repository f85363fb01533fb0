// Form schemas for two-factor set-up and the code step of logging in. Messages are message keys, translated at
// the edge (translateFailure, docs/i18n.md).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

const k = (key: MessageKey) => key;

export const CodeSchema = z.object({
  code: z
    .string(k("errors.auth.codeMissing"))
    .trim()
    .min(6, k("errors.auth.codeShape"))
    .max(20, k("errors.auth.codeShape")),
});

export const ConfirmSchema = CodeSchema.extend({ intent: z.literal("confirm") });
export const DisableSchema = CodeSchema.extend({ intent: z.literal("disable") });

export const TwoFactorIntentSchema = z.object({ intent: z.enum(["confirm", "disable"]) });
