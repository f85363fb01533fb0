// The roles' English words are written twice: ROLE_LABELS (the invitation mail, no catalogue there) and the
// English catalogue (the pages, through ROLE_KEYS). They must say the same.
import { describe, expect, it } from "vitest";
import { inEnglish } from "~/i18n/english.server";
import { ROLE_KEYS, ROLE_LABELS, ROLES, roleKeys } from "./roles";

describe("roles", () => {
  it("have the same English words on the pages as in ROLE_LABELS", () => {
    for (const role of ROLES) {
      expect(inEnglish(ROLE_KEYS[role].label)).toBe(ROLE_LABELS[role]);
      expect(inEnglish(ROLE_KEYS[role].name)).toBe(ROLE_LABELS[role].split(" — ")[0]);
    }
  });

  it("an unknown role reads as the least one, never as its id", () => {
    expect(inEnglish(roleKeys("auditor").name)).toBe("Viewer");
  });
});
