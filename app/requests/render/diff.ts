// What the user changed in a letter: a line diff between the template's text and the text sent (pure, shared
// by the letter page). The `diff` package's Myers diff on the lines: time and memory grow with the size of the
// texts times the number of changed lines, so a long body with a few edits stays quick.
import { diffArrays } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

export function diffLines(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffArrays(before.split("\n"), after.split("\n"))) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value) out.push({ kind, text });
  }
  return out;
}

/** Only the changed lines, for a short "what you changed" list. */
export function changes(before: string, after: string): DiffLine[] {
  return diffLines(before, after).filter((l) => l.kind !== "same" && l.text.trim() !== "");
}
