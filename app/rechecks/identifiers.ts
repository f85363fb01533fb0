// Does a fetched page still show the person? Pure text matching of the subject's identifiers against a page:
// case, accents' composed forms and whitespace normalised; HTML tags and common entities removed; phone
// numbers compared by their digits. Returns the kinds found, never the values.
export type Identifiers = {
  names: string[];
  emails: string[];
  phones: string[];
  usernames: string[];
  addresses: string[];
};

export type IdentifierKind = "name" | "email" | "phone" | "username" | "address";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** HTML to lower-cased text with single spaces. */
export function normaliseText(input: string): string {
  return input
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const n =
          e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : " ";
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/g, " ")
    .trim();
}

const norm = (s: string) => normaliseText(s);
const digits = (s: string) => s.replace(/\D/g, "");

/** Digit runs that look like phone numbers (separators allowed between digits). */
function phoneCandidates(text: string): string[] {
  return (text.match(/\+?\d[\d\s()./-]{5,}\d/g) ?? []).map(digits).filter((d) => d.length >= 7);
}

/** Phones match on their last nine digits (or all of them when shorter): "+49 170 1234567" = "0170-1234567". */
function phoneMatches(phone: string, candidates: string[]): boolean {
  const d = digits(phone);
  if (d.length < 7) return false;
  const tail = d.slice(-9);
  return candidates.some((c) => c.endsWith(tail) || (c.length >= 7 && tail.endsWith(c)));
}

function containsPhrase(text: string, phrase: string): boolean {
  const p = norm(phrase);
  if (p.length < 3) return false;
  // Whole-word-ish: not inside a longer word (so "ann" does not match "annual").
  const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
}

export function findIdentifiers(page: string, ids: Identifiers): IdentifierKind[] {
  const text = normaliseText(page);
  const found = new Set<IdentifierKind>();
  if (ids.names.some((n) => containsPhrase(text, n))) found.add("name");
  if (ids.emails.some((e) => e.includes("@") && text.includes(norm(e)))) found.add("email");
  if (ids.usernames.some((u) => containsPhrase(text, u.replace(/^@/, "")))) found.add("username");
  const candidates = phoneCandidates(text);
  if (ids.phones.some((p) => phoneMatches(p, candidates))) found.add("phone");
  // Addresses are matched line by line (street and number, postcode and town), each at least six characters.
  const lines = ids.addresses
    .flatMap((a) => a.split(/[\n,]/))
    .map((l) => l.trim())
    .filter((l) => l.length >= 6);
  if (lines.some((l) => containsPhrase(text, l))) found.add("address");
  return [...found];
}

export function hasAnyIdentifier(ids: Identifiers) {
  return Object.values(ids).some((list) => list.some((v: string) => v.trim().length > 0));
}
