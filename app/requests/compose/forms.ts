// What the letter pages show of their forms: the choices, the list fields and the line beside every letter.
// No zod here: the forms' schemas are in ./forms.server, for the actions.

export type { LetterDetails, LetterText, SmtpSettingsInput } from "./forms.server";

/**
 * Which postal address the sender's contact block carries (docs/legal.md §2: never the home address by default):
 * none (email only), one the person types (a representative's, a PO box, the organisation's), or the home
 * address on file (read from the person's record when the letter is written).
 */
export const CONTACT_ADDRESS_CHOICES = ["none", "typed", "home"] as const;

/** The letter-details form's fields that carry several values. */
export const LETTER_DETAIL_ARRAYS = ["exposureIds", "attachmentIds"] as const;

/** The line shown beside every generated letter (docs/legal.md: never inside the letter). */
export const NOT_LEGAL_ADVICE =
  "Retract fills in letters from published rules; this is not legal advice. If you are unsure, ask a lawyer or a support organisation.";
