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

/** The categories the directory's data uses (its own English words, the values of the search form). */
export const directoryCategories = [
  "social media",
  "people search",
  "addresses",
  "ads",
  "commerce",
  "credit agency",
  "entertainment",
  "finance",
  "health",
  "insurance",
  "public body",
  "telecommunication",
  "travel",
  "utility",
] as const;

// Their words as message keys (app/i18n/locales): every page shows them with t(). No English map is kept: the
// API answers with the ids, and no letter, mail or audit entry names them.
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

export const CATEGORY_MESSAGES = {
  "social media": "directory.category.socialMedia",
  "people search": "directory.category.peopleSearch",
  addresses: "directory.category.addresses",
  ads: "directory.category.ads",
  commerce: "directory.category.commerce",
  "credit agency": "directory.category.creditAgency",
  entertainment: "directory.category.entertainment",
  finance: "directory.category.finance",
  health: "directory.category.health",
  insurance: "directory.category.insurance",
  "public body": "directory.category.publicBody",
  telecommunication: "directory.category.telecommunication",
  travel: "directory.category.travel",
  utility: "directory.category.utility",
} as const satisfies Record<(typeof directoryCategories)[number], MessageKey>;

export const QUALITY_MESSAGES = {
  verified: "directory.quality.verified",
  tested: "directory.quality.tested",
  scraped: "directory.quality.scraped",
} as const satisfies Record<"verified" | "tested" | "scraped", MessageKey>;
