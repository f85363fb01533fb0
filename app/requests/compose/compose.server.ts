// Writing a letter from a case: which exposures share a recipient, which letter kinds apply there, and the
// template variables filled from the case (the subject is decrypted only here, to render, and the read logged).
import { and, eq, isNull } from "drizzle-orm";
import { recipients } from "#db/schema";
import { getDb } from "~/db.server";
import { computeDeadline, isSupportedCountry, type RuleId } from "~/deadlines/engine";
import { EXPOSED_LABELS, type ExposedKind } from "~/exposures/categories";
import type { Exposure } from "~/exposures/exposures.server";
import { inEnglish } from "~/i18n/english.server";
import { getRecipient, matchUrl, type RecipientDetail } from "~/recipients/directory.server";
import { entityFor, postalFor } from "~/recipients/entities.server";
import type { ChannelPurpose, Channel as DirectoryChannel } from "~/recipients/model.server";
import { EEA_COUNTRIES, type ReasonMessage, type RegimeId, suggestRegimes } from "~/recipients/regimes";
import { type ChannelUse, KINDS, type Kind } from "~/requests/kinds";
import { type ExposureCategory, exposureLabel, ruleInWords } from "~/requests/render/format";
import { deadlineRuleFor, type TemplateMeta } from "~/requests/render/template-meta";
import { loadTemplates } from "~/requests/render/templates.server";
import type { Subject } from "~/subjects/subjects.server";
import { countryName } from "~/utils/countries.server";
import { complaintAuthorities, defaultComplaintAuthority, inEea } from "./authorities.server";
import { type DestinationWords, destinationInWords } from "./destinations";
import type { LetterDetails } from "./forms";
import { STATE_LAWS } from "./state-laws";
import type { Lang, LetterVariablesInput, Platform, Regime } from "./variables";
import { PLATFORMS } from "./variables";

const REGIME_OF: Record<RegimeId, Regime> = {
  gdpr: "gdpr",
  "uk-gdpr": "uk-gdpr",
  ccpa: "ccpa",
  "us-state": "us-state",
  "kr-pipa": "kr-pipa",
  "kr-icna": "kr-icna",
  dmca: "dmca",
  dsa: "dsa",
  "platform-rules": "platform",
  "broker-optout": "none",
};

export type LetterOption = {
  /** `kind/regime`, the form's value. */
  value: string;
  kind: Kind;
  regime: Regime;
  /** The English template's title (the page shows LETTER_OPTION_TITLES in its language). */
  title: string;
  /** Why it applies, in English; `reasonMessage` for the page's language. */
  reason: string;
  reasonMessage: ReasonMessage;
  langs: Lang[];
  channels: ("email" | "pdf" | "webform")[];
  /** Where this kind of letter can go, the best first (a GDPR letter to the privacy channel, not abuse). */
  destinations: Destination[];
};

/** `label`: the destination in English; `words` say it in a page's language (destinationInWords). */
export type Destination = {
  value: string;
  label: string;
  channel: "email" | "pdf" | "webform";
  words: DestinationWords;
};

export type RecipientGroup = {
  key: string;
  recipientId: string | null;
  name: string;
  exposures: { id: string; url: string; exposed: ExposedKind[] }[];
  options: LetterOption[];
  destinations: Destination[];
};

/** templatesByKind of each catalogue loaded (a new one after clearTemplateCache is indexed anew). */
const byKindOf = new WeakMap<object, ReadonlyMap<Kind, readonly TemplateMeta[]>>();

/** Every built-in template, by kind (the English one first); made once per catalogue, not per recipient. */
function templatesByKind(): ReadonlyMap<Kind, readonly TemplateMeta[]> {
  const catalogue = loadTemplates();
  const known = byKindOf.get(catalogue);
  if (known) return known;
  const out = new Map<Kind, TemplateMeta[]>();
  byKindOf.set(catalogue, out);
  for (const { meta } of catalogue.values()) {
    if (meta.id !== meta.kind) continue;
    const list = out.get(meta.kind) ?? [];
    list.push(meta);
    out.set(meta.kind, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.lang === "en" ? -1 : b.lang === "en" ? 1 : 0));
  return out;
}

