// Which laws a letter can lean on: from where the recipient is established and whom it serves, where the subject
// lives (country and US state) and whether the exposure includes photos the subject took. Suggestions with a
// reason, never legal advice; pure, so the table-driven tests document the rules (decision 054).
//
// A recipient's `countries` are read as: the first real country is where it is established (its seat), the
// others and "ALL" where it offers its service. A law is offered only where it reaches both the person (where
// they live) and the recipient (its seat, or its offering a service where the person lives): a recipient that
// lists Ireland or "ALL" does not bring the GDPR or the DSA to a Californian or a Korean.
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

export type RegimeSuggestion = {
  regime: RegimeId;
  name: string;
  reason: string;
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
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const countryInWords = (code: string) => regionNames.of(code) ?? code;
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
      ? `The recipient is established in ${countryInWords(seat)}, so the GDPR applies to its processing (Art 3(1)); a complaint goes to a data-protection authority in the EEA.`
      : home && inEea(home) && serves(inEea)
        ? `You live in ${countryInWords(home)} and the recipient offers its service there, so the GDPR applies (Art 3(2)).`
        : home && inEea(home) && unknown
          ? `You live in ${countryInWords(home)}; the GDPR applies if the recipient offers its service in the EEA (Art 3(2)).`
          : null;
  if (gdprReason)
    out.push({
      regime: "gdpr",
      name: "GDPR",
      reason: gdprReason,
      letterKinds: [...erasure, "regulator-complaint"],
    });

  const ukReason =
    seat === "GB"
      ? "The recipient is established in the UK, so the UK GDPR applies; complaints go to the ICO."
      : home === "GB" && (serves((c) => c === "GB") || unknown)
        ? "You live in the UK and the recipient offers its service there: the UK GDPR applies, complaints go to the ICO."
        : null;
  if (ukReason)
    out.push({
      regime: "uk-gdpr",
      name: "UK GDPR",
      reason: ukReason,
      letterKinds: [...erasure, "regulator-complaint"],
    });

  // US: a state law reaches a business that serves the US (the state's own thresholds decide the rest).
  if (home === "US" && (serves((c) => c === "US") || unknown)) {
    if (region === "CA") {
      out.push({
        regime: "ccpa",
        name: "CCPA / CPRA",
        reason:
          kind === "data_broker"
            ? "You live in California: the CCPA gives a right to deletion, and the Delete Act covers data brokers (DROP)."
            : "You live in California: the CCPA gives a right to deletion (Cal. Civ. Code 1798.105).",
        letterKinds: kind === "data_broker" ? ["ccpa-deletion", "broker-optout"] : ["ccpa-deletion"],
      });
    } else {
      const law = region ? STATE_LAWS[region as keyof typeof STATE_LAWS] : undefined;
      out.push(
        law
          ? {
              regime: "us-state",
              name: law.name,
              reason: `You live in ${law.state}: the ${law.name} gives a right to delete personal data (${law.citation}); the ${law.authority} enforces it.`,
              letterKinds: ["us-state-deletion"],
            }
          : {
              regime: "us-state",
              name: "US state privacy laws",
              reason: region
                ? "Your state has no general privacy law with a right to delete that Retract writes letters for, so no state-law letter is offered; the service's own rules and opt-outs still apply."
                : "Add the US state where the person lives: whether a state privacy law gives a right to delete depends on it.",
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
      reason:
        home === "KR"
          ? "You live in Korea: PIPA Art 36 gives a right to erasure, answered within 10 days (KISA 118 / PIPC if not)."
          : "The recipient is in Korea: PIPA Art 36 gives a right to erasure, answered within 10 days.",
      letterKinds: ["kr-pipa-deletion"],
    });
    if (INTERMEDIARIES.includes(kind)) {
      out.push({
        regime: "kr-icna",
        name: "Korea Network Act (ICNA)",
        reason:
          "A service carrying posts must delete or temporarily block a post that infringes privacy on request, without delay (ICNA Art 44-2); KCSC reviews refusals.",
        letterKinds: ["kr-icna-deletion"],
      });
    }
  }
  // DMCA is US law: offered where the provider serves the US (or the directory does not say).
  if (input.ownPhotos && INTERMEDIARIES.includes(kind) && (serves((c) => c === "US") || unknown)) {
    out.push({
      regime: "dmca",
      name: "DMCA (your own photos)",
      reason: real.includes("US")
        ? "You took the photos, so you hold the copyright; a US provider must act on a DMCA 512(c) notice to keep its safe harbour."
        : "You took the photos, so you hold the copyright; a provider serving the US can act on a DMCA notice (it may be forwarded to the uploader).",
      letterKinds: ["dmca-takedown"],
    });
  }
  // DSA: for a person in the EU, at an intermediary offering its service in the EU; the escalation is the
  // Digital Services Coordinator where the person lives (Art 53), which only an EU resident has.
  if (INTERMEDIARIES.includes(kind) && home && inEu(home) && (serves(inEu) || unknown)) {
    out.push({
      regime: "dsa",
      name: "EU Digital Services Act",
      reason:
        "A hosting service offered in the EU must act on a substantiated notice of illegal content (DSA Art 16) and give reasons (Art 17); the Digital Services Coordinator where you live hears complaints (Art 53).",
      letterKinds: ["dsa-notice"],
    });
  }
  if (kind === "platform" || kind === "host" || kind === "search_engine") {
    out.push({
      regime: "platform-rules",
      name: "The service's own rules",
      reason:
        "Its rules forbid publishing someone's private information; a report through its own channel is usually fastest.",
      letterKinds: ["platform-report"],
    });
  }
  if (kind === "data_broker") {
    out.push({
      regime: "broker-optout",
      name: "Opt-out",
      reason:
        "People-search sites offer an opt-out; a front site's listing goes away when its parent broker removes it.",
      letterKinds: ["broker-optout"],
    });
  }
  return out;
}
