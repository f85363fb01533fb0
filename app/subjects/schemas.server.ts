// The subject form's schema, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import { isRegionOf } from "./regions";

/**
 * A text area with one value per line: blank lines dropped, each line at most 300 characters, at most `max`
 * lines; the raw text is capped at `max × charsPerLine` first.
 */
export const lines = (max: number, label: string, charsPerLine = 200) =>
  z
    .string()
    .max(max * charsPerLine, `${label}: too long.`)
    .default("")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(300, `${label}: each line can have at most 300 characters.`))
        .max(max, `${label}: at most ${max} lines.`),
    );

/** One schema for the subject form, used by the action and to describe the fields to the page. */
export const SubjectFieldsSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter the person's name.")
      .max(200, "The name can have at most 200 characters."),
    aliases: lines(20, "Other names"),
    emails: lines(20, "Email addresses").pipe(
      z.array(z.email("One of the email addresses is not valid (one per line, like name@example.com).")),
    ),
    phones: lines(20, "Phone numbers").pipe(
      z.array(
        z
          .string()
          .regex(
            /^[+()0-9 .\-/]{5,40}$/,
            "One of the phone numbers is not valid (digits, spaces, + ( ) - only).",
          ),
      ),
    ),
    addresses: z
      .string()
      .max(4000, "Postal addresses: too long.")
      .default("")
      .transform((v) =>
        v
          .split(/\r?\n\s*\r?\n/)
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    usernames: lines(30, "Usernames"),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, "Choose a country from the list.")
      .default(""),
    /** The US state, German Land or UK nation (ISO 3166-2 without the country, "VA"); "" when not given. */
    region: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(?:[A-Z]{2}-)?[A-Z0-9]{0,3}$/, "Choose a state or region from the list.")
      .default("")
      .transform((v) => v.replace(/^[A-Z]{2}-/, "")),
    notes: z.string().max(5000, "Notes can have at most 5,000 characters.").default(""),
  })
  // A state of another country than the one chosen is refused ("US-VA" names the country itself).
  .superRefine((v, ctx) => {
    if (!v.region) return;
    if (!v.country || !isRegionOf(v.country, v.region))
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "This state or region is not in the country chosen. Choose both again.",
      });
  });
export type SubjectFields = z.infer<typeof SubjectFieldsSchema>;
