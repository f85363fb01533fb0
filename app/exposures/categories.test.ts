import { describe, expect, it } from "vitest";
import { computeSeverity, type ExposedKind, type Severity } from "./categories";

describe("computeSeverity", () => {
  const cases: [ExposedKind[], boolean, Severity][] = [
    [[], false, "low"],
    [["social_accounts"], false, "low"],
    [["other"], false, "low"],
    [["email"], false, "medium"],
    [["photos"], false, "medium"],
    [["phone"], false, "medium"],
    [["workplace"], false, "medium"],
    [["social_accounts", "other", "email"], false, "medium"],
    [["home_address"], false, "high"],
    [["coordinates"], false, "high"],
    [["family"], false, "high"],
    [["id_numbers"], false, "high"],
    [[], true, "high"],
    [["phone", "photos"], true, "high"],
    [["home_address"], true, "critical"],
    [["family", "photos"], true, "critical"],
    [["coordinates"], true, "critical"],
  ];
  it.each(cases)("%j, calls for harm %s → %s", (exposed, harm, expected) => {
    expect(computeSeverity(exposed, harm)).toBe(expected);
  });
});
