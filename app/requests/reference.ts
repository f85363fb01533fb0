// Short letter references (`RX-7KQ2-M9`) that go into subject lines so replies thread to the right letter.
import { REFERENCE_PATTERN } from "~/requests/compose/variables";

// Crockford-style alphabet: no I, L, O, U, so a reference read aloud or retyped stays unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function generateReference(randomBytes: (n: number) => Uint8Array = defaultRandom): string {
  const bytes = randomBytes(6);
  // A plain loop: a bulk run makes 40,000 references (plan and run), and spreading the bytes into an array
  // first cost more than the rest of making one.
  let chars = "";
  for (let i = 0; i < 6; i++) chars += ALPHABET[bytes[i]! % ALPHABET.length];
  return `RX-${chars.slice(0, 4)}-${chars.slice(4, 6)}`;
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}

/** Finds a reference in a reply's subject or body ("Re: [RX-7KQ2-M9] …"). */
export function findReference(text: string): string | null {
  return /\bRX-[0-9A-Z]{4}-[0-9A-Z]{2}\b/.exec(text)?.[0] ?? null;
}

function defaultRandom(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
