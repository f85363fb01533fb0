// The one registry of letter kinds (docs/legal.md §2): what each kind is called in plain words, the laws it is
// written under, its deadline rule, its channels, where it is written from, and what follows it. Every list of
// kinds in the app (the letter form, bulk runs, the directory, the checks, the template check) derives from here,
// so adding a kind is one entry here, one template folder and its checks. Pure module (no zod, no server code):
// pages import it for the labels.
import type { RuleId } from "~/deadlines/rules";
import type { MessageKey } from "~/i18n/translate";
import type { Lang, Regime, Right } from "~/requests/compose/variables";

/** Every kind's id, in the order lists offer them. `KINDS` must have exactly these keys (checked by `satisfies`). */
export const KIND_IDS = [
  "gdpr-erasure",
  "gdpr-access",
  "search-delisting",
  "ccpa-deletion",
  "us-state-deletion",
  "kr-pipa-deletion",
  "kr-icna-deletion",
  "dmca-takedown",
  "dsa-notice",
  "platform-report",
  "broker-optout",
  "follow-up",
  "regulator-complaint",
  "mandate",
] as const;
export type Kind = (typeof KIND_IDS)[number];

export type KindChannel = "email" | "pdf" | "webform";

/**
 * Which of a recipient's channels the letter is meant for, best first: rights under a data-protection law go
 * to the privacy / DPO channel, reports to the abuse channel, DSA notices to the DSA channel, DMCA to copyright.
 */
export type ChannelUse = "rights" | "report" | "dsa" | "copyright";

export type KindInfo = {
  /**
   * The kind in plain words, as every page names it (a message key: `t(label)` in the page's language); reads
   * well before "to <recipient>" (the case's list).
   */
  label: MessageKey;
  /** How a sentence names one such letter ("a follow-up"). */
  aLetter: string;
  /** The legal regimes its templates may be written under. */
  regimes: readonly Regime[];
  /** docs/legal.md §1 deadline rule, or null where the letter sets no deadline of its own. */
  rule: RuleId | null;
  /** Per-regime override of `rule` (UK GDPR counts with UK bank holidays). */
  ruleByRegime?: Partial<Record<Regime, RuleId>>;
  /** How it may go out. */
  channels: readonly KindChannel[];
  /** The languages Retract must have it in (the template check refuses a missing one). */
  langs: readonly Lang[];
  /** Written from a case's exposures on the letter form. */
  writable: boolean;
  /** A bulk run may write it for an incident's people. */
  bulk: boolean;
  /** A recipient directory record may list it among the letters it takes. */
  directory: boolean;
  /** Offered wherever its law applies, even where the directory record lists other letters only. */
  byLaw: boolean;
  channelUse: ChannelUse;
  /** The right a later complaint says this request exercised; null where it exercised none. */
  right: Right | null;
  /** Per-regime override of `right` (a broker's deletion request under CCPA is a CCPA deletion). */
  rightByRegime?: Partial<Record<Regime, Right>>;
  /**
   * A letter written from a request to pursue it: sending it applies this event to that request
   * (followed up, complaint filed). Null for a first letter.
   */
  next: { event: "follow_up" | "escalate" } | null;
  /** May carry a date the sender sets where no law sets one (its words must claim no legal deadline). */
  sendersDate: boolean;
};

const GDPR_RULES = { rule: "gdpr-month", ruleByRegime: { "uk-gdpr": "uk-gdpr-month" } } as const;
const EU_LANGS = ["en", "de", "fr", "nl"] as const;

