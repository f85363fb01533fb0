// The language switcher's form: the example of zod messages as codes (docs/i18n.md). A schema's message is a
// message key; the route translates it at the edge with translateFailure, in the reader's language.
import { z } from "zod";
import { LOCALES } from "./languages";
import type { MessageKey } from "./translate";

const unknownLanguage: MessageKey = "errors.language.unknown";

export const LanguageChoiceSchema = z.object({
  locale: z.enum(LOCALES, unknownLanguage),
  redirectTo: z.string().max(2000).optional(),
});