/** The recipient as this workspace sees it, or null (retired, another workspace's, or no match). */
export function recipientFor(workspaceId: string, exposure: Pick<Exposure, "recipientId" | "url">) {
  const id = exposure.recipientId ?? matchUrl({ workspaceId }, exposure.url)?.recipient?.id ?? null;
  return id ? getRecipient({ workspaceId }, id) : null;
}

/** A front site with no channel of its own writes to the parent that holds the data. */
function channelsOf(r: RecipientDetail, workspaceId: string): DirectoryChannel[] {
  if (r.effective.channels.length || !r.effective.parentId) return r.effective.channels;
  return getRecipient({ workspaceId }, r.effective.parentId)?.effective.channels ?? [];
}

/**
 * The channels each kind of letter is meant for, in order: rights under a data-protection law go to the
 * privacy / DPO channel, reports to the abuse channel, DSA notices to the DSA channel, DMCA to copyright.
 */
const PURPOSES: Record<ChannelUse, readonly ChannelPurpose[]> = {
  rights: ["privacy", "general", "dsa", "abuse"],
  report: ["abuse", "dsa", "privacy", "general"],
  dsa: ["dsa", "abuse", "privacy", "general"],
  copyright: ["copyright", "general", "abuse"],
};
/** A request under a data-protection law (or no kind chosen yet): the privacy channel first. */
const forRights = (kind: Kind | null) => !kind || KINDS[kind].channelUse === "rights";

/**
 * Where a letter of `kind` under `regime` can go, the best first: the recipient's email and web-form channels
 * ordered by purpose (for a data-protection right, an abuse address only where it has no privacy channel;
 * a copyright address only for DMCA), then the post to the entity the regime names.
 */
