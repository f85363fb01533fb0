import { describe, expect, it } from "vitest";
import { normaliseUrl } from "./url";

describe("normaliseUrl", () => {
  it.each([
    ["https://Example.COM/Path?q=1", "https://example.com/Path?q=1", "example.com"],
    ["example.com/a", "https://example.com/a", "example.com"],
    ["  http://www.bbc.co.uk/news  ", "http://www.bbc.co.uk/news", "bbc.co.uk"],
    ["https://t.me/leakchannel/123", "https://t.me/leakchannel/123", "t.me"],
    ["t.me/leakchannel/123", "https://t.me/leakchannel/123", "t.me"],
    ["https://telegram.me/leakchannel", "https://t.me/leakchannel", "t.me"],
    ["tg://resolve?domain=leakchannel&post=45", "https://t.me/leakchannel/45", "t.me"],
    ["https://example.com/p?utm_source=x&id=7&fbclid=abc", "https://example.com/p?id=7", "example.com"],
    ["https://example.com/", "https://example.com", "example.com"],
    ["https://example.com:443/x", "https://example.com/x", "example.com"],
    ["https://example.com/page#comments", "https://example.com/page", "example.com"],
    ["https://example.com/#/app/route", "https://example.com/#/app/route", "example.com"],
    ["https://user:pw@example.com/x", "https://example.com/x", "example.com"],
    ["https://bücher.de/x", "https://xn--bcher-kva.de/x", "xn--bcher-kva.de"],
    ["https://pastebin.com/raw/AbC123", "https://pastebin.com/raw/AbC123", "pastebin.com"],
    ["https://someone.github.io/leak", "https://someone.github.io/leak", "someone.github.io"],
  ])("%s → %s", (input, url, domain) => {
    const r = normaliseUrl(input);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.url).toBe(url);
      expect(r.value.domain).toBe(domain);
    }
  });

  it("keeps onion addresses as text, without a registrable domain", () => {
    const r = normaliseUrl("http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion/post/1");
    expect(r.ok && r.value.onion).toBe(true);
    expect(r.ok && r.value.domain).toBe(null);
  });

  it.each([
    ["", "Enter a web address."],
    ["not a url", "spaces"],
    ["ftp://example.com/file", "http:// or https://"],
    ["javascript:alert(1)", "http:// or https://"],
    ["https://nodot/x", "host name"],
    ["https://example.invalidtld/x", "not a known internet domain"],
    ["tg://resolve?post=1", "no channel name"],
  ])("rejects %j", (input, message) => {
    const r = normaliseUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
