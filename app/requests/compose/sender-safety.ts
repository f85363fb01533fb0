// Keeping the sender safe (docs/legal.md §2 "Truth and safety"): which letters the recipient may pass on to the
// person who posted the content, what the sender is told before writing and sending them, and when a letter
// goes to whoever shows the content. Pure module: the letter form and the draft page both read it.
import type { Kind } from "./variables";

/**
 * Kinds whose text the recipient usually passes on (DMCA: to the uploader, and often to the Lumen database;
 * DSA: the uploader's statement of reasons, Art 17; platform reports: the platform's own process), with what
 * the sender is told before writing and before sending.
 */
export const PASSED_ON_NOTICES: Partial<Record<Kind, string>> = {
  "dmca-takedown":
    "A copyright (DMCA) notice is usually forwarded to the person who uploaded the material, and it may be published, for example in the Lumen database, with the complainant's name. Put in only contact details you are comfortable with them seeing: an email address is enough. A representative, such as a lawyer or a support organisation, can send it in their own name instead (see \u201cI am writing for this person\u201d).",
  "dsa-notice":
    "The site usually tells the person who posted the content what it decided and why, and it may pass on who sent the notice. Put in only contact details you are comfortable with them seeing: an email address is enough.",
  "platform-report":
    "The platform may pass your report on to the person who posted the content, or tell them who reported it. Put in only contact details you are comfortable with them seeing: an email address is enough.",
};

export function passedOnNotice(kind: string): string | null {
  return PASSED_ON_NOTICES[kind as Kind] ?? null;
}

/** Shown beside the "home address" choice when the letter goes to whoever shows the content. */
export const HOME_ADDRESS_WARNING =
  "This letter goes to the site that shows the content, and it may reach the person who posted it. Choose your home address only if you are sure; a PO box or a representative's address keeps it out.";

/**
 * Whether the recipient is the one showing the exposed content: a platform, host, search engine or data broker
 * is the host of the exposure's URL (the letter goes to whoever shows it), and so is a site not in the
 * directory. A company (an employer) or a regulator is not.
 */
export function showsTheContent(recipientKind: string | null | undefined): boolean {
  return !recipientKind || ["platform", "host", "search_engine", "data_broker"].includes(recipientKind);
}
