// What a re-check means for an exposure. Pure, so the rules are tested on their own:
// - 404, 410 and 451 → removed.
// - 2xx with the person's identifiers → still up, or reappeared when the exposure was checked gone before.
//   Still up after the recipient said it was removed ("said_removed") is not a reappearance: their word was
//   wrong, so the place is requested again (or just up, with no letter) and the request page says so.
// - 2xx without them → removed only when an earlier check of this page did find them (the matcher is known
//   to work on this page); otherwise inconclusive: the page may need JavaScript or a login to show its content.
// - network errors, 5xx, refused addresses and onion addresses → unreachable; other 4xx → inconclusive.
import type { ExposureStatus } from "~/exposures/categories";
import type { MessageKey } from "~/i18n/translate";

export type CheckOutcome = "up" | "removed" | "reappeared" | "unreachable" | "inconclusive";

/** A re-check's outcome in English, for what leaves Retract (the request timeline's sealed text, the API). */
export const OUTCOME_TEXT: Record<CheckOutcome, string> = {
  up: "Still online",
  removed: "Removed",
  reappeared: "Back online",
  unreachable: "Could not be reached",
  inconclusive: "Could not tell",
};

/** A re-check's outcome in words, as message keys for the pages (OUTCOME_TEXT keeps the English). */
export const CHECK_OUTCOME_KEYS = {
  up: "recheck.outcome.up",
  removed: "recheck.outcome.removed",
  reappeared: "recheck.outcome.reappeared",
  unreachable: "recheck.outcome.unreachable",
  inconclusive: "recheck.outcome.inconclusive",
} as const satisfies Record<CheckOutcome, MessageKey>;

export type CheckFacts =
  | { fetched: false }
  | { fetched: true; status: number; foundKinds: string[]; identifiersKnown: boolean };

export function decideOutcome(
  facts: CheckFacts,
  exposureStatus: ExposureStatus,
  foundBefore: boolean,
): CheckOutcome {
  if (!facts.fetched) return "unreachable";
  const { status } = facts;
  if (status === 404 || status === 410 || status === 451) return "removed";
  if (status >= 500) return "unreachable";
  if (status >= 200 && status < 300) {
    if (facts.foundKinds.length > 0) return exposureStatus === "removed" ? "reappeared" : "up";
    if (facts.identifiersKnown && foundBefore) return "removed";
    return "inconclusive";
  }
  return "inconclusive";
}

/** The exposure's new status after a check (null: leave it as it is). */
export function nextExposureStatus(
  outcome: CheckOutcome,
  current: ExposureStatus,
  hasRequest: boolean,
): ExposureStatus | null {
  switch (outcome) {
    case "removed":
      return current === "removed" ? null : "removed";
    case "reappeared":
      return "reappeared";
    case "up":
      // Back online after being unreachable, or still there although the recipient said it was removed: it is
      // up, as requested or not.
      return current === "unreachable" || current === "said_removed"
        ? hasRequest
          ? "requested"
          : "active"
        : null;
    case "unreachable":
      // Unreachable does not prove the recipient's word: "said_removed" stays until a check can tell.
      return current === "active" || current === "requested" ? "unreachable" : null;
    case "inconclusive":
      return null;
  }
}
