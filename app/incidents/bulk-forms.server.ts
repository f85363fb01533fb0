// The bulk-letters start form's zod schema, read by the action (server only; the labels the form shows are in
// ./bulk-forms). The options are stored with the job, so a resumed run writes the same letters.
// Messages are keys (decision 123), translated by the action with translateFailure.
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { LANGS } from "~/requests/compose/variables";
import { BULK_KINDS } from "~/requests/kinds";

const TOO_LONG = {
  300: "incidents.bulk.errors.max300",
  1000: "incidents.bulk.errors.max1000",
  2000: "incidents.bulk.errors.max2000",
  5000: "incidents.bulk.errors.max5000",
} as const satisfies Record<number, MessageKey>;

const text = (max: keyof typeof TOO_LONG) => z.string().trim().max(max, TOO_LONG[max]).default("");

export const BulkStartSchema = z.object({
  /** preview: count what each choice would write, without starting. */
  intent: z.enum(["start", "preview"]).default("start"),
  letter: z
    .enum(["suggested", ...BULK_KINDS], "incidents.bulk.errors.letter" satisfies MessageKey)
    .default("suggested"),
  lang: z.enum(["auto", ...LANGS], "incidents.bulk.errors.lang" satisfies MessageKey).default("auto"),
  /** email: by email where the recipient has an address, else a web form or PDF letter ready for you. */
  channel: z
    .enum(["email", "documents"], "incidents.bulk.errors.channel" satisfies MessageKey)
    .default("email"),
  /** representative: you write on each person's behalf (needs their signed letter of authority). */
  sender: z
    .enum(["representative", "self"], "incidents.bulk.errors.sender" satisfies MessageKey)
    .default("self"),
  /**
   * The organisation's postal address for a representative's letters, only if the operator enters it; a bulk
   * letter never carries a person's home address or phone (decision 057). Optional: older jobs have none.
   */
  repAddress: z.string().trim().max(1000, TOO_LONG[1000]).optional(),
  particularSituation: text(5000),
  illegalityExplanation: text(5000),
  delistingReason: text(2000),
  authorityName: text(300),
});
export type BulkOptions = Omit<z.output<typeof BulkStartSchema>, "intent">;

export const BulkCancelSchema = z.object({ intent: z.literal("cancel") });

/** The options a new run starts from, before the member changes any (the plan on the bulk page uses them). */
export function defaultBulkOptions(hasEmail: boolean): BulkOptions {
  const { intent: _intent, ...options } = BulkStartSchema.parse({});
  return { ...options, channel: hasEmail ? "email" : "documents" };
}
