// Turns what a person pastes into one canonical URL, so the same page is recognised however it was copied.
import { getDomain, parse } from "tldts";

export type NormalisedUrl = {
  url: string;
  host: string;
  /** Registrable domain (public-suffix aware), e.g. "example.co.uk"; null for IPs and onion addresses. */
  domain: string | null;
  onion: boolean;
};

export type UrlResult = { ok: true; value: NormalisedUrl } | { ok: false; error: string };

// Parameters that only track the click; dropping them makes duplicates visible.
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_eid|igshid|si|ref_src|ref_url|_ga)$/i;

export function normaliseUrl(input: string): UrlResult {
  let text = input.trim();
  if (!text) return { ok: false, error: "Enter a web address." };
  if (/\s/.test(text)) return { ok: false, error: "A web address cannot contain spaces." };
  if (text.length > 4000)
    return { ok: false, error: "This web address is too long (over 4,000 characters)." };

  // Telegram's app links point at the same public post as t.me.
  const tg = /^tg:\/\/resolve\?(.*)$/i.exec(text);
  if (tg) {
    const params = new URLSearchParams(tg[1]);
    const domain = params.get("domain");
    if (!domain) return { ok: false, error: "This Telegram link has no channel name." };
    text = `https://t.me/${domain}${params.get("post") ? `/${params.get("post")}` : ""}`;
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text) || /^[^/:]+:\d+(\/|$)/.test(text)) {
    text = `https://${text.replace(/^\/\//, "")}`;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: "This does not look like a web address." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "Only web addresses starting with http:// or https:// can be recorded." };
  }
  if (url.username || url.password) url.username = url.password = "";
  const host = url.hostname.replace(/\.$/, "");
  if (!host || (!host.includes(".") && host !== "localhost" && !host.startsWith("["))) {
    return { ok: false, error: "This web address has no proper host name (like example.com)." };
  }
  url.hostname = host;
  url.hash = url.hash.startsWith("#/") || url.hash.startsWith("#!") ? url.hash : "";
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  if (host === "telegram.me" || host === "www.t.me") url.hostname = "t.me";

  const onion = host.endsWith(".onion");
  const info = parse(url.hostname, { allowPrivateDomains: true });
  const domain = onion || info.isIp ? null : getDomain(url.hostname, { allowPrivateDomains: true });
  // tldts accepts any last label through the "*" rule; only a suffix on the public suffix list is real.
  if (!onion && !info.isIp && (!domain || (!info.isIcann && !info.isPrivate))) {
    return { ok: false, error: "This web address's domain is not a known internet domain." };
  }
  let out = url.toString();
  if (url.pathname === "/" && !url.search && !url.hash) out = out.replace(/\/$/, "");
  return { ok: true, value: { url: out, host: url.hostname, domain, onion } };
}
