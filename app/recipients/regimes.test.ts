import { describe, expect, it } from "vitest";
import { entityFor, postalFor } from "./entities.server";
import { type RegimeInput, suggestRegimes } from "./regimes";

type Case = { name: string; input: RegimeInput; regimes: string[]; letters?: string[] };

const CASES: Case[] = [
  {
    name: "German resident, own photos on X",
    input: {
      recipient: { kind: "platform", countries: ["US", "IE", "ALL"] },
      residence: { country: "DE" },
      ownPhotos: true,
    },
    regimes: ["gdpr", "dmca", "dsa", "platform-rules"],
    letters: ["gdpr-erasure", "regulator-complaint", "dmca-takedown", "dsa-notice", "platform-report"],
  },
  {
    name: "UK resident, Google Search: the UK GDPR, not the EU's GDPR or DSA",
    input: {
      recipient: { kind: "search_engine", countries: ["US", "IE", "ALL"] },
      residence: { country: "GB" },
      ownPhotos: false,
    },
    regimes: ["uk-gdpr", "platform-rules"],
    letters: ["search-delisting", "gdpr-erasure", "regulator-complaint", "platform-report"],
  },
  {
    name: "Texan, US data broker: Texas's own law",
    input: {
      recipient: { kind: "data_broker", countries: ["US"] },
      residence: { country: "US", region: "TX" },
      ownPhotos: false,
    },
    regimes: ["us-state", "broker-optout"],
    letters: ["us-state-deletion", "broker-optout"],
  },
  {
    name: "Korean resident, Korean portal, own photos: no DMCA (not a US service)",
    input: {
      recipient: { kind: "platform", countries: ["KR"] },
      residence: { country: "KR" },
      ownPhotos: true,
    },
    regimes: ["kr-pipa", "kr-icna", "platform-rules"],
  },
  {
    name: "Korean resident, German company: the GDPR by its seat (Art 3(1)); PIPA does not reach it",
    input: {
      recipient: { kind: "company", countries: ["DE"] },
      residence: { country: "KR" },
      ownPhotos: false,
    },
    regimes: ["gdpr"],
  },
  {
    name: "US resident (no state), EU host: GDPR by its seat, and a note to add the state",
    input: {
      recipient: { kind: "host", countries: ["DE", "FI", "US"] },
      residence: { country: "US" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "us-state", "platform-rules"],
    letters: ["gdpr-erasure", "regulator-complaint", "platform-report"],
  },
  {
    name: "Norwegian resident: GDPR (EEA) but no DSA (not in force in the EEA states outside the EU)",
    input: {
      recipient: { kind: "host", countries: ["US", "ALL"] },
      residence: { country: "NO" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "platform-rules"],
  },
  {
    name: "No residence known, paste site with no countries",
    input: { recipient: { kind: "platform", countries: [] }, residence: null, ownPhotos: false },
    regimes: ["platform-rules"],
  },
  {
    name: "A regulator is a complaint route, not a letter target",
    input: {
      recipient: { kind: "regulator", countries: ["GB"] },
      residence: { country: "GB" },
      ownPhotos: true,
    },
    regimes: [],
  },
];

describe("suggestRegimes", () => {
  it.each(CASES)("$name", ({ input, regimes, letters }) => {
    const out = suggestRegimes(input);
    expect(out.map((r) => r.regime)).toEqual(regimes);
    for (const r of out) {
      expect(r.reason.length).toBeGreaterThan(20);
      expect(r.reason).not.toMatch(/\n/);
    }
    if (letters) expect([...new Set(out.flatMap((r) => r.letterKinds))]).toEqual(letters);
  });
});

// The acceptance table: residents of BE, DE, KR, US-CA and US-VA at Telegram, X, Meta, Google Search,
// Naver and a data broker. Every letter offered is one whose law reaches both the person and the recipient.
const RECIPIENTS = {
  telegram: { kind: "platform", countries: ["AE", "ALL"] },
  x: { kind: "platform", countries: ["US", "IE", "ALL"] },
  meta: { kind: "platform", countries: ["US", "IE", "ALL"] },
  google: { kind: "search_engine", countries: ["US", "IE", "ALL"] },
  naver: { kind: "platform", countries: ["KR"] },
  broker: { kind: "data_broker", countries: ["US"] },
} as const;
const RESIDENTS = {
  BE: { country: "BE" },
  DE: { country: "DE" },
  KR: { country: "KR" },
  "US-CA": { country: "US", region: "CA" },
  "US-VA": { country: "US", region: "VA" },
} as const;
type Who = keyof typeof RESIDENTS;
type Where = keyof typeof RECIPIENTS;

const EU_PLATFORM = ["gdpr-erasure", "regulator-complaint", "dsa-notice", "platform-report"];
const KOREAN = ["kr-pipa-deletion", "kr-icna-deletion", "platform-report"];
const EXPECTED: Record<Who, Record<Where, string[]>> = {
  BE: {
    telegram: EU_PLATFORM,
    x: EU_PLATFORM,
    meta: EU_PLATFORM,
    google: ["search-delisting", ...EU_PLATFORM],
    naver: KOREAN,
    broker: ["broker-optout"],
  },
  DE: {
    telegram: EU_PLATFORM,
    x: EU_PLATFORM,
    meta: EU_PLATFORM,
    google: ["search-delisting", ...EU_PLATFORM],
    naver: KOREAN,
    broker: ["broker-optout"],
  },
  KR: { telegram: KOREAN, x: KOREAN, meta: KOREAN, google: KOREAN, naver: KOREAN, broker: ["broker-optout"] },
  "US-CA": {
    telegram: ["ccpa-deletion", "platform-report"],
    x: ["ccpa-deletion", "platform-report"],
    meta: ["ccpa-deletion", "platform-report"],
    google: ["ccpa-deletion", "platform-report"],
    naver: KOREAN,
    broker: ["ccpa-deletion", "broker-optout"],
  },
  "US-VA": {
    telegram: ["us-state-deletion", "platform-report"],
    x: ["us-state-deletion", "platform-report"],
    meta: ["us-state-deletion", "platform-report"],
    google: ["us-state-deletion", "platform-report"],
    naver: KOREAN,
    broker: ["us-state-deletion", "broker-optout"],
  },
};

const TABLE = (Object.keys(RESIDENTS) as Who[]).flatMap((who) =>
  (Object.keys(RECIPIENTS) as Where[]).map((where) => ({ who, where, letters: EXPECTED[who][where] })),
);

describe("routing table: resident × recipient → letters and escalation", () => {
  it.each(TABLE)("$who at $where", ({ who, where, letters }) => {
    const out = suggestRegimes({
      recipient: { ...RECIPIENTS[where], countries: [...RECIPIENTS[where].countries] },
      residence: RESIDENTS[who],
      ownPhotos: false,
    });
    expect([...new Set(out.flatMap((r) => r.letterKinds))]).toEqual(letters);
    const text = out.map((r) => r.reason).join(" ");
    const eu = who === "BE" || who === "DE";
    // No EU law is offered, or even named, to someone it does not protect.
    if (!eu) expect(text).not.toMatch(/GDPR|Digital Services|Art 77/);
    // The escalation each reason names is a real body for that law.
    for (const r of out) {
      if (r.regime === "dsa") expect(r.reason).toContain("Digital Services Coordinator where you live");
      if (r.regime === "us-state") expect(r.reason).toContain("Attorney General of Virginia");
      if (r.regime === "us-state") expect(r.reason).toContain("Va. Code § 59.1-577");
      if (r.regime === "ccpa") expect(r.reason).toContain("California");
      if (r.regime === "kr-pipa") expect(r.reason).toMatch(/PIPC|10 days/);
    }
  });

  it("a US resident in a state without such a law gets no state letter, and is told why", () => {
    const out = suggestRegimes({
      recipient: { kind: "platform", countries: ["US", "IE", "ALL"] },
      residence: { country: "US", region: "WY" },
      ownPhotos: false,
    });
    const state = out.find((r) => r.regime === "us-state");
    expect(state?.letterKinds).toEqual([]);
    expect(state?.reason).toMatch(/no general privacy law with a right to delete/);
    expect(out.flatMap((r) => r.letterKinds)).toEqual(["platform-report"]);
  });
});

describe("the entity a letter names", () => {
  const x = {
    effective: { name: "X (Twitter)", legalEntity: "X Corp.", address: null },
    extra: {
      eea: {
        legalEntity: "Twitter International Unlimited Company",
        address: "Twitter International Unlimited Company\nOne Cumberland Place",
      },
    },
  };
  const meta = {
    effective: { name: "Meta", legalEntity: "Meta Platforms, Inc.", address: null },
    extra: { eea: { legalEntity: "Meta Platforms Ireland Limited" } },
  };
  const postal = [
    {
      kind: "postal" as const,
      purpose: "privacy" as const,
      address: "Meta Platforms Ireland Limited\nMerrion Road",
    },
    { kind: "postal" as const, purpose: "general" as const, address: "Meta Platforms, Inc.\n1 Meta Way" },
  ];

  it("GDPR and DSA letters go to the EEA entity, the others to the record's own", () => {
    expect(entityFor(x, "gdpr").legalEntity).toBe("Twitter International Unlimited Company");
    expect(entityFor(x, "dsa").legalEntity).toBe("Twitter International Unlimited Company");
    expect(entityFor(x, "ccpa").legalEntity).toBe("X Corp.");
    expect(entityFor(x, "us-state").legalEntity).toBe("X Corp.");
    expect(entityFor(x, "platform").legalEntity).toBe("X Corp.");
  });

  it("a letter by post goes to the address of the entity it names", () => {
    expect(postalFor(meta, postal, "gdpr")).toMatch(/^Meta Platforms Ireland Limited/);
    expect(postalFor(meta, postal, "ccpa")).toMatch(/^Meta Platforms, Inc\./);
    expect(postalFor(x, [], "gdpr")).toMatch(/^Twitter International/);
    expect(postalFor(x, [], "ccpa")).toBeNull();
  });
});

describe("reasons are written for the person", () => {
  it("names countries in words, never by their code", () => {
    for (const country of ["BE", "DE", "IE", "FR", "KR", "US"]) {
      for (const countries of [["IE"], ["US", "ALL"], [], ["KR"]]) {
        const out = suggestRegimes({
          recipient: { kind: "platform", countries },
          residence: { country, region: country === "US" ? "VA" : null },
          ownPhotos: true,
        });
        for (const s of out) expect(s.reason, s.reason).not.toMatch(/\b(?:in|live in) [A-Z]{2}\b/);
      }
    }
    const be = suggestRegimes({
      recipient: { kind: "platform", countries: ["US", "ALL"] },
      residence: { country: "BE" },
      ownPhotos: false,
    });
    expect(be.find((s) => s.regime === "gdpr")?.reason).toContain("You live in Belgium");
  });
});
