// The subject form's schema, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { isRegionOf } from "./regions";

/** The fields with one value per line; each has its own three messages (`errors.lines.<field>.…`). */
export type LinesField = "aliases" | "emails" | "phones" | "usernames" | "urls";
const linesMessage = (field: LinesField, what: "tooLong" | "lineTooLong" | "tooMany") =>
  `errors.lines.${field}.${what}` as const satisfies MessageKey;

/**
 * A text area with one value per line: blank lines dropped, each line at most 300 characters, at most `max`
 * lines; the raw text is capped at `max × charsPerLine` first.
 */
export const lines = (max: 20 | 30, field: LinesField, charsPerLine = 200) =>
  z
    .string()
    .max(max * charsPerLine, linesMessage(field, "tooLong"))
    .default("")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(300, linesMessage(field, "lineTooLong")))
        .max(max, linesMessage(field, "tooMany")),
    );

/** One schema for the subject form, used by the action and to describe the fields to the page. */
export const SubjectFieldsSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "errors.subject.nameMissing" satisfies MessageKey)
      .max(200, "errors.subject.nameTooLong" satisfies MessageKey),
    aliases: lines(20, "aliases"),
    emails: lines(20, "emails").pipe(z.array(z.email("errors.subject.emailInvalid" satisfies MessageKey))),
    phones: lines(20, "phones").pipe(
      z.array(z.string().regex(/^[+()0-9 .\-/]{5,40}$/, "errors.subject.phoneInvalid" satisfies MessageKey)),
    ),
    addresses: z
      .string()
      .max(4000, "errors.subject.addressesTooLong" satisfies MessageKey)
      .default("")
      .transform((v) =>
        v
          .split(/\r?\n\s*\r?\n/)
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    usernames: lines(30, "usernames"),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, "errors.subject.country" satisfies MessageKey)
      .default(""),
    /** The US state, German Land or UK nation (ISO 3166-2 without the country, "VA"); "" when not given. */
    region: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(?:[A-Z]{2}-)?[A-Z0-9]{0,3}$/, "errors.subject.regionChoose" satisfies MessageKey)
      .default("")
      .transform((v) => v.replace(/^[A-Z]{2}-/, "")),
    notes: z
      .string()
      .max(5000, "errors.subject.notesTooLong" satisfies MessageKey)
      .default(""),
  })
  // A state of another country than the one chosen is refused ("US-VA" names the country itself).
  .superRefine((v, ctx) => {
    if (!v.region) return;
    if (!v.country || !isRegionOf(v.country, v.region))
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "errors.subject.regionMismatch" satisfies MessageKey,
      });
  });
export type SubjectFields = z.infer<typeof SubjectFieldsSchema>;
