// Search URL templates (decision 119): only https with the checklist's placeholders; set for the search engines
// from their public search addresses and for no people-search broker (none is invented).
import { describe, expect, it } from "vitest";
import { SEED_DIRECTORY } from "./import.server";
import { directoryRecordSchema } from "./model.server";
import { loadSnapshot } from "./sources.server";

const record = (searchUrl: string) =>
  directoryRecordSchema.safeParse({
    sourceId: "curated:example",
    source: "curated",
    kind: "search_engine",
    name: "Example",
    sources: [{ url: "https://example.com/" }],
    quality: "verified",
    searchUrl,
  });

describe("search URL templates", () => {
  it("accepts https with {query}, {name} or {region} and refuses anything else", () => {
    expect(record("https://example.com/search?q={query}").success).toBe(true);
    expect(record("https://example.com/p/{name}/{region}").success).toBe(true);
    expect(record("http://example.com/search?q={query}").success).toBe(false);
    expect(record("https://example.com/search").success).toBe(false);
    expect(record("https://example.com/search?q={query}&e={email}").success).toBe(false);
  });

  it("is set for Google, Bing and DuckDuckGo and for no broker in the vendored directory", () => {
    const snapshot = loadSnapshot(SEED_DIRECTORY);
    const all = Object.values(snapshot).flatMap((part) => part ?? []);
    const withTemplate = Object.fromEntries(
      all.filter((r) => r.searchUrl).map((r) => [r.sourceId, r.searchUrl]),
    );
    expect(withTemplate).toEqual({
      "curated:google": "https://www.google.com/search?q={query}",
      "curated:bing": "https://www.bing.com/search?q={query}",
      "datenanfragen:duckduckgo": "https://duckduckgo.com/?q={query}",
    });
  });
});
