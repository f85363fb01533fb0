// Form schemas for accounts, read by the actions (server only, so zod stays out of the browser bundle).
// Their messages are message keys, translated at the edge by the action (translateFailure, docs/i18n.md).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

const k = (key: MessageKey) => key;

export const EmailSchema = z
  .string()
  .trim()
  .min(1, k("errors.auth.emailMissing"))
  .max(254, k("errors.auth.emailTooLong"))
  .pipe(z.email(k("errors.auth.emailInvalid")));

export const NewPasswordSchema = z
  .string()
  .min(12, k("errors.auth.passwordShort"))
  .max(200, k("errors.auth.tooLong"));

export const SignupSchema = z.object({
  name: z.string().trim().min(1, k("errors.auth.nameMissing")).max(200, k("errors.auth.tooLong")),
  email: EmailSchema,
  password: NewPasswordSchema,
});

/** The sign-up form: the password is chosen on the page the emailed link opens (app/auth/signup.server.ts). */
export const SignupRequestSchema = SignupSchema.pick({ name: true, email: true });

export const SignupFinishSchema = z.object({
  token: z.string().min(20, k("errors.auth.linkIncomplete")).max(2000, k("errors.auth.linkInvalid")),
  password: NewPasswordSchema,
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, k("errors.auth.passwordMissing")).max(200, k("errors.auth.tooLong")),
  redirectTo: z.string().optional(),
});

export const ForgotSchema = z.object({ email: EmailSchema });

export const ResetSchema = z
  .object({
    token: z.string().min(20, k("errors.auth.resetLinkIncomplete")).max(200),
    password: NewPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: k("errors.auth.passwordsDiffer"),
  });
