// What the letter pages show of their forms: the choices, the list fields and the line beside every letter.
// No zod here: the forms' schemas are in ./forms.server, for the actions.

import type { MessageKey } from "~/i18n/translate";
import type { WritableKind } from "~/requests/kinds";

export type { LetterDetails, LetterText, SmtpSettingsInput } from "./forms.server";

/**
 * Which postal address the sender's contact block carries (docs/legal.md §2: never the home address by default):
 * none (email only), one the person types (a representative's, a PO box, the organisation's), or the home
 * address on file (read from the person's record when the letter is written).
 */
export const CONTACT_ADDRESS_CHOICES = ["none", "typed", "home"] as const;

/** The letter-details form's fields that carry several values. */
export const LETTER_DETAIL_ARRAYS = ["exposureIds", "attachmentIds"] as const;

/** The line shown beside every generated letter (docs/legal.md: never inside the letter): `t(NOT_LEGAL_ADVICE_KEY)`. */
export const NOT_LEGAL_ADVICE_KEY = "letters.notLegalAdvice" satisfies MessageKey;

/**
 * What the letter form calls each kind of letter it offers: the title of its English built-in template, in the
 * page's language (a test keeps the English words equal to the template's `title`).
 */
export const LETTER_OPTION_TITLES = {
  "gdpr-erasure": "letterOptions.title.gdpr-erasure",
  "gdpr-access": "letterOptions.title.gdpr-access",
  "search-delisting": "letterOptions.title.search-delisting",
  "ccpa-deletion": "letterOptions.title.ccpa-deletion",
  "us-state-deletion": "letterOptions.title.us-state-deletion",
  "kr-pipa-deletion": "letterOptions.title.kr-pipa-deletion",
  "kr-icna-deletion": "letterOptions.title.kr-icna-deletion",
  "dmca-takedown": "letterOptions.title.dmca-takedown",
  "dsa-notice": "letterOptions.title.dsa-notice",
  "platform-report": "letterOptions.title.platform-report",
  "broker-optout": "letterOptions.title.broker-optout",
} as const satisfies Record<WritableKind, MessageKey>;
