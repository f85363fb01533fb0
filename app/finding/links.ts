// "Where else might I be?": the links a person opens in their own browser to look for themselves on a site.
// Pure: builds URLs from the directory's search URL templates; nothing here (or anywhere) fetches them.

export type SearchTerms = { name: string; region: string | null };

/** The site's search page filled with the person's name (and region), or null when the site publishes none. */
export function searchLink(template: string | null | undefined, terms: SearchTerms): string | null {
  if (!template) return null;
  const name = terms.name.trim().replace(/\s+/g, " ");
  const region = (terms.region ?? "").trim();
  const values: Record<string, string> = {
    name,
    region,
    query: region ? `${name} ${region}` : name,
  };
  const url = template.replace(/\{(query|name|region)\}/g, (_, key: string) =>
    encodeURIComponent(values[key] ?? ""),
  );
  // Only https links leave this function: a template that is not one is treated as no template.
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The site's home page, for "search for your name there" and as the address of a place found there. */
export function homePage(web: string | null | undefined, domain: string | null | undefined): string | null {
  for (const candidate of [web, domain && !domain.includes("*") ? `https://${domain}/` : null]) {
    if (!candidate) continue;
    try {
      const u = new URL(candidate);
      if (u.protocol === "https:" || u.protocol === "http:") return u.toString();
    } catch {
      // try the next one
    }
  }
  return null;
}
