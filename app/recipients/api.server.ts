// What the public directory routes share: per-IP limits and the JSON shapes of /api/v1/recipients*.
import { createIpLimiter } from "~/auth/rate-limit.server";
import type { MatchedRecipient, RecipientSummary } from "./directory.server";

/** Searches and matches per client address: generous for a person, a brake for a scraper. */
export const allowDirectoryRequest = createIpLimiter("directory", 120, 60);

export type ApiRecipient = {
  id: string;
  name: string;
  kind: string;
  countries: string[];
  channels: { kind: string; purpose: string; address: string }[];
  parent: ApiRecipient | null;
  /** Only with `include=quality` (the exposure form shows how fresh a record is). */
  quality?: string | null;
  verifiedOn?: string | null;
};

/** The shape; `withQuality` adds the record's quality and check date (opt-in, for Retract's form). */
export function toApiRecipient(r: MatchedRecipient | null, withQuality = false): ApiRecipient | null {
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    countries: r.countries,
    channels: r.channels.map((c) => ({ kind: c.kind, purpose: c.purpose, address: c.address })),
    parent: toApiRecipient(r.parent, withQuality),
    ...(withQuality ? { quality: r.quality, verifiedOn: r.verifiedOn } : {}),
  };
}

export function toApiSummary(r: RecipientSummary) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    countries: r.countries,
    categories: r.categories,
    domains: r.domains,
    quality: r.quality,
    verifiedOn: r.verifiedOn,
    source: r.source,
    parentId: r.parentId,
  };
}

export const noStore = { "Cache-Control": "no-store" } as const;

export function tooMany(retryAfter: number) {
  return Response.json(
    { error: "Too many requests from this address. Please wait a moment." },
    { status: 429, headers: { ...noStore, "Retry-After": String(retryAfter) } },
  );
}
