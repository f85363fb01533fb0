import { describe, expect, it } from "vitest";
import { missingCode, REASONS, reasonText } from "./bulk-reasons";

describe("bulk reason codes", () => {
  it.each([
    ["no_mandate", REASONS.no_mandate],
    ["already_requested", REASONS.already_requested],
    ["cancelled", REASONS.cancelled],
    [
      "missing:particularSituation",
      "A required detail is missing: the statement of the particular situation.",
    ],
    ["missing:requester.email", "A required detail is missing: the person's name or email address."],
    ["missing:somethingNew", "A required detail is missing: somethingNew."],
    ["invalid:requesterEmail", REASONS.invalid_details],
    ["checklist:gdpr-erasure.art21", REASONS.checklist_failed],
    ["no-such-code", REASONS.error],
  ])("%s reads as plain language", (code, text) => {
    expect(reasonText(code)).toBe(text);
  });

  it("names the first missing variable without list positions", () => {
    expect(missingCode(["exposures[1].url", "dueDate"])).toBe("missing:exposures.url");
    expect(missingCode([])).toBe("missing:unknown");
  });

  it("never carries more than a code: no spaces, so no personal value fits", () => {
    for (const code of Object.keys(REASONS)) expect(code).toMatch(/^[a-z_]+$/);
  });
});
