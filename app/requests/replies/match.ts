// Which letter does a reply answer? First by the mail headers that point at our Message-ID (In-Reply-To, then
// References, newest first), then by the letter reference (RX-XXXX-XX) in the subject. Pure, behind two finders.
import { findReference } from "~/requests/reference";

export type LetterFinder = {
  findLetterByMessageId(messageId: string): string | null;
  findLetterByReference(reference: string): string | null;
};

export type ReplyHeaders = {
  inReplyTo?: string | null;
  references?: string[] | string | null;
  subject?: string | null;
};

export type Match = { letterId: string; by: "message_id" | "reference" } | null;

/** `<a@b>` ids from a header value (they may come with or without brackets, several in one string). */
export function messageIds(value: string | string[] | null | undefined): string[] {
  const all = (Array.isArray(value) ? value : value ? [value] : []).join(" ");
  const bracketed = all.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  return all
    .split(/\s+/)
    .filter((v) => v.includes("@"))
    .map((v) => `<${v}>`);
}

export function matchReply(h: ReplyHeaders, find: LetterFinder): Match {
  const ids = [...messageIds(h.inReplyTo), ...messageIds(h.references).reverse()];
  for (const id of ids) {
    const letterId = find.findLetterByMessageId(id);
    if (letterId) return { letterId, by: "message_id" };
  }
  const ref = h.subject ? findReference(h.subject.toUpperCase()) : null;
  if (ref) {
    const letterId = find.findLetterByReference(ref);
    if (letterId) return { letterId, by: "reference" };
  }
  return null;
}
