// The request page's and the inbox's form schemas, read by the routes' actions (server only: zod stays out of
// the browser bundle).
import { z } from "zod";
import { calendarDateIn, isIsoDate } from "~/deadlines/dates";
import type { MessageKey } from "~/i18n/translate";
import { LANGS } from "~/requests/compose/variables";
import { REQUEST_INTENTS } from "./intents";
import { REFUSAL_REASONS, REPLY_OUTCOMES } from "./lifecycle";

// Messages are keys (app/i18n/locales), translated by the action with translateFailure (docs/i18n.md).
const key = (k: MessageKey) => k;
const isoDate = z.iso.date(key("errors.date.format"));

/** A reply: what they answered (or "no outcome yet"), optionally its text pasted, and when it came. */
export const ReplySchema = z
  .object({
    outcome: z.union([z.literal("none"), z.enum(REPLY_OUTCOMES)], key("errors.reply.outcome")),
    reason: z.union([z.literal(""), z.enum(REFUSAL_REASONS)]).default(""),
    receivedOn: isoDate,
    text: z.string().trim().max(50_000).default(""),
    // "They removed some of it": the places they name (none ticked: all of the request's places).
    placeIds: z.array(z.string().min(1).max(40)).max(500).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "refused" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: key("errors.reply.reason") });
  });

/** "Stop reminding me about this", with an optional note. */
export const AbandonSchema = z.object({ note: z.string().trim().max(5000).default("") });

export const ExtensionSchema = z.object({ newDueOn: isoDate });
export const NoteSchema = z.object({ note: z.string().trim().min(1, key("errors.note.empty")).max(5000) });
export const AssignSchema = z.object({
  messageId: z.string().min(1).max(40),
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^RX-[0-9A-Z]{4}-[0-9A-Z]{2}$/, key("errors.inbox.reference")),
});

export const MailboxSchema = z.object({
  host: z.string().trim().min(1, key("errors.mailbox.host")).max(253, key("errors.mailbox.host")),
  port: z.coerce
    .number(key("errors.mailbox.port"))
    .int(key("errors.mailbox.port"))
    .min(1, key("errors.mailbox.port"))
    .max(65535, key("errors.mailbox.port")),
  security: z.enum(["tls", "starttls"], key("errors.mailbox.security")),
  user: z.string().trim().min(1, key("errors.mailbox.user")).max(320, key("errors.smtp.tooLong")),
  password: z.string().max(500, key("errors.smtp.tooLong")).default(""),
  mailbox: z.string().trim().max(200, key("errors.smtp.tooLong")).default("INBOX"),
});

/**
 * The latest date that is "today" somewhere (UTC+14): a date entered by someone east of the server is not in
 * the future for them, so it is accepted.
 */
export const latestToday = (now = new Date()) => calendarDateIn(now, "Pacific/Kiritimati");

/**
 * The dates of a letter the user sent themselves (posted, pasted into a web form, or emailed from their own
 * mail): when it went out and when the recipient got it. Deadlines count from the day received (docs/legal.md §1).
 */
export function sentDatesSchema(now = new Date()) {
  const latest = latestToday(now);
  return z
    .object({
      // isIsoDate: a real calendar date in the years the deadline engine counts (from 1970).
      sentOn: z
        .string(key("errors.sentDates.sentFormat"))
        .refine(isIsoDate, key("errors.sentDates.sentFormat")),
      receivedOn: z
        .string(key("errors.sentDates.receivedFormat"))
        .refine(isIsoDate, key("errors.sentDates.receivedFormat")),
    })
    .superRefine((v, ctx) => {
      // Zod runs this even when a field failed its own check: compare only real dates.
      if (!isIsoDate(v.sentOn) || !isIsoDate(v.receivedOn)) return;
      if (v.sentOn > latest)
        ctx.addIssue({
          code: "custom",
          path: ["sentOn"],
          message: key("errors.sentDates.sentFuture"),
        });
      if (v.receivedOn > latest)
        ctx.addIssue({
          code: "custom",
          path: ["receivedOn"],
          message: key("errors.sentDates.receivedFuture"),
        });
      if (v.receivedOn < v.sentOn)
        ctx.addIssue({
          code: "custom",
          path: ["receivedOn"],
          message: key("errors.sentDates.receivedBeforeSent"),
        });
    });
}
export type SentDates = z.output<ReturnType<typeof sentDatesSchema>>;

/** The request page's correction of the day a letter the user sent themselves was received. */
export const ReceivedOnSchema = z.object({
  receivedOn: z
    .string(key("errors.sentDates.receivedFormat"))
    .refine(isIsoDate, key("errors.sentDates.receivedFormat")),
});

export const MailboxIntentSchema = z.enum(["save", "fetch"]);

/** The request page's forms, told apart by their intent. */
export const RequestIntentSchema = z.enum(REQUEST_INTENTS);

export const ComplaintQuerySchema = z.object({
  authority: z.string().max(200).optional().catch(undefined),
  all: z.enum(["1"]).optional().catch(undefined),
});

export const ComplaintSchema = z.object({
  authorityId: z.string(key("errors.complaint.authority")).min(1, key("errors.complaint.authority")).max(200),
  lang: z.enum(LANGS, key("errors.complaint.lang")).optional(),
});
