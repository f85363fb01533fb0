// Page titles in the page's language. A route's meta has no hook to call, but its matches carry the root
// loader's data (the locale), and this side of the page has that language's catalogue (decision 152), so the
// title is translated from them: `meta = ({ matches }) => pageTitle(matches, "auth.login.heading")` →
// "Anmelden · Retract", or `metaTranslator(matches).t(…)` for a title with values. Without the root's data (an
// error page) the title is English.
import type { MetaArgs } from "@remix-run/react";
import { isLocale } from "./languages";
import { loadedCatalogue } from "./loaded-catalogues";
import { createTranslator, type MessageKey, shellEnglish, type Translator } from "./translate";

export function metaTranslator(matches: MetaArgs["matches"]): Translator {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const messages = root && isLocale(root.locale) ? loadedCatalogue(root.locale) : undefined;
  if (root && isLocale(root.locale) && messages) return createTranslator(root.locale, messages);
  // No root data (an error page), or a language whose file the browser is still loading: the browser has only
  // the shell's words (decision 136), so a page's own title falls back to the product's name.
  const shell = createTranslator("en", shellEnglish);
  const known = (key: MessageKey) => Object.hasOwn(shellEnglish, key);
  return {
    locale: "en",
    t: (key, values) => (known(key) ? shell.t(key, values) : "Retract"),
    rich: (key, values) => (known(key) ? shell.rich(key, values) : "Retract"),
  };
}

export function pageTitle(matches: MetaArgs["matches"], key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data;
  if (!root) return [{ title: "Retract" }];
  const { t } = metaTranslator(matches);
  return [{ title: t("shell.pageTitle", { page: t(key) }) }];
}
