// One table of language names: every letter language has both names, and other codes get Intl's English name.
import { describe, expect, it } from "vitest";
import { LANGS } from "~/requests/compose/variables";
import { LANGUAGE_NAMES, langName, langOwnName, OWN_NAMES } from "./languages";

describe("language names", () => {
  it("names every letter language in English and in its own words", () => {
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LANGS].sort());
    expect(LANGS.map(langName)).toEqual(["English", "German", "French", "Dutch", "Korean"]);
    expect(LANGS.map((l) => langOwnName(l))).toEqual([
      "English",
      "Deutsch",
      "Français",
      "Nederlands",
      "한국어",
    ]);
    for (const l of LANGS) expect(OWN_NAMES[l]).toBe(LANGUAGE_NAMES[l].own);
  });

  it("names a language Retract writes no letter in (one an authority takes) by Intl, in English", () => {
    expect(langName("it")).toBe("Italian");
    expect(langOwnName("it")).toBe("Italian");
  });
});
