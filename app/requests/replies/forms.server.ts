// The request page's "This looks like…" form: the person confirms or changes what a reply says (read by the
// route's loader and action; server only, so zod stays out of the browser).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { REFUSAL_REASONS, REPLY_OUTCOMES, type RequestEvent } from "~/requests/tracking/lifecycle";
import { eventFor, type ReplyClass } from "./classify";

/** What the person can answer: receipt only, one of the outcomes, or (an email letter) "it did not arrive". */
const key = (k: MessageKey) => k;

export const CONFIRM_CHOICES = ["none", ...REPLY_OUTCOMES, "bounce"] as const;
export type ConfirmChoice = (typeof CONFIRM_CHOICES)[number];

export const ConfirmReplySchema = z
  .object({
    messageId: z.string().min(1).max(40),
    outcome: z.enum(CONFIRM_CHOICES, key("errors.reply.outcome")),
    reason: z.union([z.literal(""), z.enum(REFUSAL_REASONS)]).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "refused" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: key("errors.reply.reason") });
  });

/** The choice a confirmed form stands for, as a lifecycle event. */
export function confirmedEvent(v: z.output<typeof ConfirmReplySchema>): RequestEvent {
  if (v.outcome === "none") return { type: "acknowledge" };
  if (v.outcome === "bounce") return { type: "bounce" };
  if (v.outcome === "refused") return { type: "reply", outcome: "refused", reason: v.reason || "other" };
  return { type: "reply", outcome: v.outcome };
}

/** The form's pre-selected choice and reason for a suggestion ("" when Retract could not tell). */
export function presetFor(
  cls: ReplyClass,
  reason: (typeof REFUSAL_REASONS)[number] | null,
): { outcome: ConfirmChoice | ""; reason: string } {
  const event = eventFor(cls, reason);
  if (!event) return { outcome: "", reason: "" };
  if (event.type === "acknowledge") return { outcome: "none", reason: "" };
  if (event.type === "bounce") return { outcome: "bounce", reason: "" };
  if (event.type === "reply")
    return { outcome: event.outcome, reason: event.outcome === "refused" ? event.reason : "" };
  return { outcome: "", reason: "" };
}
