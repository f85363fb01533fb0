// Words in English where no page language applies: what the API, the audit log and the sealed evidence timeline
// say, and the English text modules keep for code that is not translated yet. The same catalogue as the English
// pages, so each sentence is written once. Server only: the browser bundles no catalogue but the shell's
// (decision 136); a shared module may import this for code that runs in loaders and actions.
import { englishMessages } from "./locale.server";
import { createTranslator, type MessageKey, type Translator } from "./translate";

let english: Translator | undefined;

/** The English words of a message (`inEnglish("kinds.mandate.label")` → "Letter of authority"). */
export function inEnglish(key: MessageKey, values?: Parameters<Translator["t"]>[1]): string {
  english ??= createTranslator("en", englishMessages);
  return english.t(key, values);
}
