import { describe, expect, it } from "vitest";
import { changes, diffLines } from "./diff";

describe("diffLines", () => {
  it.each([
    ["a\nb\nc", "a\nb\nc", []],
    [
      "a\nb\nc",
      "a\nB\nc",
      [
        { kind: "removed", text: "b" },
        { kind: "added", text: "B" },
      ],
    ],
    ["a\nc", "a\nb\nc", [{ kind: "added", text: "b" }]],
    ["a\nb\nc", "a\nc", [{ kind: "removed", text: "b" }]],
    ["", "x", [{ kind: "added", text: "x" }]],
  ])("%j → %j", (before, after, expected) => {
    expect(changes(before, after)).toEqual(expected);
  });

  it("keeps every line of both texts in order", () => {
    const d = diffLines("one\ntwo\nthree", "zero\none\nthree\nfour");
    expect(d.filter((l) => l.kind !== "added").map((l) => l.text)).toEqual(["one", "two", "three"]);
    expect(d.filter((l) => l.kind !== "removed").map((l) => l.text)).toEqual([
      "zero",
      "one",
      "three",
      "four",
    ]);
  });
});
