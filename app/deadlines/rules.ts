// The deadline rules of docs/legal.md §1 as data: ids, plain-language labels, which holiday calendar each uses.
// No holiday library here, so pages can import it without shipping the holiday data to the browser.

export const RULE_IDS = [
  "gdpr-month",
  "uk-gdpr-month",
  "ccpa-45",
  "us-state-45",
  "kr-pipa-10",
  "kr-icna-30",
  "nj-daniels-10",
  "dmca",
  "dsa-notice",
  "platform-sla",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * Which public holidays a rule skips:
 * - `recipient`: the recipient's country (and subdivision, if given);
 * - `uk`: UK bank holidays of one nation (England and Wales unless another is picked);
 * - `us-ca`: US federal and California state holidays; `us-nj`: US federal and New Jersey state holidays;
 * - `kr`: Korean public holidays; `none`: plain calendar days.
 */
export type HolidayCalendar = "recipient" | "uk" | "us-ca" | "us-nj" | "kr" | "none";

export type RuleInfo = {
  id: RuleId;
  /** What the user picks, in their words. */
  label: string;
  /** The rule in one or two plain sentences. */
  description: string;
  /** True when the recipient's country changes the result (only `gdpr-month`). */
  countryMatters: boolean;
  holidays: HolidayCalendar;
  /** True when the law lets the recipient extend the deadline. */
  extension: boolean;
  /** True when the law sets a date to acknowledge the request. */
  acknowledgement: boolean;
  /** Counted from the day the request was received, or from the day it was sent (follow-up rules). */
  countsFrom: "received" | "sent";
  /** For follow-up rules: the default number of days, which the user may change. */
  defaultFollowUpDays: number | null;
  /** Legal source, as cited in docs/legal.md. */
  source: string;
};

export const DEFAULT_FOLLOW_UP_DAYS = 7;
export const YOUTUBE_PRIVACY_FOLLOW_UP_DAYS = 3;
export const MAX_FOLLOW_UP_DAYS = 365;

export const PLATFORM_VARIANTS = ["youtube-privacy"] as const;
export type PlatformVariant = (typeof PLATFORM_VARIANTS)[number];

/** UK nations offered for `uk-gdpr-month` (date-holidays subdivision codes of GB). */
export const UK_NATIONS = [
  { code: "ENG", label: "England" },
  { code: "WLS", label: "Wales" },
  { code: "SCT", label: "Scotland" },
  { code: "NIR", label: "Northern Ireland" },
] as const;
export type UkNation = (typeof UK_NATIONS)[number]["code"];
export const DEFAULT_UK_NATION: UkNation = "ENG";

export const RULES: Record<RuleId, RuleInfo> = {
  "gdpr-month": {
    id: "gdpr-month",
    label: "GDPR request (EU): erasure, access, objection",
    description:
      "One month: the same day-number next month (or that month's last day). If that day is a weekend or a public holiday in the recipient's country, the next working day. Can be extended to three months from receipt.",
    countryMatters: true,
    holidays: "recipient",
    extension: true,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "GDPR Art 12(3); Reg (EEC, Euratom) 1182/71 Art 3(2)(c) and 3(4)",
  },
  "uk-gdpr-month": {
    id: "uk-gdpr-month",
    label: "UK GDPR request (United Kingdom)",
    description:
      "One month, counted as for the GDPR, skipping UK bank holidays (England and Wales unless you pick another nation). Can be extended to three months from receipt.",
    countryMatters: false,
    holidays: "uk",
    extension: true,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "UK GDPR Art 12(3); ICO subject access guidance",
  },
  "ccpa-45": {
    id: "ccpa-45",
    label: "California privacy request (CCPA/CPRA)",
    description:
      "Confirm receipt within 10 business days; answer within 45 calendar days after receipt. Can be extended by 45 more days (90 in all).",
    countryMatters: false,
    holidays: "us-ca",
    extension: true,
    acknowledgement: true,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "Cal. Civ. Code 1798.130; 11 CCR §7021",
  },
  "us-state-45": {
    id: "us-state-45",
    label: "Other US state privacy law (Virginia, Colorado, Connecticut…)",
    description: "45 calendar days after receipt. Can be extended by 45 more days.",
    countryMatters: false,
    holidays: "none",
    extension: true,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "VA Code 59.1-577(B); similar state laws",
  },
  "kr-pipa-10": {
    id: "kr-pipa-10",
    label: "Korea: personal information deletion (PIPA Art 36)",
    description:
      "10 days after receipt, not counting the day of receipt. If the last day is a Saturday, Sunday or Korean public holiday, the next day that is none of these. No extension.",
    countryMatters: false,
    holidays: "kr",
    extension: false,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "PIPA Art 36; Enforcement Decree Art 43(3); Civil Act Art 157, 161",
  },
  "kr-icna-30": {
    id: "kr-icna-30",
    label: "Korea: takedown of a post (Network Act Art 44-2)",
    description:
      'The provider must act "without delay"; a temporary block lasts at most 30 days, so follow up 30 days after receipt.',
    countryMatters: false,
    holidays: "none",
    extension: false,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "ICNA Art 44-2(4)",
  },
  "nj-daniels-10": {
    id: "nj-daniels-10",
    label: "New Jersey Daniel's Law (judges, police, prosecutors, their households)",
    description:
      "10 business days after receipt (Monday to Friday, not counting US federal or New Jersey state holidays). No extension.",
    countryMatters: false,
    holidays: "us-nj",
    extension: false,
    acknowledgement: false,
    countsFrom: "received",
    defaultFollowUpDays: null,
    source: "N.J.S.A. 56:8-166.1 (Daniel's Law)",
  },
  dmca: {
    id: "dmca",
    label: "DMCA copyright takedown (photos you own)",
    description:
      'No time set by law ("expeditiously"): follow up 7 days after sending, or after the number of days you choose.',
    countryMatters: false,
    holidays: "none",
    extension: false,
    acknowledgement: false,
    countsFrom: "sent",
    defaultFollowUpDays: DEFAULT_FOLLOW_UP_DAYS,
    source: "17 U.S.C. 512(c), 512(g)(2)(C)",
  },
  "dsa-notice": {
    id: "dsa-notice",
    label: "EU Digital Services Act notice (illegal content)",
    description:
      'Platforms must act "without undue delay" (no number of days is set in law): follow up 7 days after sending, or after the number of days you choose. This is your own date, not a legal deadline.',
    countryMatters: false,
    holidays: "none",
    extension: false,
    acknowledgement: false,
    countsFrom: "sent",
    defaultFollowUpDays: DEFAULT_FOLLOW_UP_DAYS,
    source: "DSA Art 16(5)–(6)",
  },
  "platform-sla": {
    id: "platform-sla",
    label: "Report to a platform (X, Meta, Reddit, Telegram, YouTube…)",
    description:
      "Platforms that state no time: follow up 7 days after sending. YouTube privacy complaints give the uploader 48 hours: follow up after 3 days.",
    countryMatters: false,
    holidays: "none",
    extension: false,
    acknowledgement: false,
    countsFrom: "sent",
    defaultFollowUpDays: DEFAULT_FOLLOW_UP_DAYS,
    source: "platform help pages",
  },
};

/** The rules in the order the user is offered them. */
export const RULE_LIST: readonly RuleInfo[] = RULE_IDS.map((id) => RULES[id]);