function destinationsFor(
  r: RecipientDetail | null,
  workspaceId: string,
  kind: Kind | null = null,
  regime: Regime = "none",
): Destination[] {
  const out: Destination[] = [];
  const channels = r ? channelsOf(r, workspaceId) : [];
  const order = PURPOSES[kind ? KINDS[kind].channelUse : "rights"];
  const rights = forRights(kind);
  const hasPrivacy = channels.some(
    (c) => c.purpose === "privacy" && c.kind !== "postal" && c.kind !== "inapp",
  );
  const postal =
    (r ? postalFor(r, channels, regime) : null) ?? (r ? entityFor(r, regime).address : null) ?? "";
  // A request under a data-protection law never goes to an abuse desk while the recipient has a privacy
  // channel or a postal address for such requests: it would not reach whoever answers it.
  const skipAbuse = rights && kind !== null && (hasPrivacy || postal !== "");
  const usable = channels
    .filter((c) => c.kind === "email" || c.kind === "webform")
    .filter((c) =>
      c.purpose === "copyright" ? kind !== null && KINDS[kind].channelUse === "copyright" : true,
    )
    .filter((c) => !(skipAbuse && c.purpose === "abuse"))
    .map((c, i) => ({ c, i, rank: order.indexOf(c.purpose) < 0 ? order.length : order.indexOf(c.purpose) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.c);
  const seen = new Set<string>();
  for (const c of usable) {
    if (seen.has(`${c.kind}|${c.address}`)) continue;
    seen.add(`${c.kind}|${c.address}`);
    // The channel in words: its own label where the directory has one, else what it is for.
    const words: DestinationWords = {
      via: c.kind === "email" ? "email" : "webform",
      address: c.address,
      label: c.label || null,
      purpose: c.purpose,
    };
    out.push({
      value: `${words.via}|${c.address}`,
      label: destinationInWords(inEnglish, words),
      channel: words.via,
      words,
    });
  }
  const post: DestinationWords = { via: "pdf", address: postal ? postal.split("\n")[0]! : null };
  out.push({
    value: `pdf|${postal}`,
    label: destinationInWords(inEnglish, post),
    channel: "pdf",
    words: post,
  });
  return out;
}

/** Groups the case's exposures by recipient and lists the letters that apply to each group. */
export function recipientGroups(
  workspaceId: string,
  exposures: Exposure[],
  context: { residence: string | null; region?: string | null },
): RecipientGroup[] {
  const byKey = new Map<string, RecipientGroup & { detail: RecipientDetail | null; photos: boolean }>();
  const templates = templatesByKind();
  for (const e of exposures) {
    const detail = recipientFor(workspaceId, e);
    const key = detail ? `r:${detail.id}` : `h:${e.host}`;
    let g = byKey.get(key);
    if (!g) {
      g = {
        key,
        recipientId: detail?.id ?? null,
        name: detail?.effective.name ?? e.host,
        exposures: [],
        options: [],
        destinations: destinationsFor(detail, workspaceId),
        detail,
        photos: false,
      };
      byKey.set(key, g);
    }
    // The kinds' ids: the page says them in its language.
    g.exposures.push({ id: e.id, url: e.url, exposed: e.exposed });
    if (e.exposed.includes("photos")) g.photos = true;
  }
  for (const g of byKey.values()) {
    const r = g.detail;
    const kind = r?.effective.kind ?? "host";
    const parent = r?.effective.parentId ? getRecipient({ workspaceId }, r.effective.parentId) : null;
    const countries = r?.effective.countries.length
      ? r.effective.countries
      : (parent?.effective.countries ?? []);
    const suggestions = suggestRegimes({
      recipient: { kind, countries },
      residence: context.residence ? { country: context.residence, region: context.region ?? null } : null,
      ownPhotos: g.photos,
    });
    const offered = new Set(r?.effective.letterKinds ?? []);
    const seen = new Set<string>();
    for (const s of suggestions) {
      const regime = REGIME_OF[s.regime];
      for (const k of s.letterKinds) {
        if (!KINDS[k].writable) continue;
        // The directory's letter kinds narrow the choice where it lists any (a broker's own opt-out etc.);
        // a right the law gives (erasure, deletion) does not depend on the recipient listing it.
        if (r && offered.size && !offered.has(k) && !KINDS[k].byLaw) continue;
        const metas = templates.get(k)?.filter((m) => m.regimes.includes(regime));
        if (!metas?.length) continue;
        const value = `${k}/${regime}`;
        if (seen.has(value)) continue;
        // A broker's opt-out under a law that applies (CCPA) replaces the one relying on none.
        if (regime === "none" && g.options.some((o) => o.kind === k)) continue;
        seen.add(value);
        const channels = [...new Set(metas.flatMap((m) => m.channels))];
        g.options.push({
          value,
          kind: k,
          regime,
          title: metas[0]!.title,
          reason: s.reason,
          reasonMessage: s.reasonMessage,
          langs: metas.map((m) => m.lang),
          channels,
          destinations: destinationsFor(r, workspaceId, k, regime).filter((x) =>
            channels.includes(x.channel),
          ),
        });
      }
    }
    // The form's list: every option's destinations, in the first letter's order (each option carries its own),
    // the post last as before.
    if (g.options.length) {
      const all = new Map<string, Destination>();
      for (const o of g.options) for (const d of o.destinations) if (!all.has(d.value)) all.set(d.value, d);
      const list = [...all.values()];
      g.destinations = [
        ...list.filter((d) => d.channel !== "pdf"),
        ...list.filter((d) => d.channel === "pdf"),
      ];
    }
  }
  return [...byKey.values()].map(({ detail: _d, photos: _p, ...g }) => g);
}

/** A sensible first language: the subject's, where a template in it exists. */
export function defaultLang(residence: string | null): Lang {
  const byCountry: Record<string, Lang> = { DE: "de", AT: "de", FR: "fr", NL: "nl", KR: "ko" };
  return (residence && byCountry[residence]) || "en";
}

/**
 * Supervisory authorities in the directory for a country (the user picks or types one): its data-protection
 * authorities (church and broadcasting DPOs left out) and its Digital Services Coordinator.
 */
export function authoritiesFor(country: string | null, workspaceId: string | null = null): string[] {
  if (!country) return [];
  const rows = getDb()
    .select({
      id: recipients.id,
      name: recipients.name,
      countries: recipients.countries,
      source: recipients.source,
    })
    .from(recipients)
    .where(
      and(eq(recipients.kind, "regulator"), isNull(recipients.workspaceId), isNull(recipients.retiredAt)),
    )
    .all()
    .filter((r) => r.countries.includes(country));
  const dpas = complaintAuthorities(workspaceId ?? "", { regime: "gdpr", residence: country }).map(
    (a) => a.name,
  );
  const dscs = rows.filter((r) => r.id.startsWith("curated:dsc-")).map((r) => r.name);
  const others = rows
    .filter((r) => r.source !== "datenanfragen" && !r.id.startsWith("curated:dsc-"))
    .map((r) => r.name);
  return [...new Set([...dpas, ...dscs, ...others])];
}

/**
 * The authority a letter names as its escalation route, by regime (the user may change it): GDPR → the
 * data-protection authority (of the Land in Germany); DSA and platform reports → the Digital Services
 * Coordinator of an EEA resident's country (DSA Art 53), never the DPA; CCPA → the CPPA; a US state's law →
 * that state's Attorney General; PIPA → PIPC / KISA 118; ICNA → KCSC. Names come from the directory as they
 * stand, so none is doubled.
 */
export function defaultAuthority(
  regime: Regime,
  residence: string | null,
  /** The person's US state or German Land, or options (also accepted as a plain region string). */
  more: string | null | { region?: string | null; state?: string | null; workspaceId?: string | null } = {},
  /**
   * The letter's language. Names stay as the directory has them; the English article and the generic English
   * descriptions ("the state Attorney General") are only for English letters: in another language the answer
   * is "" and the template leaves the authority out rather than quoting English inside it.
   */
  lang: Lang = "en",
): string {
  const opts = typeof more === "string" || more === null ? { region: more } : more;
  const workspaceId = opts.workspaceId ?? "";
  const english = lang === "en";
  const the = (name: string) => (english ? `the ${name}` : name);
  const generic = (words: string) => (english ? words : "");
  const named = (r: Regime, region?: string | null) => {
    const list = complaintAuthorities(workspaceId, { regime: r, residence, region });
    return defaultComplaintAuthority(list, { residence, region }) ?? null;
  };
  switch (regime) {
    case "uk-gdpr":
      return the(named("uk-gdpr")?.name ?? "Information Commissioner's Office (ICO)");
    case "ccpa":
      return the(named("ccpa")?.name ?? "California Privacy Protection Agency (CPPA)");
    case "us-state": {
      const ag = named("us-state", opts.state ?? opts.region ?? null);
      // Neutral words: a representative may be the one writing.
      return ag ? the(ag.name) : generic("the state Attorney General");
    }
    case "kr-pipa":
      return the("Personal Information Protection Commission (PIPC) / KISA Privacy Center (118)");
    case "kr-icna":
      return the("Korea Communications Standards Commission (KCSC)");
    case "dsa":
    case "platform": {
      const coordinator = regime === "dsa" ? generic("the competent Digital Services Coordinator") : "";
      if (!inEea(residence)) return coordinator;
      return named("dsa")?.legalEntity ?? generic("the competent Digital Services Coordinator");
    }
    case "gdpr":
      return named("gdpr", opts.region)?.name ?? "";
    default:
      return "";
  }
}

/**
 * The recipient's country for the deadline's holidays (docs/legal.md §1: the recipient's, not the requester's): an
 * EEA seat for the GDPR month, else its first country; Ireland where a GDPR recipient lists none we know.
 * Depends on the recipient only, so the date in the draft and the date stored at send agree.
 */
export function deadlineCountry(rule: RuleId, recipientCountries: readonly string[]): string | null {
  const real = recipientCountries.filter((c) => c !== "ALL" && isSupportedCountry(c));
  if (rule === "gdpr-month") return real.find((c) => EEA_COUNTRIES.includes(c)) ?? real[0] ?? "IE";
  return real[0] ?? null;
}

export type Deadline = {
  rule: RuleId;
  due: string;
  extendedDue: string | null;
  acknowledgeBy: string | null;
};

export function deadlineFor(
  meta: TemplateMeta,
  regime: Regime,
  received: string,
  recipientCountries: readonly string[],
): Deadline | null {
  const rule = deadlineRuleFor(meta, regime);
  if (!rule) return null;
  const country = deadlineCountry(rule, recipientCountries);
  // A deadline depends only on the rule, the day and the country (the holiday tables are fixed): a bulk run
  // asks the same few questions thousands of times, and the holiday calendars are the slow part.
  const key = `${rule}|${received}|${country ?? ""}`;
  let d = deadlineMemo.get(key);
  if (!d) {
    const c = computeDeadline({ rule, received, country });
    d = { rule, due: c.due, extendedDue: c.extendedDue, acknowledgeBy: c.acknowledgeBy };
    if (deadlineMemo.size >= 1000) deadlineMemo.clear();
    deadlineMemo.set(key, d);
  }
  return { ...d };
}
const deadlineMemo = new Map<string, Deadline>();

// The exposed kinds' words here stay English whatever the page language (inEnglish): the letter has its own
// language.

const CATEGORY: Partial<Record<ExposedKind, ExposureCategory>> = {
  home_address: "home-address",
  phone: "phone",
  email: "email",
  photos: "photo",
  family: "family",
  workplace: "workplace",
  id_numbers: "id-number",
};

function labelsFor(kinds: ExposedKind[], lang: Lang): string[] {
  return kinds.flatMap((k) => {
    const cat = CATEGORY[k];
    if (cat) return [exposureLabel(cat, lang)];
    if (k === "other") return [];
    return [inEnglish(EXPOSED_LABELS[k]).toLowerCase()];
  });
}

function platformOf(recipientId: string | null): Platform | null {
  const key = recipientId?.replace(/^curated:/, "") ?? "";
  const alias: Record<string, Platform> = {
    facebook: "meta",
    instagram: "meta",
    threads: "meta",
    whatsapp: "meta",
    google: "google-search",
  };
  if ((PLATFORMS as readonly string[]).includes(key)) return key as Platform;
  return alias[key] ?? null;
}

/** The opt-out processes the data-brokers source records (`extra.process`), as steps; others get none. */
const OPT_OUT_STEPS: Record<string, string[]> = {
  "search-first": [
    "Find the listing on your site and copy its address",
    "Submit that address on your opt-out page",
  ],
  "opt-out-search": [
    "Search for the name and location on your opt-out page",
    "Choose the listing there and submit its removal",
  ],
};

/**
 * A broker's opt-out, from its directory record: the web form it lists (the one the letter goes to, else its
 * privacy form, else any), the steps where the source recorded them, and the parent broker of a front site.
 */
export function optOutFor(
  r: RecipientDetail | null,
  input: { channel: "email" | "pdf" | "webform"; address: string; workspaceId: string },
): { url: string; steps: string[]; parent: string | null } | null {
  if (!r) return null;
  const forms = channelsOf(r, input.workspaceId).filter((c) => c.kind === "webform");
  const url =
    (input.channel === "webform" && input.address) ||
    forms.find((c) => c.purpose === "privacy")?.address ||
    forms[0]?.address;
  if (!url) return null;
  const steps = OPT_OUT_STEPS[String(r.extra?.process ?? "")] ?? [];
  const parentRecord =
    r.effective.parentId && !r.effective.channels.length
      ? getRecipient({ workspaceId: input.workspaceId }, r.effective.parentId)
      : null;
  const parent = parentRecord ? (parentRecord.effective.legalEntity ?? parentRecord.effective.name) : null;
  return { url, steps, parent };
}

export type ComposeInput = {
  meta: TemplateMeta;
  details: LetterDetails;
  regime: Regime;
  reference: string;
  today: string;
  exposures: Exposure[];
  recipient: RecipientDetail | null;
  channel: "email" | "pdf" | "webform";
  address: string;
  workspaceId: string;
};

/** The template variables for a letter, from the case and what the user entered. */
export function composeVariables(input: ComposeInput): {
  variables: LetterVariablesInput;
  deadline: Deadline | null;
} {
  const { meta, details: d, recipient: r, regime } = input;
  const lang = meta.lang;
  const countries = r?.effective.countries ?? [];
  const entity = r ? entityFor(r, regime) : null;
  const deadline = deadlineFor(meta, regime, input.today, countries);
  const channelLabel =
    input.channel === "email"
      ? input.address
      : input.channel === "webform"
        ? `your web form (${input.address})`
        : (input.address || entity?.address || "").split("\n")[0] || "by post";
  const webform = r ? channelsOf(r, input.workspaceId).find((c) => c.kind === "webform")?.address : undefined;
  const variables: LetterVariablesInput = {
    date: input.today,
    dueDate: deadline?.due ?? null,
    dueRule: deadline ? ruleInWords(deadline.rule, lang) : null,
    extendedDue: deadline?.extendedDue ?? null,
    reference: input.reference,
    regime,
    requester: {
      name: d.requesterName,
      email: d.requesterEmail,
      // Only what the person chose (LetterDetailsSchema empties the address when they chose email only).
      postalAddress: (d.contactAddress !== "none" && d.requesterAddress) || null,
      phone: d.requesterPhone || null,
      country: d.requesterCountry || null,
    },
    representative: d.represented
      ? {
          name: d.repName,
          organisation: d.repOrganisation || null,
          email: d.repEmail,
          phone: d.repPhone || null,
          address: d.repAddress || null,
          mandateDate: d.repMandateDate || "",
        }
      : null,
    recipient: {
      name: r?.effective.name ?? null,
      // GDPR and DSA letters name the EEA entity where the record has one (decision 054).
      legalEntity: entity?.legalEntity ?? "",
      address: input.channel === "pdf" ? input.address || entity?.address || null : (entity?.address ?? null),
      email: input.channel === "email" ? input.address : null,
      channelLabel,
      url: input.channel === "webform" ? input.address : (webform ?? null),
      country: countries.filter((c) => c !== "ALL").map((c) => countryName(c))[0] ?? null,
    },
    exposures: input.exposures.map((e) => ({
      url: e.url,
      exposedLabels: labelsFor(e.exposed, lang),
      foundOn: null,
      postId: null,
      reason: d.delistingReason || null,
    })),
    identifiers: d.identifiers,
    authority: d.authorityName ? { name: d.authorityName } : null,
    particularSituation: d.particularSituation || null,
    illegalityExplanation: d.illegalityExplanation || null,
    searchTerms: d.searchTerms,
    works: d.workTitle ? [{ title: d.workTitle, description: d.workDescription }] : [],
    platform: platformOf(r?.id ?? null),
    stateLaw:
      d.stateLaw && (meta.kind === "us-state-deletion" || regime === "us-state")
        ? { ...STATE_LAWS[d.stateLaw] }
        : null,
    optOut: meta.kind === "broker-optout" ? optOutFor(r, input) : null,
  };
  return { variables, deadline };
}

/**
 * The form's first values, from the case's subject (decrypted by the caller, whose read is logged). Never the
 * home address or a phone number (docs/legal.md §2): the contact block is the email unless the person chooses more.
 */
export function detailsFromSubject(subject: Subject | null): Partial<Record<string, string>> {
  if (!subject) return {};
  return {
    requesterName: subject.name,
    requesterEmail: subject.emails[0] ?? "",
    contactAddress: "none",
    requesterCountry: subject.country ? countryName(subject.country) : "",
    identifiers: subject.usernames.join("\n"),
    searchTerms: subject.name,
  };
}
