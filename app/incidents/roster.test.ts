import { describe, expect, it } from "vitest";
import { inEnglish } from "~/i18n/english.server";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { MAX_ROSTER_ROWS } from "./limits";
import { normaliseHeader, parseRoster, type RosterMessage } from "./roster.server";

/** A problem as the English page says it. */
const english = (m: RosterMessage) => inEnglish(m.key, m.values);

const ok = (text: string, onRoster?: (email: string) => boolean) => {
  const r = parseRoster(text, onRoster);
  if (!r.ok) throw new Error(english(r.error));
  return r;
};

describe("roster header spellings", () => {
  it.each([
    ["name,work email,unit,country"],
    ["Name,Work Email,Unit,Country"],
    ["Full name,E-mail,Team,Country code"],
    ["full_name,work_email,department,country"],
    ["Employee Name;Email Address;Dept;Nation"],
    ["NAME\tWORK E-MAIL\tDIVISION\tCOUNTRY"],
    ["\uFEFFName,Email,Group,Country"],
    ["Name;Dienstliche E-Mail;Abteilung;Land"],
    ["nom,e-mail professionnel,unité,pays"],
    ["naam,werkmail,afdeling,land"],
    ["이름,업무 이메일,부서,국가"],
  ])("reads %j", (header) => {
    const sep = header.includes(";") ? ";" : header.includes("\t") ? "\t" : ",";
    const r = ok(`${header}\n${["Ada Byron", "ada@corp.example", "Finance", "gb"].join(sep)}\n`);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      status: "new",
      data: { name: "Ada Byron", email: "ada@corp.example", unit: "Finance", country: "GB" },
    });
  });

  it("folds spaces, dashes, dots and underscores", () => {
    expect(normaliseHeader("  Work-E.mail_ ")).toBe("work e mail");
  });

  it("accepts columns in any order and leaves unit and country out", () => {
    const r = ok("email,name\nbo@corp.example,Bo Li\n");
    expect(r.rows[0]!.data).toEqual({ name: "Bo Li", email: "bo@corp.example", unit: "", country: "" });
  });

  it("refuses a file whose header names no email column, saying which", () => {
    const r = parseRoster("name,phone\nBo,123\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(english(r.error)).toContain("No column for work email was found.");
  });

  it("says the problem in the page's language, the row numbers as values", () => {
    const r = parseRoster("name,phone\nBo,123\n");
    if (r.ok) throw new Error("should fail");
    const { t } = createTranslator("ko", messagesFor("ko"));
    expect(t(r.error.key, r.error.values)).toContain("업무 이메일 열을 찾지 못했습니다");
    const d = ok("name,email\nAda,ada@corp.example\nAda B,ada@corp.example\n").rows[1]!.errors[0]!;
    const de = createTranslator("de", messagesFor("de"));
    expect(de.t(d.message, d.values)).toBe(
      "Dieselbe dienstliche E-Mail steht schon in Zeile 2 dieser Datei.",
    );
  });
});

describe("row errors", () => {
  it("reports each bad row by its row number in the file, with the field and a plain message", () => {
    const r = ok(
      [
        "name,work email,unit,country",
        "Ada Byron,ada@corp.example,Finance,GB",
        ",missing-name@corp.example,Ops,DE",
        "",
        "Cy Twombly,not-an-email,Ops,US",
        "Dee Dee,dee@corp.example,Ops,Germany",
      ].join("\r\n"),
    );
    expect(r.counts).toEqual({ new: 1, invalid: 3, duplicate_in_file: 0, already_on_roster: 0 });
    const bad = r.rows.filter((x) => x.status === "invalid");
    expect(bad.map((b) => b.row)).toEqual([3, 5, 6]);
    expect(bad[0]!.errors).toEqual([{ field: "name", message: "incidents.roster.errors.nameMissing" }]);
    expect(inEnglish(bad[0]!.errors[0]!.message)).toBe("The name is missing.");
    expect(bad[1]!.errors[0]).toMatchObject({ field: "email" });
    expect(inEnglish(bad[1]!.errors[0]!.message)).toMatch(/not a valid email/);
    expect(bad[2]!.errors[0]).toMatchObject({ field: "country" });
    expect(bad[1]!.raw.email).toBe("not-an-email");
  });

  it("reads quoted cells with commas and a header-only file is an error", () => {
    const r = ok('name,email,unit\n"Byron, Ada",ada@corp.example,"R&D, Lab 2"\n');
    expect(r.rows[0]!.data).toMatchObject({ name: "Byron, Ada", unit: "R&D, Lab 2" });
    expect(parseRoster("name,email\n\n").ok).toBe(false);
    expect(parseRoster("   ").ok).toBe(false);
  });
});

describe("duplicates", () => {
  it("reports the same work email twice in the file (case-insensitive), pointing at the first row", () => {
    const r = ok("name,email\nAda,ada@corp.example\nAda B,ADA@corp.example\n");
    expect(r.rows[1]).toMatchObject({ status: "duplicate_in_file", row: 3 });
    const e = r.rows[1]!.errors[0]!;
    expect(inEnglish(e.message, e.values)).toContain("row 2");
  });

  it("reports a work email already on the incident's roster", () => {
    const r = ok("name,email\nAda,ada@corp.example\nBo,bo@corp.example\n", (e) => e === "bo@corp.example");
    expect(r.rows.map((x) => x.status)).toEqual(["new", "already_on_roster"]);
  });
});

describe("caps", () => {
  it(`accepts ${MAX_ROSTER_ROWS} rows and refuses one more with a clear message`, () => {
    const lines = (n: number) =>
      ["name,email", ...Array.from({ length: n }, (_, i) => `P${i},p${i}@corp.example`)].join("\n");
    expect(ok(lines(MAX_ROSTER_ROWS)).rows).toHaveLength(MAX_ROSTER_ROWS);
    const r = parseRoster(lines(MAX_ROSTER_ROWS + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(english(r.error)).toMatch(/at most 5,000/);
  });

  it("refuses more than 2 MB", () => {
    const r = parseRoster(`name,email\n${"x".repeat(2 * 1024 * 1024)},a@b.example\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(english(r.error)).toMatch(/2 MB/);
  });
});
