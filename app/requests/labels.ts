import type { MessageKey } from "~/i18n/translate";

// Words for letter states, for any page; no zod here, so the case page does not ship the validation library.
export const LETTER_STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  queued: "Sending",
  sent: "Sent",
  failed: "Not delivered",
};

/** The same words as message keys, for translated pages. */
export const LETTER_STATUS_KEYS = {
  draft: "letterStatus.draft",
  queued: "letterStatus.queued",
  sent: "letterStatus.sent",
  failed: "letterStatus.failed",
} as const satisfies Record<"draft" | "queued" | "sent" | "failed", MessageKey>;
