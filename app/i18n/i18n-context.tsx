// The translator for components: the root loader sends the page language and its catalogue, the Layout provides
// them, and any component calls useT(). Without the root's data (its loader failed) the pages fall back to English.
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Locale } from "./languages";
import { createTranslator, type Messages, shellEnglish, type Translator } from "./translate";

const I18nContext = createContext<Translator | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Partial<Messages>;
  children: ReactNode;
}) {
  const translator = useMemo(() => createTranslator(locale, messages), [locale, messages]);
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}

const english = createTranslator("en", shellEnglish);

export function useT(): Translator {
  return useContext(I18nContext) ?? english;
}
