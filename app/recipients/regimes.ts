// Which laws a letter can lean on: from where the recipient is and serves, where the subject lives and
// whether the exposure includes photos the subject took. Suggestions with a reason, never legal advice;
// pure, so the table-driven tests document the rules.
import type { LetterKind, RecipientKind } from "./model";

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

export type RegimeSuggestion = { regime: RegimeId; name: string; reason: string; letterKinds: LetterKind[] };

export type RegimeInput = {
  recipient: { kind: RecipientKind; countries: readonly string[] };
  /** The subject's country of residence (ISO 3166-1 alpha-2) and, for the US, the state ("CA"). */
  residence: { country: string; region?: string | null } | null;
  ownPhotos: boolean;
};

const INTERMEDIARIES: readonly RecipientKind[] = ["platform", "host", "search_engine"];

export function suggestRegimes(input: RegimeInput): RegimeSuggestion[] {
  const kind = input.recipient.kind;
  const countries = input.recipient.countries.map((c) => c.toUpperCase());
  const home = input.residence?.country.toUpperCase() ?? null;
  const region = input.residence?.region?.toUpperCase() ?? null;
  const inEea = (c: string) => EEA_COUNTRIES.includes(c);
  const inEu = (c: string) => (EU_COUNTRIES as readonly string[]).includes(c);
  const eeaSeat = countries.find(inEea);
  const out: RegimeSuggestion[] = [];

  if (kind === "regulator") return out;

  const erasure: LetterKind[] =
    kind === "search_engine" ? ["search-delisting", "gdpr-erasure"] : ["gdpr-erasure"];

  if (eeaSeat || (home && inEea(home))) {
    out.push({
      regime: "gdpr",
      name: "GDPR",
      reason: eeaSeat
        ? `The recipient is established in or serves ${eeaSeat === "ALL" ? "the EU" : eeaSeat}, so the GDPR applies (Art 3(1)).`
        : `You live in ${home}; the GDPR covers anyone offering a service to people in the EEA (Art 3(2)).`,
      letterKinds: [...erasure, "regulator-complaint"],
    });
  }
  if (countries.includes("GB") || home === "GB") {
    out.push({
      regime: "uk-gdpr",
      name: "UK GDPR",
      reason:
        home === "GB"
          ? "You live in the UK; the UK GDPR covers services offered to people there, complaints go to the ICO."
          : "The recipient is established in the UK, so the UK GDPR applies.",
      letterKinds: [...erasure, "regulator-complaint"],
    });
  }
  if (home === "US") {
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
      out.push({
        regime: "us-state",
        name: "US state privacy laws",
        reason: region
          ? `You live in ${region}; check whether your state's privacy law gives a deletion right (many now do).`
          : "Several US states give a deletion right like California's CCPA; which applies depends on your state.",
        letterKinds: ["ccpa-deletion"],
      });
    }
  }
  if (countries.includes("KR") || home === "KR") {
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
          "A service carrying posts must delete or temporarily block a post that infringes privacy on request (ICNA Art 44-2); KCSC reviews refusals.",
        letterKinds: ["kr-icna-deletion"],
      });
    }
  }
  if (input.ownPhotos && INTERMEDIARIES.includes(kind)) {
    out.push({
      regime: "dmca",
      name: "DMCA (your own photos)",
      reason: countries.includes("US")
        ? "You took the photos, so you hold the copyright; a US provider must act on a DMCA 512(c) notice to keep its safe harbour."
        : "You took the photos, so you hold the copyright; most providers accept a DMCA-style notice (it may be forwarded to the uploader).",
      letterKinds: ["dmca-takedown"],
    });
  }
  const euSeat = countries.find((c) => inEu(c) || c === "ALL");
  if (INTERMEDIARIES.includes(kind) && (euSeat || (home && inEu(home)))) {
    out.push({
      regime: "dsa",
      name: "EU Digital Services Act",
      reason:
        "A hosting service offered in the EU must act on a substantiated notice of illegal content (DSA Art 16) and give reasons (Art 17).",
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
