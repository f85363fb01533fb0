import fc from "fast-check";
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

  it("diffs a 50,000-line body with a few edits: exactly the edited lines, in order", () => {
    const before = Array.from({ length: 50_000 }, (_, i) => `Line ${i} of the statement.`);
    const after = [...before];
    after[10] = "An edited line near the top.";
    after.splice(25_000, 1);
    after.splice(40_000, 0, "A line the user added.");
    after[49_990] = "An edited line near the end.";
    const d = diffLines(before.join("\n"), after.join("\n"));
    expect(d.filter((l) => l.kind === "same")).toHaveLength(50_000 - 3);
    expect(changes(before.join("\n"), after.join("\n"))).toEqual([
      { kind: "removed", text: "Line 10 of the statement." },
      { kind: "added", text: "An edited line near the top." },
      { kind: "removed", text: "Line 25000 of the statement." },
      { kind: "added", text: "A line the user added." },
      { kind: "removed", text: "Line 49990 of the statement." },
      { kind: "added", text: "An edited line near the end." },
    ]);
  });

  it("keeps as many lines the same as the longest common subsequence (a minimal diff)", () => {
    // The quadratic LCS the page used before, as the oracle on small texts.
    const lcsLength = (a: string[], b: string[]) => {
      const row = new Array<number>(b.length + 1).fill(0);
      for (let i = a.length - 1; i >= 0; i--) {
        let diag = 0;
        for (let j = b.length - 1; j >= 0; j--) {
          const below = row[j]!;
          row[j] = a[i] === b[j] ? diag + 1 : Math.max(below, row[j + 1]!);
          diag = below;
        }
      }
      return row[0]!;
    };
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "", "d e"), { maxLength: 30 })
      .map((l) => l.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = diffLines(before, after);
        expect(d.filter((l) => l.kind !== "added").map((l) => l.text)).toEqual(before.split("\n"));
        expect(d.filter((l) => l.kind !== "removed").map((l) => l.text)).toEqual(after.split("\n"));
        expect(d.filter((l) => l.kind === "same")).toHaveLength(
          lcsLength(before.split("\n"), after.split("\n")),
        );
      }),
    );
  });
});
