// "Without meeting an English sentence" (issue 20), as a check a browser test can run on any page shown in
// German, French, Dutch or Korean. It reads what a person sees or hears: the page's text, its title, and the
// attributes a screen reader speaks or a pointer shows. Parts marked with their own language (a letter's
// text in the letter's language, a language's own name in the switcher) are left out, as are web and mail
// addresses the person typed. English is found by its small words, which none of the four languages uses.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

// Small English words that are not words in German, French or Dutch ("was", "is" and "will" are, so they are left out).
const ENGLISH =
  /(?<!\p{L})(the|your|you|with|this|that|been|which|should|could|would|there|here|please|what|when|yet|about|from|into|our|these|those|they|them|has|have|not|and|for|are|were)(?!\p{L})/iu;
// On a page in a script other than Latin (Korean), two Latin words in a row are English too ("Show all").
const LATIN_WORDS = /\p{Script=Latin}{2,}[ ,]+\p{Script=Latin}{2,}/u;
const LATIN_SCRIPT = new Set(["en", "de", "fr", "nl"]);

/**
 * Sentences with English words on the page, outside parts marked as another language. `allow` lists words that
 * are right in any language: names the person typed, a company's registered name ("Telegram Messenger Inc.").
 */
export async function englishOn(page: Page, allow: readonly string[] = []): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const foreign = (el: Element | null) => {
      const own = el?.closest("[lang]")?.getAttribute("lang") ?? pageLang;
      return own.split("-")[0] !== pageLang.split("-")[0];
    };
    const found: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || foreign(parent)) continue;
      if (parent.closest("script, style, template, noscript")) continue;
      // Text hidden from sight but read aloud (visually-hidden) counts; text hidden from everyone does not.
      const style = getComputedStyle(parent);
      if (style.display === "none" || style.visibility === "hidden") continue;
      found.push(node.textContent ?? "");
    }
    for (const el of document.body.querySelectorAll(
      "[aria-label], [title], [placeholder], [alt], [aria-description]",
    )) {
      if (foreign(el)) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const value = el.getAttribute(name);
        if (value) found.push(value);
      }
    }
    return found;
  });
  const lang = ((await page.locator("html").getAttribute("lang")) ?? "en").split("-")[0]!;
  const withoutAllowed = (t: string) => allow.reduce((rest, word) => rest.replaceAll(word, " "), t);
  return texts
    .map((t) => t.replace(/\s+/g, " ").trim())
    .filter((t) => {
      const rest = withoutAllowed(t)
        .replace(/(?:https?:\/\/|mailto:)\S+/g, " ")
        .replace(/\S+@\S+\.\w+/g, " ");
      return ENGLISH.test(rest) || (!LATIN_SCRIPT.has(lang) && LATIN_WORDS.test(rest));
    });
}

/** Fails the test with the English sentences found on the page. */
export async function expectNoEnglish(page: Page, allow: readonly string[] = []) {
  const lang = await page.locator("html").getAttribute("lang");
  expect(await englishOn(page, allow), `English on ${page.url()} (page language ${lang})`).toEqual([]);
}
