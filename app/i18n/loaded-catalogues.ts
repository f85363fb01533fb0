// The catalogues this side of the page has (decision 152). The server has every language's (locale.server.ts
// registers them when it loads). The browser has the one the document's own <script> brought: a static file,
// /i18n/<lang>.<hash>.js, that the browser caches, so a page's HTML and each navigation's data carry no
// catalogue. When the language changes without a full page load (the switcher, logging in), the browser
// fetches the new language's file and the page keeps its old words until it has run.
import type { Locale } from "./languages";
import type { Messages } from "./translate";

declare global {
  interface Window {
    __retractCatalogues?: Partial<Record<Locale, Messages>>;
  }
}

const onServer = new Map<Locale, Messages>();

export function registerCatalogue(locale: Locale, messages: Messages) {
  onServer.set(locale, messages);
}

const inBrowser = () => typeof document !== "undefined";

/** The catalogue of `locale` if this side has it. */
export function loadedCatalogue(locale: Locale): Messages | undefined {
  return inBrowser() ? window.__retractCatalogues?.[locale] : onServer.get(locale);
}

/** In the browser, a language the page already has words for (the one its document came in). */
export function someLoadedCatalogue(): { locale: Locale; messages: Messages } | undefined {
  const loaded = inBrowser() ? window.__retractCatalogues : undefined;
  const locale = loaded ? (Object.keys(loaded)[0] as Locale | undefined) : undefined;
  return locale && loaded?.[locale] ? { locale, messages: loaded[locale] } : undefined;
}

/** Runs a catalogue's file in the browser; resolves once its words are there. */
export function loadCatalogue(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    // The page's CSP allows scripts from Retract itself ('self'), so the file needs no nonce.
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`The page's words could not be loaded from ${src}`));
    document.head.append(script);
  });
}
