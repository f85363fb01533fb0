// docs/legal.md §2 as named checks over a rendered letter and the variables it was rendered with.
// Checks look for what is language-independent (article numbers, URLs, names, dates as the letter formats
// them) and, where a statement must be present, for per-language keywords.

import type { Lang, LetterVariables, Platform, Regime } from "~/requests/compose/variables";
import { KIND_IDS, KINDS, type Kind } from "~/requests/kinds";
import { findUnfilled } from "~/requests/sendable";
import { formatLongDate } from "./format";

export type CheckResult = {
  id: string;
  label: string;
  /** "pass" | "fail" | "n/a" (the item does not apply to these variables, e.g. no representative). */
  status: "pass" | "fail" | "n/a";
  /** What was missing, on failure. */
  detail?: string;
};

export type ChecklistResult = {
  kind: Kind;
  lang: Lang;
  checks: CheckResult[];
  passed: number;
  /** Applicable checks (n/a ones are not counted). */
  total: number;
  ok: boolean;
};

export type ChecklistInput = {
  kind: Kind;
  lang: Lang;
  subject: string;
  body: string;
  variables: LetterVariables;
};

type Ctx = {
  v: LetterVariables;
  lang: Lang;
  subject: string;
  body: string;
  text: string;
  /** Collects what is missing; a check passes when it collected nothing. */
  need: (ok: boolean, what: string) => void;
  has: (value: string | null | undefined) => boolean;
  date: (iso: string | null | undefined) => string;
  cites: (article: string, paragraph?: string, point?: string) => boolean;
  kw: (key: Keyword) => boolean;
};

type CheckDef = {
  id: string;
  label: string;
  appliesTo?: (v: LetterVariables) => boolean;
  run: (c: Ctx) => void;
};

/**
 * Every place the letter is about is in it, named by its URL (a missing one is reported by its URL);
 * `atLeastOne`: a letter about no place at all is missing "exposures".
 */
function needEveryUrl(c: Ctx, { atLeastOne = false } = {}) {
  if (atLeastOne) c.need(c.v.exposures.length > 0, "exposures");
  for (const e of c.v.exposures) c.need(c.has(e.url), e.url);
}

// ── Language helpers ──────────────────────────────────────────────────────────────────────────

const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An EU-style article citation in any of the letter languages: Article 17(1)(d) / Art. 17 Abs. 1 lit. d /
 * article 17, paragraphe 1, point d) / artikel 17, lid 1, punt d). */
export function citationPattern(article: string, paragraph?: string, point?: string): RegExp {
  const a = escapeRegex(article);
  const end = "(?![0-9])";
  const en = `art(?:icle|\\.)?\\s*${a}${paragraph ? `\\s*\\(${paragraph}\\)` : end}${point ? `\\s*\\(${point}\\)` : ""}`;
  const de = `art\\.\\s*${a}${paragraph ? `\\s+abs\\.\\s*${paragraph}${point ? "" : end}` : end}${point ? `\\s+lit\\.\\s*${point}\\b` : ""}`;
  const fr = `article\\s+${a}${paragraph ? `,\\s*paragraphe\\s+${paragraph}${point ? "" : end}` : end}${point ? `,\\s*point\\s+${point}\\)` : ""}`;
  const nl = `artikel\\s+${a}${paragraph ? `,\\s*lid\\s+${paragraph}${point ? "" : end}` : end}${point ? `,\\s*punt\\s+${point}\\)` : ""}`;
  const ko = `제${a}조${paragraph ? `제${paragraph}항` : ""}${point ? `제${point}호` : ""}`;
  return new RegExp([en, de, fr, nl, ko].join("|"), "i");
}

const KEYWORDS = {
  authority: {
    en: ["letter of authority", "mandate", "written authority", "signed permission", "power of attorney"],
    de: ["Vollmacht"],
    fr: ["mandat"],
    nl: ["machtiging"],
    ko: ["위임장"],
  },
  compelling: {
    en: ["compelling legitimate grounds"],
    de: ["zwingende schutzwürdige Gründe"],
    fr: ["motifs légitimes et impérieux"],
    nl: ["dwingende gerechtvaardigde gronden"],
    ko: [],
  },
  links: {
    en: ["links to, or copy or replication of"],
    de: ["Links zu diesen Daten oder von Kopien oder Replikationen"],
    fr: ["tout lien vers ces données, ou de toute copie ou reproduction"],
    nl: ["links naar, of kopieën of reproducties van"],
    ko: [],
  },
  recipientList: {
    en: ["list of those recipients"],
    de: ["Liste dieser Empfänger"],
    fr: ["liste de ces destinataires"],
    nl: ["lijst van die ontvangers"],
    ko: [],
  },
  expression: {
    en: ["freedom of expression"],
    de: ["freie Meinungsäußerung"],
    fr: ["liberté d'expression"],
    nl: ["vrijheid van meningsuiting"],
    ko: [],
  },
  noIdEnclosed: {
    en: ["no identity document is enclosed", "no copy of an identity document is enclosed"],
    de: ["Ausweisdokument liegt daher nicht bei"],
    fr: ["aucune pièce d'identité n'est donc jointe"],
    nl: ["geen identiteitsbewijs bijgevoegd"],
    ko: ["신분증 사본은 첨부하지 않습니다"],
  },
  legalDeadline: {
    en: ["legal deadline for your answer was"],
    de: ["gesetzliche Frist für Ihre Antwort"],
    fr: ["délai légal de réponse"],
    nl: ["wettelijke termijn voor uw antwoord"],
    ko: ["법정 처리 기한은"],
  },
  deadlinePassed: {
    en: ["and has passed"],
    de: ["Frist ist abgelaufen"],
    fr: ["délai est dépassé"],
    nl: ["termijn is verstreken"],
    ko: ["이 기한이 지났습니다"],
  },
  allowedTimePassed: {
    en: ["time I allowed has passed", "time we allowed has passed"],
    de: ["Diese Zeit ist verstrichen"],
    fr: ["temps que je vous avais laissé est écoulé"],
    nl: ["tijd die ik u gaf is verstreken"],
    ko: ["재확인 날짜로 정한"],
  },
  withoutDelay: { en: ["without delay"], de: [], fr: [], nl: [], ko: ["지체 없이"] },
  noLaw: { en: ["does not rely on a privacy law"], de: [], fr: [], nl: [], ko: [] },
  finalDate: {
    en: ["final date"],
    de: ["letzte Frist"],
    fr: ["délai final"],
    nl: ["laatste termijn"],
    ko: ["최종 기한"],
  },
  silence: {
    en: ["has not answered"],
    de: ["nicht geantwortet"],
    fr: ["n'a pas répondu"],
    nl: ["geen antwoord gegeven"],
    ko: ["답변하지 않았"],
  },
  askAuthority: {
    en: ["I ask"],
    de: ["Ich bitte Sie"],
    fr: ["Je demande"],
    nl: ["Ik verzoek u"],
    ko: ["주시기 바랍니다"],
  },
  signature: {
    en: ["Signature"],
    de: ["Unterschrift"],
    fr: ["Signature"],
    nl: ["Handtekening"],
    ko: ["서명"],
  },
  refusalGrounds: { en: ["grounds of the refusal"], de: [], fr: [], nl: [], ko: ["그 사실과 이유"] },
  objectionRoute: { en: ["how to raise an objection"], de: [], fr: [], nl: [], ko: ["이의제기 방법"] },
  privacyRight: { en: ["right to privacy"], de: [], fr: [], nl: [], ko: ["사생활의 비밀과 자유"] },
  deletion: { en: ["deletion of the information"], de: [], fr: [], nl: [], ko: ["삭제를 요청합니다"] },
  temporaryBlock: { en: ["temporary block"], de: [], fr: [], nl: [], ko: ["임시조치"] },
} satisfies Record<string, Record<Lang, string[]>>;
type Keyword = keyof typeof KEYWORDS;

