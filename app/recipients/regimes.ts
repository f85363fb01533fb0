// Which laws a letter can lean on: from where the recipient is established and whom it serves, where the subject
// lives (country and US state) and whether the exposure includes photos the subject took. Suggestions with a
// reason, never legal advice; pure, so the table-driven tests document the rules (decision 054).
//
// A recipient's `countries` are read as: the first real country is where it is established (its seat), the
// others and "ALL" where it offers its service. A law is offered only where it reaches both the person (where
// they live) and the recipient (its seat, or its offering a service where the person lives): a recipient that
// lists Ireland or "ALL" does not bring the GDPR or the DSA to a Californian or a Korean.
import { inEnglish } from "~/i18n/english.server";
import type { Locale } from "~/i18n/languages";
import type { MessageKey, Translator } from "~/i18n/translate";
import { STATE_LAWS } from "~/requests/compose/state-laws";
import type { Kind } from "~/requests/kinds";
import type { RecipientKind } from "./model.server";

export const EU_COUNTRIES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;
/** GDPR applies in the EEA (EU + Iceland, Liechtenstein, Norway); the DSA in the EU. */
export const EEA_COUNTRIES: readonly string[] = [...EU_COUNTRIES, "IS", "LI", "NO"];

export type RegimeId =
  | "gdpr"
  | "uk-gdpr"
  | "ccpa"
  | "us-state"
  | "kr-pipa"
  | "kr-icna"
  | "dmca"
  | "dsa"
  | "platform-rules"
  | "broker-optout";

/**
 * Why a law applies, as a message: `country` is an ISO code (written as the country's name in the page's
 * language), the others are proper names (a US state law, its citation, the body that enforces it).
 */
export type ReasonMessage = {
  key: MessageKey;
  values?: { country?: string; state?: string; law?: string; citation?: string; authority?: string };
};

export type RegimeSuggestion = {
  regime: RegimeId;
  name: string;
  /** The reason in English (the API, the directory page); `reasonMessage` in the page's language. */
  reason: string;
  reasonMessage: ReasonMessage;
  /** Empty where the law is named only to say why no letter under it is offered (a US state without one). */
  letterKinds: Kind[];
};

export type RegimeInput = {
  recipient: { kind: RecipientKind; countries: readonly string[] };
  /** The subject's country of residence (ISO 3166-1 alpha-2) and, for the US, the state ("CA"). */
  residence: { country: string; region?: string | null } | null;
  ownPhotos: boolean;
};

const INTERMEDIARIES: readonly RecipientKind[] = ["platform", "host", "search_engine"];

const inEea = (c: string) => EEA_COUNTRIES.includes(c);

// Reasons are shown to the person: a country in words ("Belgium"), never its code.
const regionNames = new Map<string, Intl.DisplayNames>();
function countryInWords(locale: string, code: string): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "region" });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** A reason in the words of `t`'s language (the country named in that language). */
export function reasonInWords(t: Translator["t"], locale: Locale, m: ReasonMessage): string {
  const values = m.values ?? {};
  return t(m.key, values.country ? { ...values, country: countryInWords(locale, values.country) } : values);
}

const reasonOf = (key: MessageKey, values?: ReasonMessage["values"]): ReasonMessage =>
  values ? { key, values } : { key };
/** A suggestion's reason: the message, and its English words. */
const because = (m: ReasonMessage) => ({ reason: reasonInWords(inEnglish, "en", m), reasonMessage: m });
const inEu = (c: string) => (EU_COUNTRIES as readonly string[]).includes(c);

