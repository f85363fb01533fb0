// The page's language and its words for the Layout (decision 152). On the server and on the first render in the
// browser they are the root loader's locale and its catalogue. After a navigation that changed the language
// (the switcher with JavaScript, logging in to an account in another language), the browser loads the new
// catalogue's file and keeps speaking the old language until it has run, so nothing shows a missing word.
import { useEffect, useState } from "react";
import type { Locale } from "./languages";
import { loadCatalogue, loadedCatalogue, someLoadedCatalogue } from "./loaded-catalogues";
import { type Messages, shellEnglish } from "./translate";

type RootData = { locale: Locale; catalogueSrc: string } | undefined;

export function useCatalogue(data: RootData) {
  const wanted = data?.locale;
  const [, setLoaded] = useState(0);
  const own = wanted ? loadedCatalogue(wanted) : undefined;
  const src = data?.catalogueSrc;
  useEffect(() => {
    if (own || !src) return;
    let current = true;
    loadCatalogue(src)
      .then(() => current && setLoaded((n) => n + 1))
      // A file that cannot load (the connection dropped): the next full page load brings the words with it.
      .catch(() => current && window.location.reload());
    return () => {
      current = false;
    };
  }, [own, src]);
  if (wanted && own) return { locale: wanted, messages: own as Partial<Messages> };
  // No root data (an error page): the shell's English, which the browser bundles (decision 136).
  const previous = wanted ? someLoadedCatalogue() : undefined;
  return previous ?? { locale: "en" as Locale, messages: shellEnglish };
}
