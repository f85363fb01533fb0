// Page titles in the page language: a route's `meta` has no hooks, so it reads the locale and catalogue the root
// loader sent (English when the root's data is missing, as on an error page).
import type { MetaArgs } from "@remix-run/react";
import type { Locale } from "./languages";
import { createTranslator, englishMessages, type Messages, type Translator } from "./translate";

export function metaTranslator(matches: MetaArgs["matches"]): Translator {
  const root = matches.find((m) => m.id === "root")?.data as
    | { locale?: Locale; messages?: Messages }
    | undefined;
  return root?.locale && root.messages
    ? createTranslator(root.locale, root.messages)
    : createTranslator("en", englishMessages);
}
