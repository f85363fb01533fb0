// The directory's kinds of recipient and channel, and their words, for any page; no zod here, so a page that
// only shows them does not ship the validation library (./model re-exports the kinds).
import type { MessageKey } from "~/i18n/translate";

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

// The same words as message keys (app/i18n/locales), for pages that show them with t(). The directory's pages
// still read the English maps above until they move to the catalogues; then those maps go.
export const KIND_MESSAGES = {
  platform: "recipients.kind.platform",
  host: "recipients.kind.host",
  data_broker: "recipients.kind.data_broker",
  search_engine: "recipients.kind.search_engine",
  company: "recipients.kind.company",
  regulator: "recipients.kind.regulator",
} as const satisfies Record<(typeof recipientKinds)[number], MessageKey>;

export const PURPOSE_MESSAGES = {
  privacy: "recipients.purpose.privacy",
  abuse: "recipients.purpose.abuse",
  copyright: "recipients.purpose.copyright",
  dsa: "recipients.purpose.dsa",
  general: "recipients.purpose.general",
} as const satisfies Record<(typeof channelPurposes)[number], MessageKey>;

export const CHANNEL_KIND_MESSAGES = {
  email: "recipients.channel.email",
  webform: "recipients.channel.webform",
  inapp: "recipients.channel.inapp",
  postal: "recipients.channel.postal",
} as const satisfies Record<(typeof channelKinds)[number], MessageKey>;
