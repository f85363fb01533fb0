// The directory's kinds of recipient and channel, and their words, for any page; no zod here, so a page that
// only shows them does not ship the validation library (./model re-exports the kinds).
export const recipientKinds = [
  "platform",
  "host",
  "data_broker",
  "search_engine",
  "company",
  "regulator",
] as const;

export const channelKinds = ["email", "webform", "inapp", "postal"] as const;

export const channelPurposes = ["privacy", "abuse", "copyright", "dsa", "general"] as const;

export const KIND_LABELS: Record<(typeof recipientKinds)[number], string> = {
  platform: "Platform",
  host: "Host",
  data_broker: "Data broker",
  search_engine: "Search engine",
  company: "Company",
  regulator: "Regulator",
};

export const PURPOSE_LABELS: Record<(typeof channelPurposes)[number], string> = {
  privacy: "Privacy",
  abuse: "Abuse",
  copyright: "Copyright",
  dsa: "DSA notice",
  general: "General",
};

export const CHANNEL_KIND_LABELS: Record<(typeof channelKinds)[number], string> = {
  email: "Email",
  webform: "Web form",
  inapp: "In the app",
  postal: "Post",
};
