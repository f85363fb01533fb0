// The letter forms' zod schemas, read by the actions (server only; what the pages show is in ./forms): writing
// a letter's details, editing its text, the workspace's SMTP settings and a signed letter of authority.
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { KIND_IDS } from "~/requests/kinds";
import { CONTACT_ADDRESS_CHOICES } from "./forms";
import { STATE_CODES } from "./state-laws";
import { LANGS, REGIMES } from "./variables";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).default("");
const lines = (max: number) =>
  z
    .string()
    .max(max * 300)
    .default("")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, max),
    );

/** "email|privacy@example.com", "webform|https://…", "pdf|<postal address or empty>". */
export const DestinationSchema = z
  .string()
  .min(1, "errors.letter.destination" satisfies MessageKey)
  .max(3000)
  .transform((v, ctx) => {
    const bar = v.indexOf("|");
    const channel = v.slice(0, bar);
    if (bar < 0 || !["email", "pdf", "webform"].includes(channel)) {
      ctx.addIssue({ code: "custom", message: "errors.letter.destination" satisfies MessageKey });
      return z.NEVER;
    }
    return { channel: channel as "email" | "pdf" | "webform", address: v.slice(bar + 1) };
  });

/** What the user tells Retract before the letter is filled in (prefilled from the case where known and safe). */
export const LetterDetailsSchema = z
  .object({
    exposureIds: z
      .array(z.string().min(1).max(40))
      .min(1, "errors.letter.places" satisfies MessageKey)
      .max(200),
    option: z
      .string()
      .regex(/^[a-z-]+\/[a-z-]+$/, "errors.letter.kind" satisfies MessageKey)
      .transform((v) => {
        const [kind, regime] = v.split("/") as [string, string];
        return { kind, regime };
      })
      .pipe(z.object({ kind: z.enum(KIND_IDS), regime: z.enum(REGIMES) })),
    lang: z.enum(LANGS, "errors.letter.lang" satisfies MessageKey),
    /** A workspace's own template of the chosen kind; empty = Retract's built-in wording. */
    workspaceTemplateId: z.string().trim().max(40).default(""),
    destination: DestinationSchema,
    otherEmail: z
      .string()
      .trim()
      .max(320)
      .default("")
      .pipe(z.union([z.literal(""), z.email("errors.letter.recipientEmail" satisfies MessageKey)])),
    requesterName: text(200),
    requesterEmail: z
      .string()
      .trim()
      .max(320)
      .default("")
      .pipe(z.union([z.literal(""), z.email("errors.auth.emailInvalid" satisfies MessageKey)])),
    contactAddress: z
      .enum(CONTACT_ADDRESS_CHOICES, "errors.letter.contactAddress" satisfies MessageKey)
      .default("none"),
    /** The address the person typed (used only when `contactAddress` is "typed"). */
    requesterAddress: text(1000),
    /** Empty unless the person types one: a phone number is never filled in from the record. */
    requesterPhone: text(60),
    requesterCountry: text(100),
    represented: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    repName: text(200),
    repOrganisation: text(200),
    repEmail: text(320),
    repPhone: text(60),
    repAddress: text(1000),
    repMandateDate: z
      .union([z.literal(""), z.iso.date("errors.date.format" satisfies MessageKey)])
      .default(""),
    particularSituation: text(5000),
    illegalityExplanation: text(5000),
    searchTerms: lines(10),
    delistingReason: text(2000),
    identifiers: lines(20),
    authorityName: text(300),
    workTitle: text(300),
    workDescription: text(2000),
    paper: z.enum(["A4", "LETTER"]).default("A4"),
    attachmentIds: z.array(z.string().min(1).max(40)).max(20).default([]),
    /** US state deletion (and a broker opt-out under a state law): the state whose law the letter cites. */
    stateLaw: z
      .union([z.literal(""), z.enum(STATE_CODES, "errors.letter.state" satisfies MessageKey)])
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.contactAddress === "typed" && !v.requesterAddress)
      ctx.addIssue({
        code: "custom",
        path: ["requesterAddress"],
        message: "errors.letter.typedAddress" satisfies MessageKey,
      });
    if (v.option.kind === "us-state-deletion" && !v.stateLaw)
      ctx.addIssue({
        code: "custom",
        path: ["stateLaw"],
        message: "errors.letter.stateLaw" satisfies MessageKey,
      });
    if (v.represented && v.repEmail && !z.email().safeParse(v.repEmail).success)
      ctx.addIssue({
        code: "custom",
        path: ["repEmail"],
        message: "errors.letter.repEmail" satisfies MessageKey,
      });
  })
  // An address typed and then "email only" chosen stays out of the letter: from here on `requesterAddress` is
  // exactly the address the letter may carry ("home" is read from the person's record by writeLetter).
  .transform((v) => (v.contactAddress === "none" ? { ...v, requesterAddress: "" } : v));
export type LetterDetails = z.output<typeof LetterDetailsSchema>;

/** Editing a draft's text (and its attachments and paper size). */
export const LetterTextSchema = z.object({
  // One line: a line break in a header would let the text add headers of its own.
  subject: z
    .string()
    .transform((v) => v.replace(/[\r\n]+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(1, "errors.letter.subjectEmpty" satisfies MessageKey)
        .max(500),
    ),
  body: z
    .string()
    .min(1, "errors.letter.bodyEmpty" satisfies MessageKey)
    .max(100_000)
    .transform((v) => v.replace(/\r\n/g, "\n")),
  attachmentIds: z.array(z.string().min(1).max(40)).max(20).default([]),
  paper: z.enum(["A4", "LETTER"]).default("A4"),
});
export type LetterText = z.output<typeof LetterTextSchema>;

// The SMTP settings' messages are keys (app/i18n/locales), translated by the action with translateFailure.
const smtpKey = (k: MessageKey) => k;
export const SmtpSettingsSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, smtpKey("errors.smtp.hostMissing"))
    .max(255, smtpKey("errors.smtp.hostShape"))
    .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/, smtpKey("errors.smtp.hostShape")),
  port: z.coerce
    .number(smtpKey("errors.smtp.port"))
    .int(smtpKey("errors.smtp.port"))
    .min(1, smtpKey("errors.smtp.port"))
    .max(65535, smtpKey("errors.smtp.port")),
  secure: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
  user: z.string().trim().max(320, smtpKey("errors.smtp.tooLong")).default(""),
  // Blank keeps the stored password.
  password: z.string().max(1000, smtpKey("errors.smtp.tooLong")).default(""),
  from: z.string().trim().min(3, smtpKey("errors.smtp.from")).max(400, smtpKey("errors.smtp.tooLong")),
  replyTo: z
    .string()
    .trim()
    .max(320, smtpKey("errors.smtp.tooLong"))
    .default("")
    .pipe(z.union([z.literal(""), z.email(smtpKey("errors.smtp.replyTo"))])),
});
export type SmtpSettingsInput = z.output<typeof SmtpSettingsSchema>;

/** Uploading a client's signed letter of authority (the file itself is read separately). */
export const MandateUploadSchema = z.object({
  signedOn: z.iso.date("Enter the date they signed it, as YYYY-MM-DD."),
});

export const SmtpIntentSchema = z.object({
  intent: z.enum(["save", "test"], smtpKey("errors.unknownAction")),
});
