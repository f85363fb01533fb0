// The request page's form intents: the letter's own forms ("record": an email letter the user sent from their
// own mail, recorded with its dates instead of queued) and the request's. Plain lists for the page, which tells
// the letter's forms apart while one is being saved; the action's schema (./forms.server) is derived from them.

export const LETTER_INTENTS = ["save", "send", "record"] as const;
export type LetterIntent = (typeof LETTER_INTENTS)[number];

export const REQUEST_INTENTS = [
  ...LETTER_INTENTS,
  "reply",
  "extension",
  "note",
  "follow-up",
  "complaint",
  "authority",
  "close",
  "received",
  "confirm-reply",
  "abandon",
  "resume",
] as const;
