// The variables a letter template may use, as one zod schema: read by the renderer, the template checker and
// the actions (server only). The vocabularies (languages, regimes, platforms, rights) are plain lists in
// ./variables, shared with the pages; the enums here are derived from them.
import { z } from "zod";
import { RULE_IDS } from "~/deadlines/rules";
import { KIND_IDS } from "~/requests/kinds";
import { LANGS, PLATFORMS, REFERENCE_PATTERN, REGIMES, RIGHTS } from "./variables";

// The enums of the vocabularies in ./variables (their types are there too).
export const Lang = z.enum(LANGS);
export const Kind = z.enum(KIND_IDS);
export const Regime = z.enum(REGIMES);
export const DeadlineRule = z.enum(RULE_IDS);
export const Platform = z.enum(PLATFORMS);
export const Right = z.enum(RIGHTS);

/** `YYYY-MM-DD`, or "" while a draft is incomplete (assertSendable refuses blanks). */
export const IsoDate = z.union([z.literal(""), z.iso.date()]);

/** Letter reference for threading replies, e.g. `RX-7KQ2-M9`. */
export const Reference = z.union([z.literal(""), z.string().regex(REFERENCE_PATTERN)]);

// Optional leaves default to null so strict Liquid rendering never meets an undefined property.
const opt = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const optText = () => opt(z.string());
const list = <T extends z.ZodType>(schema: T) => z.array(schema).default([]);

export const Person = z.object({
  name: z.string(),
  email: z.string(),
  phone: optText(),
  postalAddress: optText(),
  /** Country of residence as written in the letter ("Germany", "Deutschland"). */
  country: optText(),
});

export const Representative = z.object({
  name: z.string(),
  organisation: optText(),
  email: z.string(),
  phone: optText(),
  address: optText(),
  /** Date the requester signed the letter of authority (the mandate). */
  mandateDate: opt(IsoDate),
});

export const Recipient = z.object({
  /** Display name, e.g. "Example People Search". */
  name: optText(),
  /** The legal entity that answers for it, e.g. "Example Data Inc.". */
  legalEntity: z.string(),
  address: optText(),
  email: optText(),
  /** The channel the letter goes to, in words: "privacy@example.com", "designated DMCA agent". */
  channelLabel: z.string(),
  /** Web form or report page, when the channel is a form. */
  url: optText(),
  /** Country as written in the letter. */
  country: optText(),
});

export const Exposure = z.object({
  url: z.string(),
  /** What is exposed at that URL, in the letter's language ("home address", "Wohnanschrift"). */
  exposedLabels: list(z.string()),
  /** Where the requester found it, e.g. "Google search for my name". */
  foundOn: optText(),
  /** Post or message number, where the site has one (Korean boards, Telegram). */
  postId: optText(),
  /** Why this result is inadequate, irrelevant or excessive (search delisting). */
  reason: optText(),
});

export const Authority = z.object({
  name: z.string(),
  shortName: optText(),
  address: optText(),
  url: optText(),
});

export const Work = z.object({
  title: z.string(),
  description: z.string(),
  /** Where the requester's original is (their own account or storage), when it is online. */
  originalUrl: optText(),
  createdOn: opt(IsoDate),
});

export const PreviousLetter = z.object({
  date: IsoDate,
  reference: Reference,
  /** How it was sent, e.g. "email to privacy@example.com". */
  channelLabel: z.string(),
});

export const RightExercised = z.object({
  right: Right,
  date: IsoDate,
  reference: optText(),
});

export const TimelineEntry = z.object({
  date: IsoDate,
  event: z.string(),
});

export const StateLaw = z.object({
  state: z.string(),
  name: z.string(),
  citation: z.string(),
  /** The Attorney General who enforces it ("Attorney General of Virginia"), the letter's escalation. */
  authority: z.string(),
});
export type StateLaw = z.input<typeof StateLaw>;

export const OptOut = z.object({
  url: z.string(),
  steps: list(z.string()),
  /** The parent broker a front site feeds, when there is one. */
  parent: optText(),
});

export const MandateScope = z.object({
  /** The requests the representative may make, one line each, e.g. "erasure request to Example Ltd". */
  requests: list(z.string()),
  validUntil: opt(IsoDate),
});

/** Every variable any template may use. All keys are present after parsing (null / [] when absent). */
export const LetterVariables = z.object({
  date: IsoDate,
  dueDate: opt(IsoDate),
  /** The deadline rule in words, in the letter's language (see `ruleInWords`). */
  dueRule: optText(),
  extendedDue: opt(IsoDate),
  reference: Reference,
  regime: Regime,
  requester: Person,
  representative: opt(Representative),
  /** Who the letter is addressed to (for a complaint: the authority). Every template but `mandate` needs it. */
  recipient: opt(Recipient),
  exposures: list(Exposure),
  /** Handles, email addresses or phone numbers that help the recipient find the data. */
  identifiers: list(z.string()),
  authority: opt(Authority),
  /** Art 21(1) "particular situation" / the harm, in the requester's words (also the ICNA 소명). */
  particularSituation: optText(),
  /** DSA Art 16(2)(a): why the content is illegal. */
  illegalityExplanation: optText(),
  /** Search delisting: the name(s) searched. */
  searchTerms: list(z.string()),
  /** DMCA: the requester's own photos. */
  works: list(Work),
  platform: opt(Platform),
  previousLetter: opt(PreviousLetter),
  /** Follow-up: the short final date (14 days). */
  finalDate: opt(IsoDate),
  /** Complaint: the controller complained about (the recipient is the authority). */
  respondent: opt(Recipient),
  rightsExercised: list(RightExercised),
  timeline: list(TimelineEntry),
  /** Complaint: the controller's answer in short, or null when it stayed silent. */
  responseSummary: optText(),
  evidence: list(z.string()),
  stateLaw: opt(StateLaw),
  optOut: opt(OptOut),
  mandate: opt(MandateScope),
});
export type LetterVariables = z.output<typeof LetterVariables>;
export type LetterVariablesInput = z.input<typeof LetterVariables>;
export type VariableName = keyof LetterVariables;
export const VARIABLE_NAMES = Object.keys(LetterVariables.shape) as VariableName[];

// ── Variable paths ──────────────────────────────────────────────────────────────────────────────
// Templates declare what they need as paths: `requester.name`, `exposures`, `exposures[].url`.

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

function collectPaths(schema: z.ZodType, prefix: string, out: string[]): void {
  const s = unwrap(schema);
  if (prefix) out.push(prefix);
  if (s instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      collectPaths(child, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (s instanceof z.ZodArray) {
    const element = unwrap(s.element as z.ZodType);
    if (element instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(element.shape as Record<string, z.ZodType>)) {
        collectPaths(child, `${prefix}[].${key}`, out);
      }
    }
  }
}

/** Every path a template may declare in its front matter. */
export const KNOWN_PATHS: ReadonlySet<string> = (() => {
  const out: string[] = [];
  collectPaths(LetterVariables, "", out);
  return new Set(out);
})();

export function isKnownPath(path: string): boolean {
  return KNOWN_PATHS.has(path);
}
