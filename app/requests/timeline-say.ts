// A timeline item's words in the page's language (the request page's history, the case timeline): values that
// are message keys are translated first, days written out with formatDay.
import { formatDay } from "~/i18n/dates";
import type { Locale } from "~/i18n/languages";
import type { MessageKey, Translator } from "~/i18n/translate";

/** The same shape as TimelineSay in requests.server.ts (kept here so the pages' bundle has no server code). */
type Say = {
  key: MessageKey;
  values?: Record<string, string>;
  labels?: Record<string, MessageKey>;
  days?: Record<string, string>;
};

export function sayTimeline({ t }: Pick<Translator, "t">, locale: Locale, s: Say): string {
  return t(s.key, {
    ...s.values,
    ...Object.fromEntries(Object.entries(s.labels ?? {}).map(([k, key]) => [k, t(key)])),
    ...Object.fromEntries(Object.entries(s.days ?? {}).map(([k, day]) => [k, day && formatDay(locale, day)])),
  });
}
