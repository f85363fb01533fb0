// Page titles in the page's language. A route's meta has no hook to call, but its matches carry the root
// loader's data (the locale and its catalogue), so the title is translated from that: `meta = ({ matches }) =>
// pageTitle(matches, "auth.login.heading")` → "Anmelden · Retract", or `metaTranslator(matches).t(…)` for a
// title with values. Without the root's data (an error page) the title is English.
import type { MetaArgs } from "@remix-run/react";
import { isLocale } from "./languages";
import { createTranslator, type MessageKey, type Messages, shellEnglish, type Translator } from "./translate";

export function metaTranslator(matches: MetaArgs["matches"]): Translator {
  const root = matches.find((m) => m.id === "root")?.data as
    | { locale?: unknown; messages?: Messages }
    | undefined;
  return root && isLocale(root.locale) && root.messages
    ? createTranslator(root.locale, root.messages)
    : createTranslator("en", shellEnglish);
}

export function pageTitle(matches: MetaArgs["matches"], key: MessageKey) {
  const { t } = metaTranslator(matches);
  return [{ title: t("shell.pageTitle", { page: t(key) }) }];
}
