// Reads a deadline question from URL parameters (the public API and the GET form of /deadlines share it),
// validates it with one zod schema and the engine's own checks, and answers with the deadline or with an
// error per parameter. The schema's messages are message keys: the page writes them in its language, the API in
// English (`answerDeadlineQuery(params, translator)`; without a translator, English).
import { z } from "zod";
import { inEnglish } from "~/i18n/english.server";
import { isMessageKey } from "~/i18n/errors";
import type { MessageKey, Translator } from "~/i18n/translate";
import { isIsoDate } from "./dates";
import { type Deadline, type DeadlineInput, DeadlineInputError, explainDeadline } from "./engine";
import type { Sentence } from "./explanation";
import { listCountries } from "./holidays";
import { MAX_FOLLOW_UP_DAYS, PLATFORM_VARIANTS, RULE_IDS, UK_NATIONS } from "./rules";

/** The parameters, named as in `GET /api/v1/deadline` and the form fields of /deadlines. */
export type DeadlineQueryField =
  | "regime"
  | "received"
  | "country"
  | "subdivision"
  | "nation"
  | "followUpDays"
  | "variant";

const RECEIVED_MESSAGE: MessageKey = "errors.deadline.received";
const DAYS_MESSAGE: MessageKey = "errors.deadline.followUpDays";

/** The values of the messages that have some. */
const MESSAGE_VALUES: Partial<Record<MessageKey, Record<string, string | number>>> = {
  "errors.deadline.regimeUnknown": { ids: RULE_IDS.join(", ") },
  "errors.deadline.followUpDays": { max: MAX_FOLLOW_UP_DAYS },
  "errors.deadline.variant": { variants: PLATFORM_VARIANTS.join(" or ") },
};

export const deadlineQuerySchema = z.object({
  regime: z.enum(RULE_IDS, {
    error: (issue) =>
      issue.input === undefined
        ? ("errors.deadline.regimeMissing" satisfies MessageKey)
        : ("errors.deadline.regimeUnknown" satisfies MessageKey),
  }),
  received: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? ("errors.deadline.receivedMissing" satisfies MessageKey)
          : RECEIVED_MESSAGE,
    })
    .refine(isIsoDate, RECEIVED_MESSAGE),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, "errors.deadline.country" satisfies MessageKey)
    .optional(),
  subdivision: z
    .string()
    .regex(/^[A-Za-z0-9]{1,3}$/, "errors.deadline.subdivision" satisfies MessageKey)
    .optional(),
  /** The page's UK nation select; used only for UK requests. */
  nation: z
    .enum(UK_NATIONS.map((n) => n.code) as [string, ...string[]], {
      error: "errors.deadline.nation" satisfies MessageKey,
    })
    .optional(),
  followUpDays: z.coerce
    .number({ error: DAYS_MESSAGE })
    .int(DAYS_MESSAGE)
    .min(1, DAYS_MESSAGE)
    .max(MAX_FOLLOW_UP_DAYS, DAYS_MESSAGE)
    .optional(),
  variant: z.enum(PLATFORM_VARIANTS, { error: "errors.deadline.variant" satisfies MessageKey }).optional(),
});

export type DeadlineQuery = z.infer<typeof deadlineQuerySchema>;

export type DeadlineAnswer =
  | { ok: true; query: DeadlineQuery; deadline: Deadline; explanation: Sentence[] }
  | { ok: false; errors: Partial<Record<DeadlineQueryField, string>> };

const FIELDS: readonly DeadlineQueryField[] = [
  "regime",
  "received",
  "country",
  "subdivision",
  "nation",
  "followUpDays",
  "variant",
];

/** Empty and missing parameters both count as "not given" (a GET form sends empty fields). */
function readParams(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (value) values[field] = value;
  }
  return values;
}

/** The schema's message (a key) in the translator's words, or in English; a message that is no key as it is. */
function words(message: string, translator?: Translator): string {
  if (!isMessageKey(message)) return message;
  const key = message;
  return translator ? translator.t(key, MESSAGE_VALUES[key]) : inEnglish(key, MESSAGE_VALUES[key]);
}

/**
 * The deadline for a question, or an error per parameter: the schema's words in `translator`'s language (the
 * page's), in English without one (the API). The engine's own refusals (an unknown subdivision) are English.
 */
export function answerDeadlineQuery(params: URLSearchParams, translator?: Translator): DeadlineAnswer {
  const parsed = deadlineQuerySchema.safeParse(readParams(params));
  if (!parsed.success) {
    const errors: Partial<Record<DeadlineQueryField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as DeadlineQueryField;
      errors[field] ??= words(issue.message, translator);
    }
    return { ok: false, errors };
  }
  const query = parsed.data;
  const isUk = query.regime === "uk-gdpr-month" || query.country?.toUpperCase().startsWith("GB") === true;
  const usesNation = query.subdivision === undefined && isUk && query.nation !== undefined;
  const input: DeadlineInput = {
    rule: query.regime,
    received: query.received,
    country: query.country ?? null,
    subdivision: query.subdivision ?? (usesNation ? query.nation : null),
    followUpDays: query.followUpDays ?? null,
    variant: query.variant ?? null,
  };
  try {
    return { ok: true, query, ...explainDeadline(input) };
  } catch (error) {
    if (!(error instanceof DeadlineInputError)) throw error;
    const field: DeadlineQueryField =
      error.field === "rule"
        ? "regime"
        : error.field === "subdivision" && usesNation
          ? "nation"
          : error.field === "sentOn"
            ? "received"
            : error.field;
    return { ok: false, errors: { [field]: error.message } };
  }
}

/** One line for an API error body: `Invalid parameter "received": must be …`. */
export function describeQueryErrors(errors: Partial<Record<DeadlineQueryField, string>>): string {
  const [field, message] = Object.entries(errors)[0] ?? ["regime", "is required"];
  return `Invalid or missing parameter "${field}": ${message}`;
}

/** The countries the engine knows (date-holidays), as select options sorted by English name. */
export function deadlineCountryOptions(): { value: string; label: string }[] {
  return Object.entries(listCountries())
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}
