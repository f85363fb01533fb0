// The one registry of letter kinds: complete, in plain words, in step with the templates, and strict about a
// kind it does not know.
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "~/deadlines/rules";
import { inEnglish } from "~/i18n/english.server";
import { letterKinds } from "~/recipients/model.server";
import { RIGHTS } from "~/requests/compose/variables";
import { checklistFor } from "~/requests/render/checklist";
import { getTemplate, listTemplates } from "~/requests/render/templates.server";
import {
  BULK_KINDS,
  DIRECTORY_KINDS,
  expectedTemplates,
  isKind,
  KIND_IDS,
  KINDS,
  kindALetter,
  kindInfo,
  kindLabel,
  kindRule,
  NEXT_KINDS,
  rightExercised,
  templateDisagreements,
  UnknownKindError,
  WRITABLE_KINDS,
} from "./kinds";

const templates = listTemplates().filter((m) => m.id === m.kind);

/** The kind in English words, where no page language applies (the audit log, the evidence timeline). */
const inEnglishLabel = (kind: string) => inEnglish(kindLabel(kind));

describe("the kinds registry", () => {
  it("has one entry per kind id, in the same order", () => {
    expect(Object.keys(KINDS)).toEqual([...KIND_IDS]);
    expect(new Set(KIND_IDS).size).toBe(KIND_IDS.length);
  });

  it("names every kind in plain words that are its own and carry no id", () => {
    // "follow-up" and "mandate" are English words as well as ids; every other id must never be part of a label.
    const ids: readonly string[] = [...KIND_IDS, ...RULE_IDS].filter(
      (id) => id !== "follow-up" && id !== "mandate",
    );
    const labels = KIND_IDS.map((k) => inEnglishLabel(k));
    expect(new Set(labels).size).toBe(labels.length);
    for (const k of KIND_IDS) {
      const { aLetter } = KINDS[k];
      const label = inEnglishLabel(k);
      expect(label.trim(), k).not.toBe("");
      expect(aLetter, k).toMatch(/^an? \S/);
      for (const id of ids) {
        expect(label, `${k} label`).not.toMatch(new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`));
        expect(aLetter, `${k} phrase`).not.toMatch(new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`));
      }
    }
  });

  it("has a built-in template for each language each kind lists, and lists each template's language", () => {
    const have = new Set(templates.map((t) => `${t.kind}/${t.lang}`));
    for (const key of expectedTemplates()) expect(have, key).toContain(key);
    for (const key of have) expect(expectedTemplates(), key).toContain(key);
  });

  it("agrees with every built-in template on regimes, channels and deadline rules", () => {
    for (const meta of templates) expect(templateDisagreements(meta), `${meta.id}/${meta.lang}`).toEqual([]);
    // Every regime a kind lists is served by one of its templates.
    for (const k of KIND_IDS)
      for (const r of KINDS[k].regimes)
        expect(
          templates.some((t) => t.kind === k && t.regimes.includes(r)),
          `${k} under ${r}`,
        ).toBe(true);
  });

  it("catches a template that strays from its kind", () => {
    const meta = getTemplate("gdpr-erasure", "en")!.meta;
    expect(templateDisagreements({ ...meta, regimes: [...meta.regimes, "dmca"] })).toEqual([
      "regime dmca is not one of the kind's (gdpr, uk-gdpr)",
    ]);
    expect(templateDisagreements({ ...meta, channels: ["webform"] })).toEqual([
      "channel webform is not one of the kind's (email, pdf)",
    ]);
    expect(templateDisagreements({ ...meta, deadlineRuleByRegime: {} })).toEqual([
      "under uk-gdpr the deadline rule is gdpr-month, the kind's is uk-gdpr-month",
    ]);
    expect(templateDisagreements({ ...meta, lang: "ko" })).toEqual([
      "language ko is not one the kind lists (en, de, fr, nl)",
    ]);
  });

  it("derives the deadline rule per regime", () => {
    expect(kindRule("gdpr-erasure", "gdpr")).toBe("gdpr-month");
    expect(kindRule("gdpr-erasure", "uk-gdpr")).toBe("uk-gdpr-month");
    expect(kindRule("broker-optout", "none")).toBe("platform-sla");
    expect(kindRule("broker-optout", "ccpa")).toBe("ccpa-45");
    expect(kindRule("follow-up", "gdpr")).toBeNull();
  });

  it("derives every list from the entries", () => {
    expect([...WRITABLE_KINDS]).toEqual(KIND_IDS.filter((k) => KINDS[k].writable));
    expect([...BULK_KINDS]).toEqual(KIND_IDS.filter((k) => KINDS[k].bulk));
    expect([...NEXT_KINDS]).toEqual(["follow-up", "regulator-complaint"]);
    // The directory's schema takes exactly the registry's directory kinds.
    expect([...letterKinds]).toEqual([...DIRECTORY_KINDS]);
    // A bulk run writes only what the letter form can; a next letter is written from a request, not a case.
    for (const k of BULK_KINDS) expect(KINDS[k].writable, k).toBe(true);
    for (const k of NEXT_KINDS) expect(KINDS[k].writable, k).toBe(false);
    // Only the owner of the photos may send a DMCA notice: never for a roster.
    expect(BULK_KINDS).not.toContain("dmca-takedown");
  });

  it("has checks of its own for every kind", () => {
    const common = checklistFor("mandate").filter((c) => c.id.startsWith("common.")).length;
    for (const k of KIND_IDS)
      expect(
        checklistFor(k).filter((c) => c.id.startsWith(`${k}.`)).length,
        `${k} has kind checks`,
      ).toBeGreaterThan(0);
    expect(common).toBeGreaterThan(0);
  });

  it("words every right a complaint can name in the English complaint", () => {
    const body = getTemplate("regulator-complaint", "en")!.body;
    const complaintRegimes = KINDS["regulator-complaint"].regimes;
    for (const k of KIND_IDS)
      for (const r of KINDS[k].regimes) {
        if (!(complaintRegimes as readonly string[]).includes(r)) continue;
        const right = rightExercised(k, r);
        if (!right) continue;
        expect(RIGHTS, `${k} under ${r}`).toContain(right);
        expect(body, `${k} under ${r}: "${right}"`).toContain(`when "${right}"`);
      }
  });

  it("says which right a request exercised, or none, and refuses a kind it does not know", () => {
    expect(rightExercised("gdpr-erasure", "gdpr")).toBe("erasure");
    expect(rightExercised("broker-optout", "ccpa")).toBe("ccpa-deletion");
    expect(rightExercised("broker-optout", "gdpr")).toBe("erasure");
    expect(rightExercised("platform-report", "platform")).toBeNull();
    expect(() => rightExercised("gdpr-erasur", "gdpr")).toThrow(UnknownKindError);
    expect(() => kindInfo("")).toThrow(UnknownKindError);
    expect(() => kindInfo("toString")).toThrow(UnknownKindError);
    expect(isKind("constructor")).toBe(false);
    expect(kindInfo("dsa-notice")).toBe(KINDS["dsa-notice"]);
  });

  it("shows a kind it does not know as a plain word, never as the stored value", () => {
    expect(kindLabel("gdpr-erasure")).toBe(KINDS["gdpr-erasure"].label);
    expect(inEnglishLabel("gdpr-erasure")).toBe("Erasure request and objection (GDPR Art 17 and 21)");
    expect(inEnglishLabel("old-kind")).toBe("Letter");
    expect(kindALetter("regulator-complaint")).toBe("a complaint");
    expect(kindALetter("old-kind")).toBe("a letter");
  });
});