export const KINDS = {
  "gdpr-erasure": {
    label: "kinds.gdpr-erasure.label",
    aLetter: "an erasure request",
    regimes: ["gdpr", "uk-gdpr"],
    ...GDPR_RULES,
    channels: ["email", "pdf"],
    langs: EU_LANGS,
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "erasure",
    next: null,
    sendersDate: false,
  },
  "gdpr-access": {
    label: "kinds.gdpr-access.label",
    aLetter: "an access request",
    regimes: ["gdpr", "uk-gdpr"],
    ...GDPR_RULES,
    channels: ["email", "pdf"],
    langs: EU_LANGS,
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "access",
    next: null,
    sendersDate: false,
  },
  "search-delisting": {
    label: "kinds.search-delisting.label",
    aLetter: "a delisting request",
    regimes: ["gdpr", "uk-gdpr"],
    ...GDPR_RULES,
    channels: ["webform", "email", "pdf"],
    langs: ["en"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "delisting",
    next: null,
    sendersDate: false,
  },
  "ccpa-deletion": {
    label: "kinds.ccpa-deletion.label",
    aLetter: "a deletion request",
    regimes: ["ccpa"],
    rule: "ccpa-45",
    channels: ["email", "webform", "pdf"],
    langs: ["en"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "ccpa-deletion",
    next: null,
    sendersDate: false,
  },
  "us-state-deletion": {
    label: "kinds.us-state-deletion.label",
    aLetter: "a deletion request",
    regimes: ["us-state"],
    rule: "us-state-45",
    channels: ["email", "webform", "pdf"],
    langs: ["en"],
    writable: true,
    // Needs the person's state law, which a bulk run does not ask for.
    bulk: false,
    directory: false,
    byLaw: true,
    channelUse: "rights",
    right: "us-state-deletion",
    next: null,
    sendersDate: false,
  },
  "kr-pipa-deletion": {
    label: "kinds.kr-pipa-deletion.label",
    aLetter: "an erasure request",
    regimes: ["kr-pipa"],
    rule: "kr-pipa-10",
    channels: ["email", "pdf", "webform"],
    langs: ["en", "ko"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "kr-pipa-deletion",
    next: null,
    sendersDate: false,
  },
  "kr-icna-deletion": {
    label: "kinds.kr-icna-deletion.label",
    aLetter: "a takedown request",
    regimes: ["kr-icna"],
    rule: "kr-icna-30",
    channels: ["email", "webform", "pdf"],
    langs: ["en", "ko"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "report",
    right: "kr-icna-deletion",
    next: null,
    sendersDate: true,
  },
  "dmca-takedown": {
    label: "kinds.dmca-takedown.label",
    aLetter: "a copyright notice",
    regimes: ["dmca"],
    rule: "dmca",
    channels: ["email", "webform", "pdf"],
    langs: ["en"],
    writable: true,
    // Only the owner of the photos may send it: never written for a whole roster.
    bulk: false,
    directory: true,
    byLaw: false,
    channelUse: "copyright",
    right: null,
    next: null,
    sendersDate: true,
  },
  "dsa-notice": {
    label: "kinds.dsa-notice.label",
    aLetter: "a notice of illegal content",
    regimes: ["dsa"],
    rule: "dsa-notice",
    channels: ["webform", "email", "pdf"],
    langs: ["en"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: false,
    channelUse: "dsa",
    right: "dsa-notice",
    next: null,
    sendersDate: true,
  },
  "platform-report": {
    label: "kinds.platform-report.label",
    aLetter: "a report",
    regimes: ["platform"],
    rule: "platform-sla",
    channels: ["webform", "email"],
    langs: ["en"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: false,
    channelUse: "report",
    right: null,
    next: null,
    sendersDate: true,
  },
  "broker-optout": {
    label: "kinds.broker-optout.label",
    aLetter: "an opt-out request",
    regimes: ["ccpa", "us-state", "gdpr", "uk-gdpr", "none"],
    rule: "platform-sla",
    ruleByRegime: {
      ccpa: "ccpa-45",
      "us-state": "us-state-45",
      gdpr: "gdpr-month",
      "uk-gdpr": "uk-gdpr-month",
    },
    channels: ["email", "webform"],
    langs: ["en"],
    writable: true,
    bulk: true,
    directory: true,
    byLaw: true,
    channelUse: "rights",
    right: "erasure",
    rightByRegime: { ccpa: "ccpa-deletion", "us-state": "us-state-deletion" },
    next: null,
    sendersDate: true,
  },
  "follow-up": {
    label: "kinds.follow-up.label",
    aLetter: "a follow-up",
    regimes: ["gdpr", "uk-gdpr", "ccpa", "us-state", "kr-pipa", "kr-icna", "dmca", "dsa", "platform"],
    rule: null,
    channels: ["email", "pdf", "webform"],
    langs: [...EU_LANGS, "ko"],
    writable: false,
    bulk: false,
    directory: false,
    byLaw: false,
    channelUse: "rights",
    right: null,
    next: { event: "follow_up" },
    sendersDate: true,
  },
  "regulator-complaint": {
    label: "kinds.regulator-complaint.label",
    aLetter: "a complaint",
    regimes: ["gdpr", "uk-gdpr", "ccpa", "us-state", "kr-pipa", "kr-icna", "dsa"],
    rule: null,
    channels: ["email", "webform", "pdf"],
    langs: [...EU_LANGS, "ko"],
    writable: false,
    bulk: false,
    directory: true,
    byLaw: false,
    channelUse: "rights",
    right: null,
    next: { event: "escalate" },
    sendersDate: false,
  },
  mandate: {
    label: "kinds.mandate.label",
    aLetter: "a letter of authority",
    regimes: ["gdpr", "uk-gdpr", "ccpa", "us-state", "kr-pipa", "kr-icna", "dmca", "dsa", "platform", "none"],
    rule: null,
    channels: ["pdf"],
    langs: ["en"],
    writable: false,
    bulk: false,
    directory: false,
    byLaw: false,
    channelUse: "rights",
    right: null,
    next: null,
    sendersDate: false,
  },
} as const satisfies Record<Kind, KindInfo>;

type Registry = typeof KINDS;
type KindsWhere<F extends keyof KindInfo, V> = {
  [K in Kind]: Registry[K][F & keyof Registry[K]] extends V ? K : never;
}[Kind];

/** Kinds written from a case's exposures on the letter form. */
export type WritableKind = KindsWhere<"writable", true>;
/** Kinds a bulk run may write. */
export type BulkKind = KindsWhere<"bulk", true>;
/** Kinds a recipient directory record may list. */
export type DirectoryKind = KindsWhere<"directory", true>;
/** Kinds written from a request to pursue it (the follow-up, the complaint). */
export type NextKind = Exclude<Kind, KindsWhere<"next", null>>;

const where = <K extends Kind>(test: (info: KindInfo) => boolean) =>
  KIND_IDS.filter((k): k is K => test(KINDS[k]));

export const WRITABLE_KINDS = where<WritableKind>((k) => k.writable);
export const BULK_KINDS = where<BulkKind>((k) => k.bulk);
export const DIRECTORY_KINDS = where<DirectoryKind>((k) => k.directory);
export const NEXT_KINDS = where<NextKind>((k) => k.next !== null);

/** A letter kind Retract does not know (an old row, a hand-edited value): never read as another kind. */
export class UnknownKindError extends Error {
  readonly kind: string;
  constructor(kind: string) {
    super(`Unknown letter kind "${kind}"`);
    this.name = "UnknownKindError";
    this.kind = kind;
  }
}

export function isKind(value: unknown): value is Kind {
  return typeof value === "string" && Object.hasOwn(KINDS, value);
}

/** The registry entry of `kind`; throws UnknownKindError for anything else. */
export function kindInfo(kind: string): KindInfo {
  if (!isKind(kind)) throw new UnknownKindError(kind);
  return KINDS[kind];
}

/**
 * The kind in plain words for a page, as a message key (`t(kindLabel(kind))`). A value Retract does not know is
 * shown as "Letter" rather than as the stored id (pages never show ids); code that acts on a kind uses kindInfo,
 * which refuses it.
 */
export function kindLabel(kind: string): MessageKey {
  return isKind(kind) ? KINDS[kind].label : "kinds.unknown.label";
}

/** How a sentence names one letter of `kind` ("a follow-up"); "a letter" for a value Retract does not know. */
export function kindALetter(kind: string): string {
  return isKind(kind) ? KINDS[kind].aLetter : "a letter";
}

/** The deadline rule of a letter of `kind` under `regime` (null: the letter sets none of its own). */
export function kindRule(kind: Kind, regime: Regime): RuleId | null {
  const info: KindInfo = KINDS[kind];
  return info.ruleByRegime?.[regime] ?? info.rule;
}

/** The right a request of `kind` under `regime` exercised, for a later complaint; null where none. */
export function rightExercised(kind: string, regime: Regime): Right | null {
  const info = kindInfo(kind);
  return info.rightByRegime?.[regime] ?? info.right;
}

/** What a template's front matter says about its kind, as far as the registry also says it. */
export type TemplateFacts = {
  id: string;
  kind: Kind;
  lang: Lang;
  regimes: readonly Regime[];
  deadlineRule: RuleId | null;
  deadlineRuleByRegime?: Partial<Record<Regime, RuleId>>;
  channels: readonly KindChannel[];
};

/**
 * Where a built-in template disagrees with its kind's entry, in words (empty: it agrees): a regime, a channel
 * or a deadline rule the registry does not give the kind. The template check and the tests refuse any.
 */
export function templateDisagreements(t: TemplateFacts): string[] {
  const info: KindInfo = KINDS[t.kind];
  const out: string[] = [];
  if (!info.langs.includes(t.lang))
    out.push(`language ${t.lang} is not one the kind lists (${info.langs.join(", ")})`);
  for (const r of t.regimes)
    if (!info.regimes.includes(r))
      out.push(`regime ${r} is not one of the kind's (${info.regimes.join(", ")})`);
  for (const c of t.channels)
    if (!info.channels.includes(c))
      out.push(`channel ${c} is not one of the kind's (${info.channels.join(", ")})`);
  for (const r of t.regimes) {
    const rule = t.deadlineRuleByRegime?.[r] ?? t.deadlineRule;
    const expected = kindRule(t.kind, r);
    if (rule !== expected) out.push(`under ${r} the deadline rule is ${rule}, the kind's is ${expected}`);
  }
  return out;
}

/** The `kind/lang` pairs the registry says Retract has a built-in template for. */
export function expectedTemplates(): string[] {
  return KIND_IDS.flatMap((k) => KINDS[k].langs.map((l) => `${k}/${l}`));
}