/** The policy each platform variant must cite (docs/legal.md §2, platform reports). */
export const PLATFORM_POLICY: Record<Platform, string> = {
  telegram: "Telegram's Terms of Service",
  x: "X Private information and media policy",
  meta: "Meta Community Standards on Privacy Violations",
  "google-search": "Google Search's policy on removing personal information and doxxing content",
  youtube: "YouTube Privacy Guidelines",
  reddit: "Rule 3 of the Reddit Content Policy",
  pastebin: "Pastebin's content rules",
  discord: "Discord Community Guidelines",
  tiktok: "TikTok Community Guidelines on privacy",
};

/**
 * Words by which a letter would speak as the person, per language: the one list that the truth check (every
 * kind a representative sends) and the complaint's own voice check read. Strings match case-insensitively with
 * spaces squashed; regular expressions run on the text as written.
 */
const AS_THE_PERSON: Record<Lang, readonly (string | RegExp)[]> = {
  en: [
    "I am the person",
    "the person whose information it is",
    "I live alone",
    "my front door",
    "my home",
    "search for my name",
    /\bmy (personal )?data\b/i,
    /\bmy (home )?address\b/i,
  ],
  de: [
    "ich bin die Person",
    "ich bin die betroffene Person",
    "ich lebe allein",
    "meiner Wohnungstür",
    "meine Wohnung",
    /\bmeine (personenbezogenen )?daten\b/i,
    /\bmeine anschrift\b/i,
  ],
  fr: [
    "je suis la personne",
    "je vis seule",
    "je vis seul",
    "à ma porte",
    "mon domicile",
    /\bmes données\b/i,
    /\bmon adresse\b/i,
  ],
  nl: [
    "ik ben de persoon",
    "ik woon alleen",
    "voor mijn deur",
    "mijn woning",
    /\bmijn (persoons)?gegevens\b/i,
    /\bmijn adres\b/i,
  ],
  ko: ["저는 혼자", "제 집", "본인입니다", "본인은 정보주체"],
};

/** The first phrase of AS_THE_PERSON that `text` contains, as found; null where none. */
function firstAsThePerson(text: string, lang: Lang): string | null {
  const squashed = squash(text);
  for (const phrase of AS_THE_PERSON[lang]) {
    if (typeof phrase === "string") {
      if (squashed.includes(squash(phrase))) return phrase;
    } else {
      const m = phrase.exec(text);
      if (m) return m[0];
    }
  }
  return null;
}

const represented = (v: LetterVariables) => v.representative !== null;
const isGdpr = (v: LetterVariables) => v.regime === "gdpr" || v.regime === "uk-gdpr";

/** Regimes with a deadline set by law (docs/legal.md §2, "Truth and safety"); every other follow-up date is the
 * sender's own. */
export const STATUTORY_DEADLINE_REGIMES: ReadonlySet<Regime> = new Set([
  "gdpr",
  "uk-gdpr",
  "ccpa",
  "us-state",
  "kr-pipa",
]);
export const hasLegalDeadline = (v: Pick<LetterVariables, "regime">) =>
  STATUTORY_DEADLINE_REGIMES.has(v.regime);

/** An authority named as a Digital Services Coordinator (the recipient directory names them so). */
const isDsc = (name: string | null | undefined) => /Digital Services/i.test(name ?? "");

// ── Checks every letter must pass (docs/legal.md §2, "Every letter") ───────────────────────────────

