import { describe, expect, it } from "vitest";
import { findIdentifiers, normaliseText } from "./identifiers";

const ids = {
  names: ["Jana Nováková", "J. Novak"],
  emails: ["jana@example.test"],
  phones: ["+49 170 1234567"],
  usernames: ["@jnov"],
  addresses: ["Hauptstraße 12\n10115 Berlin"],
};

describe("identifier matching", () => {
  it("normalises tags, entities, case and whitespace", () => {
    expect(normaliseText("<p>JANA&nbsp;\n  Nov&#225;kov&aacute;</p>")).toContain("jana nov");
    expect(normaliseText("<b>A</b>\t\tB")).toBe("a b");
  });

  it.each([
    ["<h1>jana   NOVÁKOVÁ</h1>", ["name"]],
    ["<p>Jana&#32;Nov&#xE1;kov&#225;</p>", ["name"]],
    ["mail: JANA@example.test", ["email"]],
    ["call 0170 / 123 45 67 now", ["phone"]],
    ["+49-170-123-4567", ["phone"]],
    ["follow @jnov on x", ["username"]],
    ["lives at hauptstraße 12, 10115 berlin", ["address"]],
    ["nothing about her here, annual report 2026", []],
    ["jnovak and janaN and 1701234", []],
  ])("%s → %o", (page, kinds) => {
    expect(findIdentifiers(page, ids).sort()).toEqual([...kinds].sort());
  });

  it("ignores digits across unrelated numbers", () => {
    expect(findIdentifiers("order 0170 and 12 items, 34567 views", ids)).toEqual([]);
  });
});
