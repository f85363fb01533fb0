// Words in English where no page language applies: what the API, the audit log and the sealed evidence
// timeline say, and the English text modules keep for code that is not translated yet. The same catalogue as
// the English pages, so each sentence is written once.
import { createTranslator, englishMessages, type MessageKey } from "./translate";

const english = createTranslator("en", englishMessages);

/** The English words of a message (`inEnglish("kinds.mandate.label")` → "Letter of authority"). */
export function inEnglish(key: MessageKey, values?: Parameters<typeof english.t>[1]): string {
  return english.t(key, values);
}
