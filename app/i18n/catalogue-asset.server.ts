// Each language's catalogue as a static script for the browser (decision 152): `/i18n/<lang>.<hash>.js`. The
// hash is the file's content, so the browser may keep it for a year; a new version of Retract with new words
// has a new name. Nothing in it is personal: these are the words of the pages.
import { createHash } from "node:crypto";
import { z } from "zod";
import { LOCALES, type Locale } from "./languages";
import { messagesFor } from "./locale.server";

type Asset = { body: string; hash: string };
const assets = new Map<Locale, Asset>();

function asset(locale: Locale): Asset {
  let found = assets.get(locale);
  if (!found) {
    const json = JSON.stringify(messagesFor(locale));
    const body = `(self.__retractCatalogues=self.__retractCatalogues||{})[${JSON.stringify(locale)}]=${json};\n`;
    found = { body, hash: createHash("sha256").update(body).digest("hex").slice(0, 16) };
    assets.set(locale, found);
  }
  return found;
}

/** Where the page's <script> finds the catalogue of `locale`. */
export function catalogueSrc(locale: Locale): string {
  return `/i18n/${locale}.${asset(locale).hash}.js`;
}

const AssetName = z
  .string()
  .regex(/^[a-z]{2}\.[0-9a-f]{16}\.js$/)
  .transform((name) => {
    const [locale, hash] = name.split(".");
    return { locale, hash };
  })
  .pipe(z.object({ locale: z.enum(LOCALES), hash: z.string() }));

/**
 * The script for a file name, and whether the name is the current one (then it never changes). An old name, from
 * a page loaded before an upgrade, gets today's words, not to be kept. Null for a name that is no language.
 */
export function catalogueAsset(name: string): { body: string; current: boolean } | null {
  const parsed = AssetName.safeParse(name);
  if (!parsed.success) return null;
  const { body, hash } = asset(parsed.data.locale);
  return { body, current: hash === parsed.data.hash };
}
