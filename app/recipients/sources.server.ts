// Reads directory data from disk: the vendored snapshot in db/seed-data/directory (normalised records, one
// JSON array per file) or an upstream checkout laid out like shared/data (datenanfragen JSON, data-brokers
// YAML), converting upstream records into directory records with their source ids, sources and quality.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { normaliseDomainKey } from "./match";
import { type Channel, type DirectoryRecord, directoryRecordSchema, type SourceRef } from "./model.server";

// YAML is read only when converting an upstream checkout (a command, not a page): loaded then, not at every
// start-up of the server (cold start).
const requireLazily = createRequire(import.meta.url);
function parseYaml(text: string): unknown {
  return (requireLazily("yaml") as typeof import("yaml")).parse(text);
}

export const SNAPSHOT_FILES = {
  companies: "datenanfragen-companies.json",
  authorities: "datenanfragen-authorities.json",
  brokers: "data-brokers.json",
  curated: "curated.json",
} as const;

export const DATA_BROKERS_REPO = "https://github.com/brianreumere/data-brokers";
export const DATA_BROKERS_COMMIT = "9a33533e6dd9112f820aa8f194a306b897986746";

export type Snapshot = {
  companies: DirectoryRecord[] | null;
  authorities: DirectoryRecord[] | null;
  brokers: DirectoryRecord[] | null;
  curated: DirectoryRecord[] | null;
};

/** Loads whichever layout `dir` has; a part that is absent is `null` and left alone by the importer. */
export function loadSnapshot(dir: string): Snapshot {
  if (Object.values(SNAPSHOT_FILES).some((f) => existsSync(join(dir, f)))) return loadNormalised(dir);
  if (existsSync(join(dir, "datenanfragen")) || existsSync(join(dir, "data-brokers")))
    return convertUpstream(dir);
  throw new Error(`No directory data in ${dir}: expected ${SNAPSHOT_FILES.companies} or datenanfragen/`);
}

function loadNormalised(dir: string): Snapshot {
  const read = (file: string) => {
    const path = join(dir, file);
    if (!existsSync(path)) return null;
    const rows = JSON.parse(readFileSync(path, "utf8")) as unknown[];
    return rows.map((row, i) => {
      const parsed = directoryRecordSchema.safeParse(row);
      if (!parsed.success) throw new Error(`${file}[${i}]: ${parsed.error.message}`);
      return parsed.data;
    });
  };
  return {
    companies: read(SNAPSHOT_FILES.companies),
    authorities: read(SNAPSHOT_FILES.authorities),
    brokers: read(SNAPSHOT_FILES.brokers),
    curated: read(SNAPSHOT_FILES.curated),
  };
}

/** Leaves out empty arrays: the schema's defaults restore them on load. */
function _dropEmpty(_key: string, value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? undefined : value;
}

export function convertUpstream(dir: string): Snapshot {
  const dfa = join(dir, "datenanfragen");
  const brokers = join(dir, "data-brokers");
  return {
    companies: existsSync(join(dfa, "companies.json"))
      ? readJsonArray(join(dfa, "companies.json")).map((r) => fromDatenanfragen(r, "company"))
      : null,
    authorities: existsSync(join(dfa, "supervisory-authorities.json"))
      ? readJsonArray(join(dfa, "supervisory-authorities.json")).map((r) => fromDatenanfragen(r, "regulator"))
      : null,
    brokers: existsSync(join(brokers, "data")) ? fromDataBrokers(brokers) : null,
    curated: null,
  };
}

