import { describe, expect, it } from "vitest";
import { entriesFromCsv, entriesFromPaste } from "./bulk.server";

const shared = {
  exposed: [],
  callsForHarm: false,
  foundOn: "2026-11-01",
  status: "active" as const,
  severityOverride: null,
  notes: "",
};

describe("bulk input", () => {
  it("numbers pasted lines as the user sees them, skipping blanks and comments", () => {
    const e = entriesFromPaste("https://a.example.com\n\n# note\n  t.me/x/1  \n", shared);
    expect(e.map((x) => [x.line, x.input])).toEqual([
      [1, "https://a.example.com"],
      [4, "t.me/x/1"],
    ]);
  });

  it("reads a CSV with optional columns, by header name", () => {
    const csv =
      "URL,found_on,exposed,calls_for_harm,notes\nhttps://a.com/1,2026-10-02,home_address;Phone number,yes,first\nhttps://b.com/2,,,no,\n";
    const { entries, errors } = entriesFromCsv(csv, shared);
    expect(errors).toEqual([]);
    expect(entries[0]).toMatchObject({ line: 2, input: "https://a.com/1" });
    expect(entries[0]!.fields).toMatchObject({
      foundOn: "2026-10-02",
      exposed: ["home_address", "phone"],
      callsForHarm: true,
      notes: "first",
    });
    expect(entries[1]!.fields).toMatchObject({ foundOn: "2026-11-01", exposed: [], callsForHarm: false });
  });

  it("reports rows it cannot use by line number", () => {
    const { entries, errors } = entriesFromCsv(
      "url,found_on,exposed\nhttps://a.com,02/10/2026,\nhttps://b.com,,shoe size\n",
      shared,
    );
    expect(entries).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it("asks for a url column", () => {
    const { errors } = entriesFromCsv("link2,notes\nx,y\n", shared);
    expect(errors[0]!.error).toContain('"url"');
  });
});
