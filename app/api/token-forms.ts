// The API-token page's choices (plain values for its component, each with the message key of its words; the form's
// zod schemas, derived from these, are in ./token-forms.server).
import type { MessageKey } from "~/i18n/translate";

export const EXPIRY_OPTIONS = [
  { value: "30", label: "tokens.expiry.30" },
  { value: "90", label: "tokens.expiry.90" },
  { value: "365", label: "tokens.expiry.365" },
  { value: "never", label: "tokens.expiry.never" },
] as const satisfies readonly { value: string; label: MessageKey }[];

export const EXPIRY_VALUES = EXPIRY_OPTIONS.map((o) => o.value) as [
  (typeof EXPIRY_OPTIONS)[number]["value"],
  ...(typeof EXPIRY_OPTIONS)[number]["value"][],
];
