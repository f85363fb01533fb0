import { describe, expect, it } from "vitest";
import { type RegimeInput, suggestRegimes } from "./regimes";

type Case = { name: string; input: RegimeInput; regimes: string[]; letters?: string[] };

const CASES: Case[] = [
  {
    name: "German resident, Telegram (UAE, serves everywhere)",
    input: {
      recipient: { kind: "platform", countries: ["AE", "ALL"] },
      residence: { country: "DE" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "dsa", "platform-rules"],
  },
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
    name: "UK resident, Google Search",
    input: {
      recipient: { kind: "search_engine", countries: ["US", "IE", "ALL"] },
      residence: { country: "GB" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "uk-gdpr", "dsa", "platform-rules"],
    letters: ["search-delisting", "gdpr-erasure", "regulator-complaint", "dsa-notice", "platform-report"],
  },
  {
    name: "Californian, US data broker",
    input: {
      recipient: { kind: "data_broker", countries: ["US"] },
      residence: { country: "US", region: "CA" },
      ownPhotos: false,
    },
    regimes: ["ccpa", "broker-optout"],
    letters: ["ccpa-deletion", "broker-optout"],
  },
  {
    name: "Texan, US data broker",
    input: {
      recipient: { kind: "data_broker", countries: ["US"] },
      residence: { country: "US", region: "TX" },
      ownPhotos: false,
    },
    regimes: ["us-state", "broker-optout"],
  },
  {
    name: "Korean resident, Korean portal, own photos",
    input: {
      recipient: { kind: "platform", countries: ["KR"] },
      residence: { country: "KR" },
      ownPhotos: true,
    },
    regimes: ["kr-pipa", "kr-icna", "dmca", "platform-rules"],
  },
  {
    name: "Korean resident, German company",
    input: {
      recipient: { kind: "company", countries: ["DE"] },
      residence: { country: "KR" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "kr-pipa"],
  },
  {
    name: "US resident (no state), EU host",
    input: {
      recipient: { kind: "host", countries: ["DE", "FI"] },
      residence: { country: "US" },
      ownPhotos: false,
    },
    regimes: ["gdpr", "us-state", "dsa", "platform-rules"],
  },
  {
    name: "Norwegian resident: GDPR (EEA) but DSA only by the provider's EU presence",
    input: { recipient: { kind: "host", countries: ["US"] }, residence: { country: "NO" }, ownPhotos: false },
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
