// Keeping the sender safe (docs/legal.md §2 "Truth and safety"): which letters the recipient may pass on to the
// person who posted the content, what the sender is told before writing and sending them, and when a letter
// goes to whoever shows the content. Pure module: the letter form and the draft page both read it.
import { inEnglish } from "~/i18n/english.server";
import type { MessageKey } from "~/i18n/translate";
import type { Kind } from "./variables";

/**
 * Kinds whose text the recipient usually passes on (DMCA: to the uploader, and often to the Lumen database;
 * DSA: the uploader's statement of reasons, Art 17; platform reports: the platform's own process), with what
 * the sender is told before writing and before sending.
 */
export const PASSED_ON_NOTICES: Partial<Record<Kind, MessageKey>> = {
  "dmca-takedown": "senderSafety.passedOn.dmca-takedown",
  "dsa-notice": "senderSafety.passedOn.dsa-notice",
  "platform-report": "senderSafety.passedOn.platform-report",
};

/** The notice for a letter of `kind` as a message key (`t(key)` in the page's language), or null. */
export function passedOnNoticeKey(kind: string): MessageKey | null {
  return PASSED_ON_NOTICES[kind as Kind] ?? null;
}

/** The same notice in English, for pages not translated yet. */
export function passedOnNotice(kind: string): string | null {
  const key = passedOnNoticeKey(kind);
  return key ? inEnglish(key) : null;
}

/** Shown beside the "home address" choice when the letter goes to whoever shows the content. */
export const HOME_ADDRESS_WARNING = "senderSafety.homeAddressWarning" satisfies MessageKey;

/**
 * Whether the recipient is the one showing the exposed content: a platform, host, search engine or data broker
 * is the host of the exposure's URL (the letter goes to whoever shows it), and so is a site not in the
 * directory. A company (an employer) or a regulator is not.
 */
export function showsTheContent(recipientKind: string | null | undefined): boolean {
  return !recipientKind || ["platform", "host", "search_engine", "data_broker"].includes(recipientKind);
}
