// Words for letter states, for any page; no zod here, so the case page does not ship the validation library.
export const LETTER_STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  queued: "Sending",
  sent: "Sent",
  failed: "Not delivered",
};
