// The vocabularies' message keys say in English exactly what their English maps say (the maps stay for mail,
// the API and the letters; the pages show the keys through t()).
import { describe, expect, it } from "vitest";
import { englishMessages } from "~/i18n/locale.server";
import { CHECK_OUTCOME_KEYS, OUTCOME_TEXT } from "~/rechecks/outcome";
import { LETTER_STATUS_KEYS, LETTER_STATUS_LABELS } from "~/requests/labels";
import { LOOKS_LIKE, LOOKS_LIKE_KEYS } from "~/requests/replies/classify";
import {
  OUTCOME_KEYS,
  OUTCOME_LABELS,
  REFUSAL_KEYS,
  REFUSALS,
  requestStateKey,
  requestStateLabel,
  STATE_KEYS,
  STATE_LABELS,
} from "./lifecycle";

const words = (keys: Record<string, keyof typeof englishMessages>) =>
  Object.fromEntries(Object.entries(keys).map(([id, key]) => [id, englishMessages[key]]));

describe("vocabulary keys", () => {
  it("say what the English maps say", () => {
    expect(words(STATE_KEYS)).toEqual(STATE_LABELS);
    expect(words(OUTCOME_KEYS)).toEqual(OUTCOME_LABELS);
    expect(words(LOOKS_LIKE_KEYS)).toEqual(LOOKS_LIKE);
    expect(words(LETTER_STATUS_KEYS)).toEqual(LETTER_STATUS_LABELS);
    expect(words(CHECK_OUTCOME_KEYS)).toEqual(OUTCOME_TEXT);
    for (const [reason, keys] of Object.entries(REFUSAL_KEYS)) {
      const info = REFUSALS[reason as keyof typeof REFUSALS];
      expect([englishMessages[keys.label], englishMessages[keys.advice]]).toEqual([info.label, info.advice]);
    }
  });

  it("requestStateKey follows requestStateLabel", () => {
    for (const state of [...Object.keys(STATE_KEYS), "nonsense"])
      for (const gone of [true, false])
        expect(englishMessages[requestStateKey(state, gone)]).toBe(requestStateLabel(state, gone));
  });
});
