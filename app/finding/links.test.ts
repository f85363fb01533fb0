import { describe, expect, it } from "vitest";
import { homePage, searchLink } from "./links";

describe("search links", () => {
  it("fills the query with the name and region, URL-encoded", () => {
    expect(
      searchLink("https://www.bing.com/search?q={query}", {
        name: "Zoë  O'Brien & Söhne",
        region: "Baden-Württemberg",
      }),
    ).toBe("https://www.bing.com/search?q=Zo%C3%AB%20O'Brien%20%26%20S%C3%B6hne%20Baden-W%C3%BCrttemberg");
  });

  it("leaves the region out when the person has none, and fills {name} and {region} apart", () => {
    expect(searchLink("https://duckduckgo.com/?q={query}", { name: "Ana #1?", region: null })).toBe(
      "https://duckduckgo.com/?q=Ana%20%231%3F",
    );
    expect(searchLink("https://example.com/p/{name}/{region}", { name: "a/b", region: "NY" })).toBe(
      "https://example.com/p/a%2Fb/NY",
    );
  });

  it("gives no link without a template or for one that is not https", () => {
    expect(searchLink(null, { name: "A", region: null })).toBeNull();
    expect(searchLink("http://example.com/?q={query}", { name: "A", region: null })).toBeNull();
    expect(searchLink("javascript:alert({query})", { name: "A", region: null })).toBeNull();
  });

  it("finds a home page from the record's web address or its domain", () => {
    expect(homePage("https://www.anywho.com/", "anywho.com")).toBe("https://www.anywho.com/");
    expect(homePage(null, "nuwber.com")).toBe("https://nuwber.com/");
    expect(homePage(null, "google.*")).toBeNull();
  });
});