export function suggestRegimes(input: RegimeInput): RegimeSuggestion[] {
  const kind = input.recipient.kind;
  const countries = input.recipient.countries.map((c) => c.toUpperCase());
  const real = countries.filter((c) => c !== "ALL");
  /** Where it is established, if the directory says. */
  const seat = real[0] ?? null;
  /** The directory says nothing about where it is or whom it serves (an unknown host). */
  const unknown = countries.length === 0;
  /** It offers its service where `test` holds (or everywhere). */
  const serves = (test: (c: string) => boolean) => countries.includes("ALL") || real.some(test);
  const home = input.residence?.country.toUpperCase() || null;
  const region = input.residence?.region?.toUpperCase() || null;
  const out: RegimeSuggestion[] = [];

  if (kind === "regulator") return out;

  const erasure: Kind[] = kind === "search_engine" ? ["search-delisting", "gdpr-erasure"] : ["gdpr-erasure"];

  // GDPR: Art 3(1) by the recipient's EEA seat (whoever the person is), Art 3(2) by its offering a service
  // to a person living in the EEA.
  const gdprReason =
    seat && inEea(seat)
      ? reasonOf("regimes.reason.gdpr.seat", { country: seat })
      : home && inEea(home) && serves(inEea)
        ? reasonOf("regimes.reason.gdpr.serves", { country: home })
        : home && inEea(home) && unknown
          ? reasonOf("regimes.reason.gdpr.unknown", { country: home })
          : null;
  if (gdprReason)
    out.push({
      regime: "gdpr",
      name: "GDPR",
      ...because(gdprReason),
      letterKinds: [...erasure, "regulator-complaint"],
    });

  const ukReason =
    seat === "GB"
      ? reasonOf("regimes.reason.ukGdpr.seat")
      : home === "GB" && (serves((c) => c === "GB") || unknown)
        ? reasonOf("regimes.reason.ukGdpr.serves")
        : null;
  if (ukReason)
    out.push({
      regime: "uk-gdpr",
      name: "UK GDPR",
      ...because(ukReason),
      letterKinds: [...erasure, "regulator-complaint"],
    });

  // US: a state law reaches a business that serves the US (the state's own thresholds decide the rest).
  if (home === "US" && (serves((c) => c === "US") || unknown)) {
    if (region === "CA") {
      out.push({
        regime: "ccpa",
        name: "CCPA / CPRA",
        ...because(
          reasonOf(kind === "data_broker" ? "regimes.reason.ccpa.broker" : "regimes.reason.ccpa.plain"),
        ),
        letterKinds: kind === "data_broker" ? ["ccpa-deletion", "broker-optout"] : ["ccpa-deletion"],
      });
    } else {
      const law = region ? STATE_LAWS[region as keyof typeof STATE_LAWS] : undefined;
      out.push(
        law
          ? {
              regime: "us-state",
              name: law.name,
              ...because(
                reasonOf("regimes.reason.usState.law", {
                  state: law.state,
                  law: law.name,
                  citation: law.citation,
                  authority: law.authority,
                }),
              ),
              letterKinds: ["us-state-deletion"],
            }
          : {
              regime: "us-state",
              name: "US state privacy laws",
              ...because(
                reasonOf(region ? "regimes.reason.usState.noLaw" : "regimes.reason.usState.noState"),
              ),
              letterKinds: [],
            },
      );
    }
  }

  // Korea: PIPA reaches a handler in Korea for anyone, and a service offered in Korea for people living there.
  const serveKr = serves((c) => c === "KR") || unknown;
  if (real.includes("KR") || (home === "KR" && serveKr)) {
    out.push({
      regime: "kr-pipa",
      name: "Korea PIPA",
      ...because(reasonOf(home === "KR" ? "regimes.reason.krPipa.resident" : "regimes.reason.krPipa.seat")),
      letterKinds: ["kr-pipa-deletion"],
    });
    if (INTERMEDIARIES.includes(kind)) {
      out.push({
        regime: "kr-icna",
        name: "Korea Network Act (ICNA)",
        ...because(reasonOf("regimes.reason.krIcna")),
        letterKinds: ["kr-icna-deletion"],
      });
    }
  }
  // DMCA is US law: offered where the provider serves the US (or the directory does not say).
  if (input.ownPhotos && INTERMEDIARIES.includes(kind) && (serves((c) => c === "US") || unknown)) {
    out.push({
      regime: "dmca",
      name: "DMCA (your own photos)",
      ...because(reasonOf(real.includes("US") ? "regimes.reason.dmca.us" : "regimes.reason.dmca.serves")),
      letterKinds: ["dmca-takedown"],
    });
  }
  // DSA: for a person in the EU, at an intermediary offering its service in the EU; the escalation is the
  // Digital Services Coordinator where the person lives (Art 53), which only an EU resident has.
  if (INTERMEDIARIES.includes(kind) && home && inEu(home) && (serves(inEu) || unknown)) {
    out.push({
      regime: "dsa",
      name: "EU Digital Services Act",
      ...because(reasonOf("regimes.reason.dsa")),
      letterKinds: ["dsa-notice"],
    });
  }
  if (kind === "platform" || kind === "host" || kind === "search_engine") {
    out.push({
      regime: "platform-rules",
      name: "The service's own rules",
      ...because(reasonOf("regimes.reason.platform")),
      letterKinds: ["platform-report"],
    });
  }
  if (kind === "data_broker") {
    out.push({
      regime: "broker-optout",
      name: "Opt-out",
      ...because(reasonOf("regimes.reason.broker")),
      letterKinds: ["broker-optout"],
    });
  }
  return out;
}

/**
 * Each regime's name in the page's language. A US state's own law is the one name kept as the law calls itself
 * (`RegimeSuggestion.name`, English); without a state law the page says "US state privacy laws" in words.
 */
export const REGIME_NAME_MESSAGES = {
  gdpr: "regimes.name.gdpr",
  "uk-gdpr": "regimes.name.ukGdpr",
  ccpa: "regimes.name.ccpa",
  "us-state": "regimes.name.usStateNone",
  "kr-pipa": "regimes.name.krPipa",
  "kr-icna": "regimes.name.krIcna",
  dmca: "regimes.name.dmca",
  dsa: "regimes.name.dsa",
  "platform-rules": "regimes.name.platformRules",
  "broker-optout": "regimes.name.brokerOptout",
} as const satisfies Record<RegimeId, MessageKey>;
