// Page titles in the page's language. A route's meta has no hook to call, but its matches carry the root
// loader's data (the locale and its catalogue), so the title is translated from that: `meta = ({ matches }) =>
// pageTitle(matches, "auth.login.heading")` → "Anmelden · Retract". Without the root's data (an error page) the
// title is English.
import type { MetaFunction } from "@remix-run/node";
import { isLocale } from "./languages";
import { createTranslator, englishMessages, type MessageKey, type Messages } from "./translate";

type Matches = Parameters<MetaFunction>[0]["matches"];

export function pageTitle(matches: Matches, key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data as
    | { locale?: unknown; messages?: Messages }
    | undefined;
  const { t } =
    root && isLocale(root.locale) && root.messages
      ? createTranslator(root.locale, root.messages)
      : createTranslator("en", englishMessages);
  return [{ title: t("shell.pageTitle", { page: t(key) }) }];
}
