// Form schemas for accounts, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";

export const EmailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "This email address is too long.")
  .pipe(z.email("Enter an email address like name@example.com."));

export const NewPasswordSchema = z
  .string()
  .min(
    12,
    "Use at least 12 characters. A few unrelated words make a strong password that is easy to remember.",
  )
  .max(200, "Use at most 200 characters.");

export const SignupSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your name, or what you would like to be called.")
    .max(200, "Use at most 200 characters."),
  email: EmailSchema,
  password: NewPasswordSchema,
});

/** The sign-up form: the password is chosen on the page the emailed link opens (app/auth/signup.server.ts). */
export const SignupRequestSchema = SignupSchema.pick({ name: true, email: true });

export const SignupFinishSchema = z.object({
  token: z.string().min(20, "This link is not complete.").max(2000, "This link is not valid."),
  password: NewPasswordSchema,
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "Enter your password.").max(200, "Use at most 200 characters."),
  redirectTo: z.string().optional(),
});

export const ForgotSchema = z.object({ email: EmailSchema });

export const ResetSchema = z
  .object({
    token: z.string().min(20, "This reset link is not complete.").max(200),
    password: NewPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords are not the same.",
  });
