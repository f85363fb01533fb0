// The bulk-letters start form's zod schema, read by the action (server only; the labels the form shows are in
// ./bulk-forms). The options are stored with the job, so a resumed run writes the same letters.
import { z } from "zod";
import { LANGS } from "~/requests/compose/variables";
import { BULK_KINDS } from "~/requests/kinds";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).default("");

export const BulkStartSchema = z.object({
  /** preview: count what each choice would write, without starting. */
  intent: z.enum(["start", "preview"]).default("start"),
  letter: z.enum(["suggested", ...BULK_KINDS], "Choose which letter to write.").default("suggested"),
  lang: z.enum(["auto", ...LANGS], "Choose a language.").default("auto"),
  /** email: by email where the recipient has an address, else a web form or PDF letter ready for you. */
  channel: z.enum(["email", "documents"], "Choose how the letters go out.").default("email"),
  /** representative: you write on each person's behalf (needs their signed letter of authority). */
  sender: z.enum(["representative", "self"], "Choose who the letters are from.").default("self"),
  /**
   * The organisation's postal address for a representative's letters, only if the operator enters it; a bulk
   * letter never carries a person's home address or phone (decision 057). Optional: older jobs have none.
   */
  repAddress: z.string().trim().max(1000, "At most 1000 characters.").optional(),
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
