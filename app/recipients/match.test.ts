import { describe, expect, it } from "vitest";
import { MALFORMED, URL_CASES } from "./fixtures/url-cases";
import {
  buildDomainIndex,
  type DomainEntry,
  matchInIndex,
  normaliseDomainKey,
  parseTarget,
  resolveParentChain,
} from "./match";
import { loadSnapshot } from "./sources.server";

const snapshot = loadSnapshot("db/seed-data/directory");
const records = [
  ...(snapshot.curated ?? []),
  ...(snapshot.brokers ?? []),
  ...(snapshot.companies ?? []),
  ...(snapshot.authorities ?? []),
];
const rankOf = { curated: 10, "data-brokers": 20, datenanfragen: 30 } as const;
const index = buildDomainIndex(
  records.flatMap((r) =>
    r.domains.map((domain): DomainEntry => ({ domain, recipientId: r.sourceId, rank: rankOf[r.source] })),
  ),
);
const parents = new Map(records.map((r) => [r.sourceId, r.parentSourceId ?? null]));

describe("parseTarget", () => {
  it.each([
    ["https://www.bbc.co.uk/news", "bbc.co.uk", ["bbc.co.uk", "bbc.*"]],
    [
      "https://a.b.example.co.kr/x",
      "example.co.kr",
      ["a.b.example.co.kr", "b.example.co.kr", "example.co.kr", "example.*"],
    ],
    ["t.me/channel", "t.me", ["t.me", "t.*"]],
    ["youtu.be/abc", "youtu.be", ["youtu.be", "youtu.*"]],
    ["HTTPS://WWW.Example.COM./Path", "example.com", ["example.com", "example.*"]],
    ["example.com:8443/x", "example.com", ["example.com", "example.*"]],
    ["<https://example.org/a>", "example.org", ["example.org", "example.*"]],
    ["//cdn.example.net/a", "example.net", ["cdn.example.net", "example.net", "example.*"]],
    ["someone.github.io/repo", "someone.github.io", ["someone.github.io", "github.io", "github.*"]],
  ])("%s → %s", (input, domain, candidates) => {
    const t = parseTarget(input);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.domain).toBe(domain);
    expect(t.candidates).toEqual(candidates);
  });

  it("keeps IP addresses and onion services as they are", () => {
    expect(parseTarget("http://[2001:db8::1]/x")).toMatchObject({
      ok: true,
      isIp: true,
      domain: "2001:db8::1",
    });
    const onion = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";
    expect(parseTarget(`http://www.${onion}/a`)).toMatchObject({ ok: true, isOnion: true, domain: onion });
    expect(parseTarget("http://tooshort.onion/")).toMatchObject({ ok: false });
  });

  it.each(MALFORMED)("rejects %j", (input) => {
    expect(parseTarget(input).ok).toBe(false);
  });
});

describe("URL → recipient over the vendored directory", () => {
  it(`has at least 30 cases (${URL_CASES.length})`, () =>
    expect(URL_CASES.length).toBeGreaterThanOrEqual(30));

  it.each(URL_CASES)("$url → $recipient", ({ url, domain, recipient, parent }) => {
    const match = matchInIndex(index, url);
    expect(match).not.toBeNull();
    expect(match?.domain).toBe(domain);
    expect(match?.recipientId).toBe(recipient);
    if (recipient) {
      const chain = resolveParentChain(recipient, (id) => parents.get(id));
      expect(chain[1] ?? undefined).toBe(parent);
    }
  });

  it("answers null for malformed input", () => {
    for (const input of MALFORMED) expect(matchInIndex(index, input)).toBeNull();
  });
});

describe("resolveParentChain", () => {
  it("stops at cycles", () => {
    const parentOf = new Map([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(resolveParentChain("a", (id) => parentOf.get(id))).toEqual(["a", "b"]);
  });
});

describe("normaliseDomainKey", () => {
  it.each([
    ["WWW.Example.com", "example.com"],
    ["people.yellowpages.com", "people.yellowpages.com"],
    ["google.*", "google.*"],
    ["https://sub.example.co.uk/path", "sub.example.co.uk"],
    ["not a domain", null],
  ])("%s → %s", (input, out) => expect(normaliseDomainKey(input)).toBe(out));
});