function readJsonArray(path: string): Record<string, unknown>[] {
  const value = JSON.parse(readFileSync(path, "utf8")) as unknown;
  if (!Array.isArray(value)) throw new Error(`${path} is not a JSON array`);
  return value as Record<string, unknown>[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/**
 * The domain a record's website stands for: its registrable domain when the site is the domain's home page,
 * the host when it's a subdomain, nothing when it is a page on someone else's site (a school's page on a
 * shared WordPress host must not claim the whole host).
 */
export function websiteDomain(web: string | undefined): string | null {
  if (!web) return null;
  let url: URL;
  try {
    url = new URL(web);
  } catch {
    return null;
  }
  const path = url.pathname
    .replace(/\/(?:index\.\w+)?$/, "")
    .replace(/^\/(?:[a-z]{2}(?:[-_][a-z]{2})?)$/i, "");
  if (path !== "" || url.search) return null;
  return normaliseDomainKey(url.hostname);
}

function fromDatenanfragen(r: Record<string, unknown>, kind: "company" | "regulator"): DirectoryRecord {
  const slug = String(r.slug);
  const channels: Channel[] = [];
  const email = str(r.email);
  const webform = str(r.webform);
  const address = str(r.address);
  const preferred = str(r["suggested-transport-medium"]);
  if (email) channels.push({ kind: "email", purpose: "privacy", address: email });
  if (webform) channels.push({ kind: "webform", purpose: "privacy", address: webform });
  if (address) channels.push({ kind: "postal", purpose: "privacy", address });
  const order = { email: "email", webform: "webform", letter: "postal", fax: "postal" } as Record<
    string,
    string
  >;
  if (preferred && order[preferred]) {
    channels.sort((a, b) => Number(b.kind === order[preferred]) - Number(a.kind === order[preferred]));
  }
  const web = str(r.web);
  const domain = websiteDomain(web);
  const extra: Record<string, unknown> = {};
  for (const key of [
    "runs",
    "fax",
    "request-language",
    "complaint-language",
    "required-elements",
    "needs-id-document",
    "suggested-transport-medium",
    "custom-access-template",
    "custom-erasure-template",
    "custom-rectification-template",
    "custom-objection-template",
    "pgp-fingerprint",
    "pgp-url",
    "comments",
    "nsfw",
    "facet-group",
  ]) {
    if (r[key] !== undefined) extra[key] = r[key];
  }
  const quality = str(r.quality);
  return directoryRecordSchema.parse({
    sourceId: kind === "regulator" ? `datenanfragen:sa.${slug}` : `datenanfragen:${slug}`,
    source: "datenanfragen",
    kind,
    // datenanfragen's name is the legal name; its address is the postal channel.
    name: String(r.name),
    countries: strings(r["relevant-countries"]).map((c) => c.toUpperCase()),
    categories: strings(r.categories),
    domains: domain ? [domain] : [],
    channels,
    letterKinds: kind === "regulator" ? ["regulator-complaint"] : ["gdpr-erasure", "gdpr-access"],
    phone: str(r.phone),
    web: web && URL.canParse(web) ? web : undefined,
    sources: strings(r.sources)
      .filter((u) => URL.canParse(u))
      .map((url): SourceRef => ({ url })),
    quality: quality === "verified" || quality === "tested" || quality === "scraped" ? quality : null,
    extra: Object.keys(extra).length ? extra : undefined,
  });
}

type BrokerYaml = {
  names?: string[];
  url?: string;
  removalUrl?: string;
  process?: string;
  helpLinks?: { site?: string; url?: string }[];
  help?: unknown;
  requiredVerification?: unknown;
  status?: { working?: boolean; asOf?: string | Date; workaround?: string };
  notes?: { note?: string; date?: string | Date }[];
};

const isoDay = (d: string | Date | undefined) =>
  d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === "string" ? d.slice(0, 10) : undefined;

function fromDataBrokers(dir: string): DirectoryRecord[] {
  const parentOf = new Map<string, string>();
  const frontsPath = join(dir, "joins", "fronts.yml");
  if (existsSync(frontsPath)) {
    const fronts = parseYaml(readFileSync(frontsPath, "utf8")) as Record<string, string[]>;
    for (const [parent, children] of Object.entries(fronts ?? {})) {
      for (const child of children ?? []) parentOf.set(child, parent);
    }
  }
  const similarOf = new Map<string, string[]>();
  const similarPath = join(dir, "joins", "similar.yml");
  if (existsSync(similarPath)) {
    const groups = parseYaml(readFileSync(similarPath, "utf8")) as string[][];
    for (const group of groups ?? [])
      for (const key of group)
        similarOf.set(
          key,
          group.filter((k) => k !== key),
        );
  }

  const files = readdirSync(join(dir, "data"))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  return files.map((file) => {
    const doc = parseYaml(readFileSync(join(dir, "data", file), "utf8")) as Record<string, BrokerYaml>;
    const [key, b] = Object.entries(doc)[0]!;
    const names = b.names ?? [key];
    const channels: Channel[] = [];
    if (b.removalUrl) {
      channels.push({
        kind: "webform",
        purpose: "privacy",
        address: b.removalUrl,
        label: b.process ? `Opt-out (${b.process.replaceAll("-", " ")})` : "Opt-out",
      });
    }
    const texts = [...(b.notes ?? []).map((n) => n.note ?? ""), b.status?.workaround ?? ""].join("\n");
    for (const email of new Set(texts.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi) ?? [])) {
      channels.push({
        kind: "email",
        purpose: "privacy",
        address: email.toLowerCase(),
        label: "Named in the record's notes",
      });
    }
    const notes = [
      b.status?.working === false
        ? `Opt-out reported not working as of ${isoDay(b.status.asOf)}.`
        : b.status?.working
          ? `Opt-out reported working as of ${isoDay(b.status.asOf)}.`
          : "",
      b.status?.workaround ? `Workaround: ${b.status.workaround}` : "",
      ...(b.notes ?? []).map((n) => `${n.note?.trim() ?? ""}${n.date ? ` (${isoDay(n.date)})` : ""}`),
    ]
      .filter(Boolean)
      .join("\n\n");
    const domains = new Set<string>();
    // A broker's url is its own site, whatever the path: its host stands for it.
    const main = b.url && URL.canParse(b.url) ? normaliseDomainKey(new URL(b.url).hostname) : null;
    if (main) domains.add(main);
    for (const name of names) {
      if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(name)) {
        const d = normaliseDomainKey(name);
        if (d) domains.add(d);
      }
    }
    const parent = parentOf.get(key);
    const tested = typeof b.status?.working === "boolean";
    const sources: SourceRef[] = [
      { url: `${DATA_BROKERS_REPO}/blob/${DATA_BROKERS_COMMIT}/data/${file}` },
      ...(b.url ? [{ url: b.url }] : []),
      ...(b.removalUrl ? [{ url: b.removalUrl, date: isoDay(b.status?.asOf) }] : []),
      ...(b.helpLinks ?? []).filter((h) => h.url).map((h) => ({ url: h.url! })),
    ];
    const extra: Record<string, unknown> = {};
    if (names.length > 1) extra.aliases = names.slice(1);
    if (b.process) extra.process = b.process;
    if (b.status) extra.status = { ...b.status, asOf: isoDay(b.status.asOf) };
    if (b.helpLinks) extra.helpLinks = b.helpLinks;
    if (b.requiredVerification) extra.requiredVerification = b.requiredVerification;
    if (similarOf.has(key)) extra.similar = similarOf.get(key)!.map((k) => `data-brokers:${k}`);
    return directoryRecordSchema.parse({
      sourceId: `data-brokers:${key}`,
      source: "data-brokers",
      kind: "data_broker",
      name: names[0]!,
      countries: ["US"],
      categories: ["people search"],
      domains: [...domains],
      parentSourceId: parent ? `data-brokers:${parent}` : undefined,
      channels,
      letterKinds: ["broker-optout", "ccpa-deletion"],
      web: b.url,
      sources,
      quality: tested ? "tested" : "scraped",
      verified: tested ? isoDay(b.status?.asOf) : undefined,
      notes: notes || undefined,
      extra: Object.keys(extra).length ? extra : undefined,
    });
  });
}
