import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DecisionRecord, readDecisions, renderIndex, unmatchedSupersessions } from "./decisions-index";

const record = (number: string, status: string): DecisionRecord => {
  const supersedes = /supersedes (\d{3})/.exec(status)?.[1];
  const by = /superseded by (\d{3})/.exec(status)?.[1];
  return {
    number,
    file: `${number}-x.md`,
    title: `Record ${number}`,
    date: "2026-12-02",
    status,
    supersedes: supersedes ? [supersedes] : [],
    supersededBy: by ? [by] : [],
  };
};

describe("decisions index", () => {
  it("the committed docs/decisions/README.md is the one the records produce", () => {
    expect(readFileSync("docs/decisions/README.md", "utf8")).toBe(renderIndex(readDecisions()));
  });

  it("every supersession is stated on both sides", () => {
    expect(unmatchedSupersessions(readDecisions())).toEqual([]);
  });

  it("every record has a title, a date and a status", () => {
    for (const r of readDecisions()) {
      expect(r.title, r.file).not.toBe("");
      expect(r.date, r.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.status, r.file).not.toBe("");
    }
  });

  it("finds a supersession stated on one side only, and links both in the index", () => {
    const old = record("010", "accepted");
    const newer = record("020", "accepted (supersedes 010)");
    expect(unmatchedSupersessions([old, newer])).toEqual([
      '020 supersedes 010, but 010 does not say "superseded by 020"',
    ]);
    const fixed = [record("010", "superseded by 020"), newer];
    expect(unmatchedSupersessions(fixed)).toEqual([]);
    const index = renderIndex(fixed);
    expect(index).toContain("| [010](010-x.md) | Record 010 | 2026-12-02 | superseded by [020](020-x.md) |");
    expect(index).toContain(
      "| [020](020-x.md) | Record 020 | 2026-12-02 | accepted (supersedes [010](010-x.md)) |",
    );
  });
});
