import { describe, expect, it } from "vitest";
import { decideOutcome, nextExposureStatus } from "./outcome";

const page = (status: number, found: string[] = [], identifiersKnown = true) =>
  ({ fetched: true, status, foundKinds: found, identifiersKnown }) as const;

describe("what a check means", () => {
  it.each([
    [page(200, ["name"]), "active", false, "up"],
    [page(200, ["name"]), "removed", true, "reappeared"],
    [page(200, ["phone"]), "reappeared", true, "up"],
    // They said it was removed; it is still there: up, not a reappearance.
    [page(200, ["name"]), "said_removed", true, "up"],
    [page(404), "said_removed", true, "removed"],
    [page(404), "requested", false, "removed"],
    [page(410), "active", true, "removed"],
    [page(451), "active", false, "removed"],
    [page(200, []), "requested", true, "removed"],
    [page(200, []), "requested", false, "inconclusive"],
    [page(200, [], false), "requested", true, "inconclusive"],
    [page(403), "requested", true, "inconclusive"],
    [page(503), "requested", true, "unreachable"],
    [{ fetched: false } as const, "active", false, "unreachable"],
  ] as const)("%o on %s (found before: %s) → %s", (facts, status, before, expected) => {
    expect(decideOutcome(facts, status, before)).toBe(expected);
  });

  it.each([
    ["removed", "requested", true, "removed"],
    ["removed", "removed", true, null],
    ["reappeared", "removed", true, "reappeared"],
    ["up", "unreachable", true, "requested"],
    ["up", "unreachable", false, "active"],
    ["up", "requested", true, null],
    ["unreachable", "requested", true, "unreachable"],
    ["unreachable", "removed", true, null],
    ["inconclusive", "requested", true, null],
    ["removed", "said_removed", true, "removed"],
    ["up", "said_removed", true, "requested"],
    ["up", "said_removed", false, "active"],
    ["unreachable", "said_removed", true, null],
    ["inconclusive", "said_removed", true, null],
  ] as const)("%s while %s (request: %s) → %s", (outcome, current, req, expected) => {
    expect(nextExposureStatus(outcome, current, req)).toBe(expected);
  });
});
