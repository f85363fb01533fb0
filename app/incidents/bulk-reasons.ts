// Why a cell of a bulk run got no letter, as stored codes (never personal data) and their plain-language
// explanation for the summary. Pure: shared by the worker, the summary page and the tests. The pages say a
// reason with `reasonMessage` (a message key and values, in the page's language); `reasonText` is the same in
// English (the worker's error messages, tests), and the catalogue test keeps the two equal.
import type { MessageKey } from "~/i18n/translate";

export const REASONS = {
  already_requested: "A letter to this recipient was written for this person meanwhile.",
  person_unavailable: "The person is no longer on your list (removed, or assigned to someone else).",
  exposures_removed: "The leaked pages of this cell were removed from the person's case.",
  recipient_unknown: "The recipient is no longer in the directory.",
  no_letter_for_recipient: "No letter of the chosen kind applies to this recipient.",
  no_template: "No template for this letter in the chosen language.",
  no_contact_address:
    "The directory has no address to send this letter to (no email, form or postal address).",
  no_mandate:
    "No signed letter of authority is on file for this person (needed when you write on their behalf).",
  no_email_account: "No email account is set up for the workspace (Settings → Email).",
  invalid_details: "Some details of this person are not valid for a letter.",
  render_error:
    "Retract could not fill in this kind of letter for this recipient (a problem in the letter template).",
  unfilled_marker: "The letter still contained a template marker.",
  checklist_failed: "The letter did not pass the legal checklist for its kind.",
  changed_during_run:
    "The person's leaked pages kept changing while this letter was being written; run the letters again to write it.",
  cancelled: "The run was cancelled before this letter was written.",
  error: "An unexpected error stopped this letter; nothing was written for it.",
} as const;

export type ReasonCode = keyof typeof REASONS | `missing:${string}`;

/** What a missing required variable means to the user, by its first path segment. */
const MISSING = {
  requester: "the person's name or email address",
  representative: "your name or email address as their representative",
  particularSituation: "the statement of the particular situation",
  illegalityExplanation: "the explanation why the content is illegal",
  authority: "the data protection authority to escalate to",
  searchTerms: "the name searched for",
  works: "the photo or work that was copied",
  recipient: "the recipient's legal entity or address",
  stateLaw: "the US state whose law applies",
  exposures: "the leaked pages",
  optOut: "the broker's opt-out form",
} as const;

/** The message key of each reason. */
export const REASON_KEYS = {
  already_requested: "incidents.bulk.reason.already_requested",
  person_unavailable: "incidents.bulk.reason.person_unavailable",
  exposures_removed: "incidents.bulk.reason.exposures_removed",
  recipient_unknown: "incidents.bulk.reason.recipient_unknown",
  no_letter_for_recipient: "incidents.bulk.reason.no_letter_for_recipient",
  no_template: "incidents.bulk.reason.no_template",
  no_contact_address: "incidents.bulk.reason.no_contact_address",
  no_mandate: "incidents.bulk.reason.no_mandate",
  no_email_account: "incidents.bulk.reason.no_email_account",
  invalid_details: "incidents.bulk.reason.invalid_details",
  render_error: "incidents.bulk.reason.render_error",
  unfilled_marker: "incidents.bulk.reason.unfilled_marker",
  checklist_failed: "incidents.bulk.reason.checklist_failed",
  changed_during_run: "incidents.bulk.reason.changed_during_run",
  cancelled: "incidents.bulk.reason.cancelled",
  error: "incidents.bulk.reason.error",
} as const satisfies Record<keyof typeof REASONS, MessageKey>;

/** The message key of each missing detail, by the variable's first path segment. */
export const MISSING_KEYS = {
  requester: "incidents.bulk.missing.requester",
  representative: "incidents.bulk.missing.representative",
  particularSituation: "incidents.bulk.missing.particularSituation",
  illegalityExplanation: "incidents.bulk.missing.illegalityExplanation",
  authority: "incidents.bulk.missing.authority",
  searchTerms: "incidents.bulk.missing.searchTerms",
  works: "incidents.bulk.missing.works",
  recipient: "incidents.bulk.missing.recipient",
  stateLaw: "incidents.bulk.missing.stateLaw",
  exposures: "incidents.bulk.missing.exposures",
  optOut: "incidents.bulk.missing.optOut",
} as const satisfies Record<keyof typeof MISSING, MessageKey>;

/** A stored reason code as a message for the page: `t(m.key, m.values)`. */
export function reasonMessage(code: string): { key: MessageKey; values?: Record<string, string> } {
  if (code.startsWith("missing:")) {
    const path = code.slice("missing:".length);
    const top = path.split(/[.[]/)[0] ?? path;
    const key = (MISSING_KEYS as Record<string, MessageKey>)[top];
    return key ? { key } : { key: "incidents.bulk.missing.other", values: { detail: top } };
  }
  if (code.startsWith("invalid:")) return { key: REASON_KEYS.invalid_details };
  if (code.startsWith("checklist:")) return { key: REASON_KEYS.checklist_failed };
  return { key: (REASON_KEYS as Record<string, MessageKey>)[code] ?? REASON_KEYS.error };
}

/** Plain-language text for a stored reason code, in English. */
export function reasonText(code: string): string {
  if (code.startsWith("missing:")) {
    const path = code.slice("missing:".length);
    const top = path.split(/[.[]/)[0] ?? path;
    return `A required detail is missing: ${(MISSING as Record<string, string>)[top] ?? top}.`;
  }
  if (code.startsWith("invalid:")) return REASONS.invalid_details;
  if (code.startsWith("checklist:")) return REASONS.checklist_failed;
  return (REASONS as Record<string, string>)[code] ?? REASONS.error;
}

/** A missing-variable code from the first missing path (`exposures[1].url` → `missing:exposures.url`). */
export function missingCode(paths: string[]): ReasonCode {
  const first = (paths[0] ?? "unknown").replace(/\[\d+\]/g, "");
  return `missing:${first}`;
}
