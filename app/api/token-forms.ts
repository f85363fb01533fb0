// The API-token page's choices (plain values for its component; the form's zod schemas, derived from these, are
// in ./token-forms.server).

export const EXPIRY_OPTIONS = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never (until you revoke it)" },
] as const;

export const EXPIRY_VALUES = EXPIRY_OPTIONS.map((o) => o.value) as [
  (typeof EXPIRY_OPTIONS)[number]["value"],
  ...(typeof EXPIRY_OPTIONS)[number]["value"][],
];
