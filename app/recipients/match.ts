// URL → recipient, by the public suffix list: which domain is responsible for a pasted address, and which
// recipient in the directory answers for it (longest host first, then front → parent). Pure: no database.
import { parse } from "tldts";

export type ParsedTarget =
  | {
      ok: true;
      /** The host as typed, lower-cased, without a trailing dot or "www.". */
      host: string;
      /**
       * What the user should see as "the domain": the registrable domain with private suffixes respected
       * (someone.github.io, foo.blogspot.com), the onion address, or the IP address.
       */
      domain: string;
      /** Keys to look up in the domain index, most specific first. */
      candidates: string[];
      isIp: boolean;
      isOnion: boolean;
    }
  | { ok: false; reason: "empty" | "not-a-web-address" | "no-host" | "not-a-domain" };

const MAX_INPUT = 4096;

/**
 * Parses what a person pastes: a full URL, a bare domain ("t.me/channel"), a host with a port, with stray
 * spaces or angle brackets around it. Only http(s) addresses are web addresses.
 */
export function parseTarget(input: string): ParsedTarget {
  let text = input
    .trim()
    .replace(/^<(.*)>$/, "$1")
    .trim();
  if (!text) return { ok: false, reason: "empty" };
  if (text.length > MAX_INPUT) return { ok: false, reason: "not-a-web-address" };
  if (/\s/.test(text)) return { ok: false, reason: "not-a-web-address" };

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  // "example.com:8080/x" looks like a scheme to a URL parser; a scheme is only one when followed by "//"
  // or when it is a known non-web scheme (mailto:, javascript:, data:).
  if (scheme && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (scheme !== "http" && scheme !== "https") return { ok: false, reason: "not-a-web-address" };
  } else if (scheme && !/^[^/]*\.[^/]*:\d+/.test(text) && !/^[^:]+:\d+(?:\/|$)/.test(text)) {
    return { ok: false, reason: "not-a-web-address" };
  } else {
    text = `http://${text.replace(/^\/\//, "")}`;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "not-a-web-address" };
  }
  let hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!hostname) return { ok: false, reason: "no-host" };
  if (hostname.startsWith("[") && hostname.endsWith("]")) hostname = hostname.slice(1, -1);

  const parsed = parse(hostname, { allowPrivateDomains: true });
  if (parsed.isIp) {
    return { ok: true, host: hostname, domain: hostname, candidates: [hostname], isIp: true, isOnion: false };
  }
  if (parsed.publicSuffix === "onion") {
    // v3 onion services are 56 base32 characters; subdomains of an onion belong to the same service.
    const labels = hostname.split(".");
    const service = labels.slice(-2).join(".");
    if (!/^[a-z2-7]{16}(?:[a-z2-7]{40})?\.onion$/.test(service)) return { ok: false, reason: "not-a-domain" };
    return { ok: true, host: hostname, domain: service, candidates: [service], isIp: false, isOnion: true };
  }
  // No registrable domain: a bare public suffix ("co.uk"), "localhost", or a suffix the list doesn't know.
  if (!parsed.domain || (!parsed.isIcann && !parsed.isPrivate)) return { ok: false, reason: "not-a-domain" };
  const icann = parse(hostname, { allowPrivateDomains: false });
  const icannDomain = icann.domain;
  if (!icannDomain || !parsed.domain) return { ok: false, reason: "not-a-domain" };

  const host = hostname.replace(/^www\d*\./, "");
  const candidates: string[] = [];
  // Walk from the full host up to the ICANN registrable domain, so a host entry (people.yellowpages.com,
  // docs.google.com) wins over the domain entry, and a private-suffix site (x.github.io) falls back to the
  // platform that hosts it (github.io).
  const labels = host.split(".");
  const icannLabels = icannDomain.split(".").length;
  for (let i = 0; labels.length - i >= icannLabels; i++) candidates.push(labels.slice(i).join("."));
  if (!candidates.includes(icannDomain)) candidates.push(icannDomain);
  if (icann.domainWithoutSuffix) candidates.push(`${icann.domainWithoutSuffix}.*`);

  return { ok: true, host, domain: parsed.domain, candidates, isIp: false, isOnion: false };
}

/** One row of the domain index: a domain key, the recipient it names, and how strongly (lower wins). */
export type DomainEntry = { domain: string; recipientId: string; rank: number };

export type DomainIndex = Map<string, DomainEntry[]>;

export function buildDomainIndex(entries: Iterable<DomainEntry>): DomainIndex {
  const index: DomainIndex = new Map();
  for (const entry of entries) {
    const list = index.get(entry.domain) ?? [];
    list.push(entry);
    index.set(entry.domain, list);
  }
  for (const list of index.values()) list.sort(compareEntries);
  return index;
}

function compareEntries(a: DomainEntry, b: DomainEntry): number {
  return a.rank - b.rank || a.recipientId.localeCompare(b.recipientId);
}

/** The best entry for a parsed target: the most specific candidate that has any entry, its best rank. */
export function lookupCandidates(
  candidates: readonly string[],
  find: (domain: string) => readonly DomainEntry[] | undefined,
): DomainEntry | null {
  for (const candidate of candidates) {
    const entries = find(candidate);
    if (entries && entries.length > 0) return [...entries].sort(compareEntries)[0]!;
  }
  return null;
}

export type IndexMatch = { domain: string; matchedDomain: string | null; recipientId: string | null };

/** URL → recipient id against an in-memory index; `null` for a malformed URL. */
export function matchInIndex(index: DomainIndex, input: string): IndexMatch | null {
  const target = parseTarget(input);
  if (!target.ok) return null;
  const entry = lookupCandidates(target.candidates, (d) => index.get(d));
  return {
    domain: target.domain,
    matchedDomain: entry?.domain ?? null,
    recipientId: entry?.recipientId ?? null,
  };
}

/**
 * Follows front → parent links to the recipient that holds the data; stops at a cycle or after 8 hops so a
 * bad correction can never loop. Returns the chain from the front to the last parent.
 */
export function resolveParentChain(
  id: string,
  parentOf: (id: string) => string | null | undefined,
): string[] {
  const chain = [id];
  let current = id;
  for (let hop = 0; hop < 8; hop++) {
    const parent = parentOf(current);
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** A domain key as stored: lower case, no "www.", no trailing dot; `null` if it is no domain at all. */
export function normaliseDomainKey(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/\.$/, "");
  if (/^[a-z0-9-]+\.\*$/.test(v)) return v;
  const target = parseTarget(v);
  if (!target.ok) return null;
  return target.isIp || target.isOnion ? target.domain : target.host;
}