const COMMON: CheckDef[] = [
  { id: "date", label: "dated", run: (c) => c.need(c.has(c.date(c.v.date)), `date ${c.date(c.v.date)}`) },
  {
    id: "reference",
    label: "reference in subject and body",
    run: (c) => {
      c.need(c.subject.includes(c.v.reference), "reference in subject");
      c.need(c.body.includes(c.v.reference), "reference in body");
    },
  },
  {
    id: "recipient",
    label: "legal entity and channel",
    run: (c) => {
      c.need(c.has(c.v.recipient?.legalEntity), "recipient.legalEntity");
      c.need(c.has(c.v.recipient?.channelLabel), "recipient.channelLabel");
    },
  },
  {
    id: "requester",
    label: "requester named",
    run: (c) => c.need(c.has(c.v.requester.name), "requester.name"),
  },
  {
    id: "representative",
    label: "representative and their authority",
    appliesTo: represented,
    run: (c) => {
      c.need(c.has(c.v.representative?.name), "representative.name");
      c.need(c.kw("authority"), "statement of authority");
    },
  },
  {
    id: "urls",
    label: "every URL",
    run: (c) => {
      needEveryUrl(c);
    },
  },
  {
    id: "due",
    label: "due date with the rule in words",
    appliesTo: (v) => Boolean(v.dueDate),
    run: (c) => {
      c.need(c.has(c.date(c.v.dueDate)), `due date ${c.date(c.v.dueDate)}`);
      if (c.v.dueRule) c.need(c.has(c.v.dueRule), "dueRule");
    },
  },
  {
    id: "no-id-document",
    label: "no identity document enclosed",
    run: (c) =>
      c.need(
        !/(copy of (my|the|your) (passport|id card|identity card|driver's licen[cs]e)|Ausweiskopie ist beigefügt|copie de (ma|la) pièce d'identité (est )?jointe|kopie van (mijn|het) (paspoort|identiteitsbewijs) is bijgevoegd|신분증 사본을 첨부합니다)/i.test(
          c.text,
        ),
        "no ID document",
      ),
  },
  {
    id: "filled",
    label: "no unfilled marker",
    run: (c) => {
      for (const m of findUnfilled(`${c.subject}\n${c.body}`)) c.need(false, m);
    },
  },
];

// ── Kind checklists (docs/legal.md §2) ─────────────────────────────────────────────────────────────

const GDPR_ERASURE: CheckDef[] = [
  {
    id: "1-identifiers",
    label: "requester's name, contact and identifiers",
    run: (c) => {
      c.need(c.has(c.v.requester.name), "requester.name");
      c.need(c.has(c.v.requester.email), "requester.email");
      for (const id of c.v.identifiers) c.need(c.has(id), id);
    },
  },
  {
    id: "2-art-17-21",
    label: "cites Art 17 and Art 21",
    run: (c) => {
      c.need(c.cites("17"), "Art 17");
      c.need(c.cites("21"), "Art 21");
    },
  },
  {
    id: "3-items",
    label: "each item to erase",
    run: (c) => {
      needEveryUrl(c, { atLeastOne: true });
    },
  },
  {
    id: "4-grounds",
    label: "Art 17(1)(d) and (c) grounds",
    run: (c) => {
      c.need(c.cites("17", "1", "d"), "Art 17(1)(d)");
      c.need(c.cites("17", "1", "c"), "Art 17(1)(c)");
    },
  },
  {
    id: "5-particular-situation",
    label: "Art 21(1) particular situation; stop unless compelling grounds",
    run: (c) => {
      c.need(c.cites("21", "1"), "Art 21(1)");
      c.need(c.has(c.v.particularSituation), "particularSituation");
      c.need(c.kw("compelling"), "compelling legitimate grounds");
    },
  },
  {
    id: "6-art-17-2",
    label: "Art 17(2): inform other controllers of links, copies, replications",
    run: (c) => {
      c.need(c.cites("17", "2"), "Art 17(2)");
      c.need(c.kw("links"), "links / copies / replications");
    },
  },
  {
    id: "7-art-19",
    label: "Art 19 notification and list of recipients",
    run: (c) => {
      c.need(c.cites("19"), "Art 19");
      c.need(c.kw("recipientList"), "list of recipients");
    },
  },
  {
    id: "8-due-art-77",
    label: "due date and Art 77 complaint",
    run: (c) => {
      c.need(c.has(c.date(c.v.dueDate)), "due date");
      c.need(c.cites("77"), "Art 77");
      c.need(c.has(c.v.authority?.name), "authority.name");
    },
  },
  {
    id: "9-art-17-3",
    label: "pre-empts Art 17(3) exceptions",
    run: (c) => {
      c.need(c.cites("17", "3"), "Art 17(3)");
      c.need(c.kw("expression"), "freedom of expression");
    },
  },
  {
    id: "10-mandate",
    label: "representative's written authority enclosed",
    appliesTo: represented,
    run: (c) => {
      c.need(c.kw("authority"), "mandate");
      c.need(c.has(c.date(c.v.representative?.mandateDate)), "mandate date");
    },
  },
  {
    id: "id-art-12-6",
    label: "no ID document: Art 12(6) only on reasonable doubt",
    run: (c) => {
      c.need(c.cites("12", "6"), "Art 12(6)");
      c.need(c.kw("noIdEnclosed"), "no identity document enclosed");
    },
  },
];

const ACCESS_ITEMS: Array<[string, string, string | undefined, string | undefined]> = [
  ["confirmation", "15", "1", undefined],
  ["copy", "15", "3", undefined],
  ["purposes", "15", "1", "a"],
  ["categories", "15", "1", "b"],
  ["recipients", "15", "1", "c"],
  ["retention", "15", "1", "d"],
  ["rights", "15", "1", "e"],
  ["complaint", "15", "1", "f"],
  ["source", "15", "1", "g"],
  ["automated decisions", "15", "1", "h"],
  ["transfer safeguards", "15", "2", undefined],
];
const GDPR_ACCESS: CheckDef[] = [
  ...ACCESS_ITEMS.map(
    ([label, art, para, point], i): CheckDef => ({
      id: `${i + 1}-${label.replace(/ /g, "-")}`,
      label: `${label} (Art ${art}${para ? `(${para})` : ""}${point ? `(${point})` : ""})`,
      run: (c) => {
        c.need(c.cites(art, para, point), `Art ${art}(${para})${point ? `(${point})` : ""}`);
        if (label === "automated decisions") c.need(c.cites("22"), "Art 22");
        if (label === "transfer safeguards") c.need(c.cites("46"), "Art 46");
      },
    }),
  ),
  {
    id: "due-art-77",
    label: "due date and Art 77 complaint",
    run: (c) => {
      c.need(c.cites("77"), "Art 77");
      c.need(c.has(c.v.authority?.name), "authority.name");
    },
  },
];

const SEARCH_DELISTING: CheckDef[] = [
  {
    id: "name-searched",
    label: "the name searched",
    run: (c) => {
      c.need(c.v.searchTerms.length > 0, "searchTerms");
      for (const t of c.v.searchTerms) c.need(c.has(t), t);
    },
  },
  {
    id: "urls-and-reasons",
    label: "each result URL and why it is inadequate, irrelevant or excessive",
    run: (c) => {
      for (const e of c.v.exposures) {
        c.need(c.has(e.url), e.url);
        c.need(c.has(e.reason), `reason for ${e.url}`);
      }
    },
  },
  {
    id: "country",
    label: "requester's country",
    run: (c) => c.need(c.has(c.v.requester.country), "country"),
  },
  {
    id: "basis",
    label: "GDPR Art 17 and Google Spain",
    run: (c) => {
      c.need(c.cites("17"), "Art 17");
      c.need(c.has("C-131/12"), "C-131/12");
    },
  },
];

const CCPA: CheckDef[] = [
  { id: "1798-105", label: "request under § 1798.105", run: (c) => c.need(c.has("1798.105"), "1798.105") },
  {
    id: "downstream",
    label: "service providers, contractors and third parties notified",
    run: (c) => {
      for (const k of ["service providers", "contractors", "third parties"]) c.need(c.has(k), k);
    },
  },
  {
    id: "acknowledge",
    label: "10-business-day acknowledgement and 45-day answer",
    run: (c) => {
      c.need(c.has("10 business days"), "10 business days");
      c.need(c.has(c.date(c.v.dueDate)), "due date");
    },
  },
  {
    id: "delete-act",
    label: "Delete Act / DROP for data brokers",
    run: (c) => {
      c.need(c.has("Delete Act"), "Delete Act");
      c.need(c.has("DROP"), "DROP");
    },
  },
  {
    id: "agent",
    label: "authorized agent: consumer's signed permission (11 CCR § 7063)",
    appliesTo: represented,
    run: (c) => {
      c.need(c.has("7063"), "§ 7063");
      c.need(c.has("signed permission"), "signed permission");
    },
  },
  {
    id: "escalation",
    label: "escalation route",
    run: (c) => c.need(c.has(c.v.authority?.name), "authority"),
  },
];

const US_STATE: CheckDef[] = [
  {
    id: "law",
    label: "the state law and citation",
    run: (c) => {
      c.need(c.has(c.v.stateLaw?.name), "stateLaw.name");
      c.need(c.has(c.v.stateLaw?.citation), "stateLaw.citation");
    },
  },
  { id: "appeal", label: "asks for the appeal route", run: (c) => c.need(c.has("appeal"), "appeal") },
  {
    id: "escalation",
    label: "escalation route: the state's own Attorney General, not California's agency",
    run: (c) => {
      c.need(c.has(c.v.stateLaw?.authority), "the state's Attorney General");
      c.need(!/California Privacy Protection Agency|CPPA/.test(c.text), "no California authority");
    },
  },
];

const KR_PIPA: CheckDef[] = [
  {
    id: "art-36",
    label: "request to erase under PIPA Art 36",
    run: (c) => c.need(c.cites("36") || /Article 36\(1\)/.test(c.text), "Art 36"),
  },
  {
    id: "data",
    label: "the data",
    run: (c) => {
      needEveryUrl(c);
    },
  },
  {
    id: "ten-days",
    label: "result due within 10 days, with grounds of refusal and objection route",
    run: (c) => {
      c.need(c.has(c.date(c.v.dueDate)), "due date");
      c.need(c.has(c.v.dueRule) && /10/.test(c.v.dueRule ?? ""), "10-day rule");
      c.need(c.kw("refusalGrounds"), "grounds of refusal");
      c.need(
        /(43\(3\)|제43조제3항)[^.\n]*(grounds of the refusal|그 사실과 이유)/.test(c.text),
        "refusal content under Enforcement Decree Art 43(3)",
      );
      c.need(c.kw("objectionRoute"), "objection route");
    },
  },
  {
    id: "representative",
    label: "representative by written document (Art 38(1))",
    appliesTo: represented,
    run: (c) => {
      c.need(c.cites("38", "1") || /Article 38\(1\)/.test(c.text), "Art 38(1)");
      c.need(c.kw("authority"), "power of attorney");
    },
  },
  {
    id: "escalation",
    label: "escalation route",
    run: (c) => c.need(c.has(c.v.authority?.name), "authority"),
  },
];

const KR_ICNA: CheckDef[] = [
  {
    id: "identity",
    label: "identity",
    run: (c) => {
      c.need(c.has(c.v.requester.name), "name");
      c.need(c.has(c.v.requester.email), "email");
    },
  },
  {
    id: "location",
    label: "URL / post number",
    run: (c) => {
      for (const e of c.v.exposures) {
        c.need(c.has(e.url), e.url);
        if (e.postId) c.need(c.has(e.postId), `post ${e.postId}`);
      }
    },
  },
  { id: "right", label: "the right infringed", run: (c) => c.need(c.kw("privacyRight"), "privacy") },
  {
    id: "explanation",
    label: "explanation (소명) of the infringement",
    run: (c) => c.need(c.has(c.v.particularSituation), "particularSituation"),
  },
  {
    id: "request",
    label: "delete, or at least a temporary block of up to 30 days (Art 44-2)",
    run: (c) => {
      c.need(/제44조의2|Article 44-2/.test(c.text), "Art 44-2");
      c.need(c.kw("withoutDelay"), "without delay");
      c.need(c.kw("deletion"), "deletion");
      c.need(c.kw("temporaryBlock"), "temporary block");
      c.need(/30/.test(c.text), "30 days");
    },
  },
  {
    id: "signature",
    label: "signature",
    run: (c) => {
      c.need(c.kw("signature"), "signature");
      c.need(c.has(c.v.representative?.name ?? c.v.requester.name), "signer");
    },
  },
];

const DMCA: CheckDef[] = [
  {
    id: "1-signature",
    label: "signature of the owner or authorised person",
    run: (c) => c.need(c.has(`/s/ ${c.v.representative?.name ?? c.v.requester.name}`), "/s/ signature"),
  },
  {
    id: "2-works",
    label: "identification of the copyrighted works",
    run: (c) => {
      c.need(c.v.works.length > 0, "works");
      for (const w of c.v.works) c.need(c.has(w.title) && c.has(w.description), w.title);
    },
  },
  {
    id: "3-infringing",
    label: "infringing material and where to find it",
    run: (c) => {
      needEveryUrl(c, { atLeastOne: true });
    },
  },
  {
    id: "4-contact",
    // 512(c)(3)(A)(iv): contact information "such as" address, telephone and email. The notice is usually
    // forwarded to the uploader (docs/legal.md §2), so email is enough; an address or phone only where chosen.
    label: "complainant's contact information (email; address and telephone only where chosen)",
    run: (c) => {
      const r = c.v.representative;
      const who = r
        ? { address: r.address, phone: r.phone, email: r.email }
        : { address: c.v.requester.postalAddress, phone: c.v.requester.phone, email: c.v.requester.email };
      c.need(c.has(who.email), "email");
      if (who.address?.trim()) c.need(c.has(who.address), "address");
      if (who.phone?.trim()) c.need(c.has(who.phone), "telephone");
      c.need(!/^\s*(address|telephone|phone):\s*$/im.test(c.body), "no empty address or telephone line");
      // A representative is the complainant: the person's own address and phone stay out of the notice.
      if (r)
        for (const own of [c.v.requester.postalAddress, c.v.requester.phone])
          if (own?.trim()) c.need(!c.has(own), "the person's own address and phone left out");
    },
  },
  {
    id: "5-good-faith",
    label: "good faith statement",
    run: (c) =>
      c.need(
        c.has(
          "good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law",
        ),
        "good faith statement",
      ),
  },
  {
    id: "6-accuracy-perjury",
    label: "accuracy, and authority under penalty of perjury",
    run: (c) => {
      c.need(c.has("information in this notice is accurate"), "accuracy");
      c.need(c.has("under penalty of perjury"), "penalty of perjury");
      c.need(c.has("authorized to act on behalf of the owner"), "authorised to act");
    },
  },
];

const DSA: CheckDef[] = [
  {
    id: "a-explanation",
    label: "(a) substantiated explanation why the content is illegal",
    run: (c) => {
      c.need(c.has(c.v.illegalityExplanation), "illegalityExplanation");
      c.need(c.has("16(2)(a)"), "Art 16(2)(a)");
    },
  },
  {
    id: "b-urls",
    label: "(b) exact URLs",
    run: (c) => {
      needEveryUrl(c, { atLeastOne: true });
    },
  },
  {
    id: "c-notifier",
    label: "(c) notifier's name and email",
    run: (c) => {
      const r = c.v.representative;
      c.need(c.has(r ? r.name : c.v.requester.name), "name");
      c.need(c.has(r ? r.email : c.v.requester.email), "email");
    },
  },
  {
    id: "d-bona-fide",
    label: "(d) bona fide statement: accurate and complete",
    run: (c) => c.need(c.has("bona fide belief") && c.has("accurate and complete"), "bona fide statement"),
  },
  {
    id: "escalation",
    label: "escalation to the Digital Services Coordinator (Art 53)",
    run: (c) => {
      c.need(/Article 53 DSA/.test(c.text), "Art 53 DSA");
      c.need(
        isDsc(c.v.authority?.name) ? c.has(c.v.authority?.name) : c.has("the Digital Services Coordinator"),
        "the Digital Services Coordinator",
      );
    },
  },
];

const PLATFORM: CheckDef[] = [
  {
    id: "content",
    label: "URLs and what they expose",
    run: (c) => {
      for (const e of c.v.exposures) {
        c.need(c.has(e.url), e.url);
        for (const l of e.exposedLabels) c.need(c.has(l), l);
      }
    },
  },
  {
    id: "policy",
    label: "the platform's policy against sharing private information",
    // A platform without a variant of its own is held to its terms of service and acceptable use policy.
    run: (c) =>
      c.need(
        c.has(
          c.v.platform !== null
            ? PLATFORM_POLICY[c.v.platform]
            : "your terms of service and acceptable use policy",
        ),
        "policy",
      ),
  },
  {
    id: "escalation",
    label: "escalation to the Digital Services Coordinator under Art 53 DSA, where one is named",
    appliesTo: (v) => isDsc(v.authority?.name),
    run: (c) => {
      c.need(/Article 53 DSA/.test(c.text), "Art 53 DSA");
      c.need(c.has(c.v.authority?.name), "authority.name");
    },
  },
];

const BROKER: CheckDef[] = [
  {
    id: "opt-out-path",
    label: "the broker's own opt-out path",
    run: (c) => {
      c.need(c.has(c.v.optOut?.url), "optOut.url");
      for (const s of c.v.optOut?.steps ?? []) c.need(c.has(s), s);
    },
  },
  {
    id: "parent",
    label: "front site points to the parent broker",
    appliesTo: (v) => Boolean(v.optOut?.parent),
    run: (c) => c.need(c.has(c.v.optOut?.parent), "optOut.parent"),
  },
  {
    id: "law",
    label: "the deletion request under the law that applies",
    appliesTo: (v) => v.regime !== "none",
    run: (c) => {
      if (c.v.regime === "ccpa") c.need(c.has("1798.105") && c.has("DROP"), "§ 1798.105 and DROP");
      if (c.v.regime === "us-state") c.need(c.has(c.v.stateLaw?.citation), "state law citation");
      if (isGdpr(c.v)) {
        c.need(c.cites("17") && c.cites("21"), "Art 17 and 21");
        c.need(c.cites("17", "1", "d") && c.cites("17", "1", "c"), "Art 17(1)(d) and (c)");
        c.need(
          c.cites("21", "1") && c.kw("compelling"),
          "Art 21(1) particular situation, compelling grounds",
        );
        c.need(c.cites("17", "2") && c.kw("links"), "Art 17(2) links, copies, replications");
        c.need(c.cites("19") && c.kw("recipientList"), "Art 19 and the list of recipients");
        c.need(c.cites("17", "3") && c.kw("expression"), "Art 17(3) rebuttal");
        if (c.v.authority) c.need(c.cites("77"), "Art 77");
      }
    },
  },
  {
    id: "no-law",
    label: "says it relies on no law where none applies",
    appliesTo: (v) => v.regime === "none",
    run: (c) => c.need(c.kw("noLaw"), "relies on no privacy law"),
  },
];

const FOLLOW_UP: CheckDef[] = [
  {
    id: "first-letter",
    label: "refers to the first letter by date and reference",
    run: (c) => {
      c.need(c.has(c.date(c.v.previousLetter?.date)), "previous letter date");
      c.need(c.has(c.v.previousLetter?.reference), "previous reference");
    },
  },
  {
    id: "deadline-passed",
    label: "states the legal deadline passed",
    appliesTo: hasLegalDeadline,
    run: (c) => {
      c.need(c.has(c.date(c.v.dueDate)), "original due date");
      c.need(c.kw("legalDeadline") && c.kw("deadlinePassed"), "legal deadline was … and has passed");
    },
  },
  {
    id: "own-date-passed",
    label: "states the time the sender allowed has passed",
    appliesTo: (v) => !hasLegalDeadline(v),
    run: (c) => {
      c.need(c.has(c.date(c.v.dueDate)), "the sender's date");
      c.need(c.kw("allowedTimePassed"), "the time the sender allowed has passed");
    },
  },
  {
    id: "final-date",
    label: "short final date (14 days)",
    run: (c) => {
      c.need(c.has(c.date(c.v.finalDate)), "final date");
      c.need(c.has("14") && c.kw("finalDate"), "14 days, final");
    },
  },
  {
    id: "complaint",
    label: "names the complaint that follows",
    run: (c) => {
      // A platform follow-up names an authority only when it is the Digital Services Coordinator; a DMCA
      // follow-up names none (no regulator hears DMCA notices).
      const named = c.v.regime === "platform" ? isDsc(c.v.authority?.name) : c.v.regime !== "dmca";
      if (c.v.authority && named) {
        c.need(c.has(c.v.authority.name), "authority.name");
      }
      if (isGdpr(c.v)) c.need(c.cites("77"), "Art 77");
      if (c.v.regime === "dsa") c.need(c.cites("53"), "Art 53 DSA");
    },
  },
];

/** A complaint's claim that a legal deadline passed, per language (checked against the dates). */
const PASSED_DEADLINE: Record<Lang, RegExp> = {
  en: /deadline[^.\n]*has passed/i,
  de: /frist[^.\n]*abgelaufen/i,
  fr: /délai[^.\n]*expiré/i,
  nl: /termijn[^.\n]*verstreken/i,
  ko: /기한[^.\n]*지났/,
};

const COMPLAINT: CheckDef[] = [
  {
    id: "representative-voice",
    label: "a representative does not write as the person",
    appliesTo: represented,
    run: (c) => {
      // The person's own words (their situation) may say "my address": only the letter's own text counts.
      const own = c.v.particularSituation ? c.body.split(c.v.particularSituation).join("") : c.body;
      const found = firstAsThePerson(own, c.lang);
      c.need(!found, `no sentence written as the person (found "${found}")`);
    },
  },
  {
    id: "authority",
    label: "the authority, with its postal and email address and complaint form",
    run: (c) => {
      const a = c.v.recipient;
      c.need(c.has(a?.legalEntity), "recipient.legalEntity");
      for (const line of (a?.address ?? "").split("\n").filter(Boolean)) c.need(c.has(line), line);
      if (a?.email) c.need(c.has(a.email), a.email);
      if (a?.url) c.need(c.has(a.url), a.url);
      // The authority is the recipient, not the controller complained about.
      c.need(
        a?.legalEntity !== c.v.respondent?.legalEntity,
        "the authority, not the controller, as recipient",
      );
    },
  },
  {
    id: "no-false-deadline",
    label: "claims a passed legal deadline only where the law sets one and it passed",
    run: (c) => {
      const statutory = !["dsa", "kr-icna"].includes(c.v.regime);
      const passed = statutory && !!c.v.dueDate && c.v.dueDate < c.v.date && !c.v.responseSummary;
      if (!passed) c.need(!PASSED_DEADLINE[c.lang].test(c.body), "no claim that a legal deadline passed");
    },
  },
  {
    id: "parties",
    label: "complainant and controller",
    run: (c) => {
      c.need(c.has(c.v.requester.name), "complainant");
      c.need(c.has(c.v.respondent?.legalEntity), "respondent.legalEntity");
    },
  },
  {
    id: "rights",
    label: "rights exercised, with dates",
    run: (c) => {
      c.need(c.v.rightsExercised.length > 0, "rightsExercised");
      for (const r of c.v.rightsExercised) c.need(c.has(c.date(r.date)), `${r.right} on ${r.date}`);
    },
  },
  {
    id: "answer",
    label: "the controller's answer or silence",
    run: (c) =>
      c.need(c.v.responseSummary ? c.has(c.v.responseSummary) : c.kw("silence"), "answer / silence"),
  },
  {
    id: "evidence",
    label: "evidence list",
    run: (c) => {
      c.need(c.v.evidence.length > 0, "evidence");
      for (const e of c.v.evidence) c.need(c.has(e), e);
    },
  },
  {
    id: "ask",
    label: "what is asked of the authority, under which provision",
    run: (c) => {
      c.need(c.kw("askAuthority"), "request to the authority");
      const basis: Record<string, () => boolean> = {
        gdpr: () => c.cites("77"),
        "uk-gdpr": () => c.cites("77") && c.has("section 165"),
        ccpa: () => c.has("1798.199.45"),
        "kr-pipa": () => c.has("Art 62") || c.has("제62조"),
        "kr-icna": () => c.has("review") || c.has("심의"),
        dsa: () => c.cites("53"),
        "us-state": () => c.has("Attorney General"),
      };
      c.need(basis[c.v.regime]?.() ?? true, `legal basis for ${c.v.regime}`);
    },
  },
  {
    id: "original-request",
    label: "names the original request by its reference",
    run: (c) => {
      for (const r of c.v.rightsExercised) if (r.reference) c.need(c.has(r.reference), r.reference);
    },
  },
  {
    id: "korean-law",
    label: "Korea: cites the law of the original request",
    appliesTo: (v) => v.regime === "kr-pipa" || v.regime === "kr-icna",
    run: (c) =>
      c.v.regime === "kr-pipa"
        ? c.need(c.has("개인정보 보호법") || c.has("PIPA Art 36"), "PIPA (개인정보 보호법)")
        : c.need(c.has("제44조의2") || c.has("ICNA Art 44-2"), "ICNA Art 44-2 (정보통신망법 제44조의2)"),
  },
  {
    id: "mandate",
    label: "signed mandate when for someone else",
    appliesTo: represented,
    run: (c) => c.need(c.kw("authority") && c.has(c.date(c.v.representative?.mandateDate)), "mandate"),
  },
  {
    id: "dated-signed",
    label: "dated and signed",
    run: (c) => c.need(c.kw("signature"), "signature line"),
  },
];

const MANDATE: CheckDef[] = [
  {
    id: "person",
    label: "the person giving authority",
    run: (c) => {
      c.need(c.has(c.v.requester.name), "requester.name");
      // The address only where the person chose to give one: the mandate is enclosed with every letter.
      if (c.v.requester.postalAddress) c.need(c.has(c.v.requester.postalAddress), "requester.postalAddress");
      c.need(c.has(c.v.requester.email), "requester.email");
    },
  },
  {
    id: "representative",
    label: "the named caseworker / organisation",
    run: (c) => {
      c.need(c.has(c.v.representative?.name), "representative.name");
      if (c.v.representative?.organisation) c.need(c.has(c.v.representative.organisation), "organisation");
    },
  },
  {
    id: "requests",
    label: "the listed requests: make, send and follow up",
    run: (c) => {
      c.need((c.v.mandate?.requests.length ?? 0) > 0, "mandate.requests");
      for (const r of c.v.mandate?.requests ?? []) c.need(c.has(r), r);
      c.need(c.has("make, send and follow up"), "make, send and follow up");
    },
  },
  { id: "scope", label: "scope", run: (c) => c.need(c.has("Scope:"), "scope") },
  { id: "date", label: "date", run: (c) => c.need(c.has(c.date(c.v.date)), "date") },
  {
    id: "signature",
    label: "signature",
    run: (c) => c.need(c.kw("signature") && c.has(c.v.requester.name), "signature"),
  },
];

// ── Negative checks: what must NOT be said (docs/legal.md §2, "Truth and safety, for every kind") ──────
// Each names phrases that would make a letter false for a kind / regime / representative combination; a
// check fails on the first one found and says which. Strings match case-insensitively with spaces squashed;
// regular expressions run on the letter as written.

type Forbidden = string | RegExp;
type NegativeDef = {
  id: string;
  label: string;
  /** Kinds the check reads; all kinds when absent. */
  kinds?: readonly Kind[];
  appliesTo?: (v: LetterVariables) => boolean;
  forbidden: (v: LetterVariables, lang: Lang) => readonly Forbidden[];
};

/** Kinds sent to the recipient whose date the sender sets when no law sets one. */
const REQUEST_KINDS: readonly Kind[] = KIND_IDS.filter((k) => KINDS[k].sendersDate);

/** Kinds written under the GDPR, but not the mandate: one letter of authority may cover several laws. */
const GDPR_KINDS: readonly Kind[] = KIND_IDS.filter(
  (k) => k !== "mandate" && (KINDS[k].regimes as readonly Regime[]).includes("gdpr"),
);

/** Labels and words of the English templates that must not turn up in a letter in another language. */
const ENGLISH_FRAGMENTS: Forbidden[] = [
  "Found via",
  "Exposed:",
  "Sent to:",
  "search for my name",
  "the Digital Services Coordinator",
  /\bI will follow up\b/,
  // The English complaint's headings and sentences.
  "Rights exercised",
  "Evidence enclosed",
  "What I ask of you",
  "has not answered",
];

const LEGAL_DEADLINE_CLAIMS: Record<Lang, Forbidden[]> = {
  en: ["legal deadline", "deadline has passed", "deadline for your answer", /\bDeadline:/, /\bis overdue\b/],
  de: ["gesetzliche Frist", "Frist ist abgelaufen", "Frist für Ihre Antwort", "überfällig"],
  fr: ["délai légal", "délai est dépassé", "délai de réponse expirait"],
  nl: ["wettelijke termijn", "termijn is verstreken", "termijn voor uw antwoord", "is te laat"],
  ko: ["처리 기한", "법정 기한"],
};

const CCPA_WORDS: Forbidden[] = [
  "consumer",
  "authorized agent",
  "signed permission",
  "1798.",
  "Delete Act",
  /\bDROP\b/,
  "selling or sharing",
  "opt out of sale",
];

const NEGATIVE: NegativeDef[] = [
  {
    id: "stated-handling-time",
    label: "claims no handling time the recipient never stated",
    forbidden: () => ["stated handling time", "your stated time"],
  },
  {
    id: "doubled-name",
    label: 'names no one twice ("Google LLC (YouTube) (YouTube)")',
    forbidden: () => [/\(([^()\n]+)\)\s*\(\1\)/, /\b([A-Z][A-Za-z]{1,12}) \(\1\)/],
  },
  {
    id: "as-the-person",
    label: "a representative never writes as the person",
    appliesTo: represented,
    forbidden: (_v, lang) => AS_THE_PERSON[lang],
  },
  {
    id: "english-fragment",
    label: "every fragment in the letter's language",
    forbidden: (_v, lang) => (lang === "en" ? [] : ENGLISH_FRAGMENTS),
  },
  {
    id: "legal-deadline",
    label: "claims no legal deadline where the law sets none (the date is the sender's own)",
    kinds: REQUEST_KINDS,
    appliesTo: (v) => !hasLegalDeadline(v),
    forbidden: (_v, lang) => LEGAL_DEADLINE_CLAIMS[lang],
  },
  {
    id: "icna-30-days",
    label: "ICNA: 30 days is the longest a temporary block lasts, never a deadline",
    appliesTo: (v) => v.regime === "kr-icna",
    forbidden: () => [
      /(within|in) 30 days (to|of receipt|after receipt)[^.\n]*(delete|act|answer|respond|reply)/i,
      /(deadline|due)[^.\n]*30 days/i,
      /30일 이내에 (삭제|조치|처리|회신)/,
    ],
  },
  {
    id: "dsa-no-dpa",
    label: "DSA, DMCA and platform letters never escalate to a data-protection authority",
    appliesTo: (v) => v.regime === "dsa" || v.regime === "platform" || v.regime === "dmca",
    forbidden: () => [
      /(complain|complaint|escalate|Beschwerde|réclamation|klacht)[^.\n]*(data[- ]protection|Datenschutz|protection des données|gegevensbescherming|Aufsichtsbehörde|autorité de contrôle|toezichthoudende autoriteit|Information Commissioner|Article 77|Art\. 77|artikel 77|l'article 77)/i,
      // A data-protection authority named anywhere, as the directory and the fixtures name them.
      /Data Protection (Commission|Authority|Authorities|Commissioner)|data-protection authority|supervisory authority|Information Commissioner|Beauftragte für (den )?Datenschutz|Datenschutzbehörde|\bCNIL\b|Autoriteit Persoonsgegevens/i,
    ],
  },
  {
    id: "dsa-16-6",
    label: 'DSA "without undue delay" is Art 16(5), not 16(6)',
    forbidden: () => [
      /without undue delay[^.;\n]*16\(6\)/i,
      /16\(6\)[^.;\n]*without undue delay/i,
      /(unverzüglich|meilleurs délais|onnodige vertraging)[^.;\n]*(Abs\. 6|paragraphe 6|lid 6)/i,
    ],
  },
  {
    id: "pipa-refusal-source",
    label: "PIPA: the refusal's content comes from Enforcement Decree Art 43(3), not Art 36(4)",
    appliesTo: (v) => v.regime === "kr-pipa",
    forbidden: () => [/36\(4\)[^.\n]*(grounds|refus)/i, /제36조제4항에 따라 그 사실과 이유/],
  },
  {
    id: "gdpr-no-ccpa",
    label: "a GDPR letter carries no CCPA words",
    kinds: GDPR_KINDS,
    appliesTo: isGdpr,
    forbidden: () => CCPA_WORDS,
  },
  {
    id: "german-grammar",
    label: "German: a name after a preposition or on the address line keeps its grammar",
    forbidden: (_v, lang) =>
      lang === "de"
        ? [
            // "Beschwerde bei Die Bundesbeauftragte …": a directory name (nominative, with its article) pasted
            // after a preposition; "An: der Berliner Beauftragten …": a dative name as the address line.
            /\b(bei|an|von|mit|gegen|zu|vor) (Die|Der|Das) [A-ZÄÖÜ]/,
            /^(An|Gesendet an): (der|dem|den|die|das) /m,
          ]
        : [],
  },
  {
    id: "kr-complaint-law",
    label: "Korea: a complaint cites the law of the original request, and no other",
    kinds: ["regulator-complaint"],
    appliesTo: (v) => v.regime === "kr-pipa" || v.regime === "kr-icna",
    forbidden: (v) =>
      v.regime === "kr-pipa"
        ? [/제44조의2|정보통신망 이용촉진|정보통신망법|\bICNA\b|방송통신심의위원회/]
        : [/개인정보 보호법|\bPIPA\b|분쟁조정|제62조|제36조/],
  },
  {
    id: "kr-no-gdpr",
    label: "Korea: no GDPR words in a letter under Korean law",
    appliesTo: (v) => v.regime === "kr-pipa" || v.regime === "kr-icna",
    forbidden: () => [
      /\bGDPR\b|DSGVO|RGPD|일반개인정보보호규정|General Data Protection|supervisory authority|감독기관|Article 77|Art\.? ?77\b|Article 17|Article 21/i,
    ],
  },
  {
    id: "no-law-claimed",
    label: "a letter under no named law cites none",
    appliesTo: (v) => v.regime === "none",
    forbidden: () => ["GDPR", "1798.", "Article 17", "Article 21", "Article 77", "privacy law of my state"],
  },
];

function negativeDefinition(n: NegativeDef): CheckDef {
  return {
    id: n.id,
    label: n.label,
    appliesTo: n.appliesTo,
    run: (c) => {
      for (const phrase of n.forbidden(c.v, c.lang)) {
        const found = typeof phrase === "string" ? c.has(phrase) : (phrase.exec(c.text)?.[0] ?? null);
        if (found) c.need(false, typeof phrase === "string" ? `"${phrase}"` : `"${found}"`);
      }
    },
  };
}

/** The negative checks that read letters of `kind`. */
function negativesFor(kind: Kind): CheckDef[] {
  return NEGATIVE.filter((n) => !n.kinds || n.kinds.includes(kind)).map(negativeDefinition);
}

const MANDATE_COMMON = new Set(["reference", "filled", "no-id-document"]);

const BY_KIND: Record<Kind, CheckDef[]> = {
  "gdpr-erasure": GDPR_ERASURE,
  "gdpr-access": GDPR_ACCESS,
  "search-delisting": SEARCH_DELISTING,
  "ccpa-deletion": CCPA,
  "us-state-deletion": US_STATE,
  "kr-pipa-deletion": KR_PIPA,
  "kr-icna-deletion": KR_ICNA,
  "dmca-takedown": DMCA,
  "dsa-notice": DSA,
  "platform-report": PLATFORM,
  "broker-optout": BROKER,
  "follow-up": FOLLOW_UP,
  "regulator-complaint": COMPLAINT,
  mandate: MANDATE,
};

/** The checks a kind's letters must pass, by id and label (the kinds registry's test reads them). */
export function checklistFor(kind: Kind): Array<{ id: string; label: string }> {
  return definitions(kind).map(({ id, label }) => ({ id, label }));
}

function definitions(kind: Kind): CheckDef[] {
  const common = kind === "mandate" ? COMMON.filter((d) => MANDATE_COMMON.has(d.id)) : COMMON;
  return [
    ...common.map((d) => ({ ...d, id: `common.${d.id}` })),
    ...BY_KIND[kind].map((d) => ({ ...d, id: `${kind}.${d.id}` })),
    ...negativesFor(kind).map((d) => ({ ...d, id: `truth.${d.id}` })),
  ];
}

/** Runs the docs/legal.md §2 checklist of `kind` over a rendered (or edited) letter. */
export function runChecklist(input: ChecklistInput): ChecklistResult {
  const { kind, lang, subject, body, variables: v } = input;
  const text = `${subject}\n${body}`;
  const haystack = squash(text);
  const checks: CheckResult[] = definitions(kind).map((def) => {
    if (def.appliesTo && !def.appliesTo(v)) return { id: def.id, label: def.label, status: "n/a" };
    const missing: string[] = [];
    const ctx: Ctx = {
      v,
      lang,
      subject,
      body,
      text,
      need: (ok, what) => {
        if (!ok) missing.push(what);
      },
      has: (value) => Boolean(value?.trim()) && haystack.includes(squash(value!)),
      date: (iso) => (iso ? formatLongDate(iso, lang) : ""),
      cites: (article, paragraph, point) => citationPattern(article, paragraph, point).test(text),
      kw: (key) => KEYWORDS[key][lang].some((k) => haystack.includes(squash(k))),
    };
    def.run(ctx);
    const problem = def.id.startsWith("truth.") ? "must not say" : "missing";
    return missing.length
      ? { id: def.id, label: def.label, status: "fail", detail: `${problem}: ${missing.join(", ")}` }
      : { id: def.id, label: def.label, status: "pass" };
  });
  const applicable = checks.filter((c) => c.status !== "n/a");
  const passed = applicable.filter((c) => c.status === "pass").length;
  return { kind, lang, checks, passed, total: applicable.length, ok: passed === applicable.length };
}
