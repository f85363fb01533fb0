// The letter templates: every kind and language passes its docs/legal.md checklist, and nothing unfilled or
// injected ever leaves the renderer.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Lang, LetterVariablesInput } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { KIND_IDS } from "~/requests/kinds";
import { assertSendable, findUnfilled, LetterNotSendableError } from "~/requests/sendable";
import { runChecklist } from "./checklist";
import { examplesFor } from "./examples";
import {
  clearTemplateCache,
  getTemplate,
  listTemplates,
  parseTemplate,
  renderLetter,
  TemplateError,
} from "./templates.server";

const templates = listTemplates();
const cases = templates.flatMap((meta) =>
  examplesFor(meta.kind, meta.lang, meta.regimes).map((f) => ({ meta, fixture: f })),
);

function gdprErasure(lang: Lang = "en", represented = false): LetterVariablesInput {
  const fixture = examplesFor("gdpr-erasure", lang, ["gdpr"])[represented ? 1 : 0];
  return structuredClone(fixture!.variables);
}

describe("template catalogue", () => {
  it("has English for every kind, de/fr/nl for the four EU kinds and Korean for the two Korean kinds", () => {
    const have = new Set(templates.map((t) => `${t.kind}/${t.lang}`));
    for (const kind of KIND_IDS) expect(have, kind).toContain(`${kind}/en`);
    for (const kind of ["gdpr-erasure", "gdpr-access", "follow-up", "regulator-complaint"]) {
      for (const lang of ["de", "fr", "nl"]) expect(have).toContain(`${kind}/${lang}`);
    }
    expect(have).toContain("kr-pipa-deletion/ko");
    expect(have).toContain("kr-icna-deletion/ko");
  });

  it("writes a platform report to a host that is not on the platform list (its own terms, no variant)", () => {
    const fixture = examplesFor("platform-report", "en")[0];
    if (!fixture) throw new Error("no platform-report fixture");
    const letter = renderLetter({
      templateId: "platform-report",
      lang: "en",
      variables: { ...fixture.variables, platform: undefined },
    });
    expect(letter.body).toContain("breaks your terms of service and acceptable use policy");
    expect(letter.body).not.toContain("undefined");
  });

  it("offers one platform-report variant per platform of the directory", () => {
    expect(getTemplate("platform-report", "en")?.meta.variants?.values).toEqual([
      "telegram",
      "x",
      "meta",
      "google-search",
      "youtube",
      "reddit",
      "pastebin",
      "discord",
      "tiktok",
    ]);
  });
});

describe("every kind × language × fixture passes its docs/legal.md checklist", () => {
  it.each(cases.map((c) => [`${c.meta.id}/${c.meta.lang} ${c.fixture.name}`, c] as const))(
    "%s",
    (_name, { meta, fixture }) => {
      const letter = renderLetter({ templateId: meta.id, lang: meta.lang, variables: fixture.variables });
      const variables = LetterVariables.parse(fixture.variables);
      expect(letter.missing).toEqual([]);
      expect(findUnfilled(`${letter.subject}\n${letter.body}`)).toEqual([]);
      expect(() =>
        assertSendable({ template: meta, variables, subject: letter.subject, body: letter.body }),
      ).not.toThrow();
      const result = runChecklist({
        kind: meta.kind,
        lang: meta.lang,
        subject: letter.subject,
        body: letter.body,
        variables,
      });
      expect(result.checks.filter((c) => c.status === "fail")).toEqual([]);
      expect(result.passed).toBe(result.total);
    },
  );

  it("GDPR erasure passes all 10 docs/legal.md items when a representative sends it, in every language", () => {
    for (const lang of ["en", "de", "fr", "nl"] as const) {
      const variables = gdprErasure(lang, true);
      const letter = renderLetter({ templateId: "gdpr-erasure", lang, variables });
      const result = runChecklist({
        kind: "gdpr-erasure",
        ...letter,
        variables: LetterVariables.parse(variables),
      });
      const items = result.checks.filter((c) => /^gdpr-erasure\.\d+-/.test(c.id));
      expect(items).toHaveLength(10);
      expect(
        items.every((c) => c.status === "pass"),
        lang,
      ).toBe(true);
    }
  });

  it("DMCA passes 6 of 6 and DSA 4 of 4", () => {
    for (const [kind, count] of [
      ["dmca-takedown", 6],
      ["dsa-notice", 4],
    ] as const) {
      for (const fixture of examplesFor(kind, "en")) {
        const letter = renderLetter({ templateId: kind, lang: "en", variables: fixture.variables });
        const result = runChecklist({
          kind,
          ...letter,
          variables: LetterVariables.parse(fixture.variables),
        });
        // The statute's numbered / lettered elements (the kind may add checks of its own, e.g. escalation).
        const own = result.checks.filter((c) => c.id.startsWith(`${kind}.`) && /\.[0-9a-d]-/.test(c.id));
        expect(own).toHaveLength(count);
        expect(own.filter((c) => c.status === "pass")).toHaveLength(count);
      }
    }
  });
});

describe("checklist catches what is missing", () => {
  it("fails the Art 17(2) item when that paragraph is edited out", () => {
    const variables = gdprErasure();
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "en", variables });
    const edited = letter.body.replace(/3\. Other controllers[\s\S]*?\n\n/, "");
    const result = runChecklist({
      kind: "gdpr-erasure",
      lang: "en",
      subject: letter.subject,
      body: edited,
      variables: LetterVariables.parse(variables),
    });
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.id === "gdpr-erasure.6-art-17-2")?.status).toBe("fail");
  });

  it("fails the URL item when a URL is dropped from a Dutch letter", () => {
    const variables = gdprErasure("nl");
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "nl", variables });
    const edited = letter.body.replaceAll("https://paste.example/raw/Qx7Lm2", "");
    const result = runChecklist({
      kind: "gdpr-erasure",
      lang: "nl",
      subject: letter.subject,
      body: edited,
      variables: LetterVariables.parse(variables),
    });
    expect(result.checks.find((c) => c.id === "gdpr-erasure.3-items")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("https://paste.example/raw/Qx7Lm2"),
    });
  });

  it("fails the DMCA perjury statement when it is removed", () => {
    const fixture = examplesFor("dmca-takedown", "en")[0]!;
    const letter = renderLetter({ templateId: "dmca-takedown", lang: "en", variables: fixture.variables });
    const edited = letter.body.replace("under penalty of perjury, ", "");
    const result = runChecklist({
      kind: "dmca-takedown",
      lang: "en",
      subject: letter.subject,
      body: edited,
      variables: LetterVariables.parse(fixture.variables),
    });
    expect(result.checks.find((c) => c.id === "dmca-takedown.6-accuracy-perjury")?.status).toBe("fail");
  });
});

describe("sending is refused while anything is unfilled", () => {
  it("names every empty required variable, marks it in the preview, and assertSendable throws", () => {
    const variables = gdprErasure();
    variables.requester = { ...variables.requester, name: "  " };
    variables.exposures = [variables.exposures![0]!, { url: "", exposedLabels: [] }];
    variables.dueDate = "";
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "en", variables });
    expect(letter.missing).toEqual(expect.arrayContaining(["requester.name", "exposures[1].url", "dueDate"]));
    expect(letter.body).toContain("{{ requester.name }}");
    expect(letter.body).toContain("{{ exposures[1].url }}");

    const meta = getTemplate("gdpr-erasure", "en")!.meta;
    let error: unknown;
    try {
      assertSendable({
        template: meta,
        variables: LetterVariables.parse(variables),
        subject: letter.subject,
        body: letter.body,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LetterNotSendableError);
    expect((error as LetterNotSendableError).missing).toEqual(
      expect.arrayContaining(["requester.name", "exposures[1].url", "dueDate"]),
    );
    expect((error as LetterNotSendableError).markers).toContain("{{ requester.name }}");
    expect((error as Error).message).toContain("requester.name");
  });

  it("requires the representative's mandate date only when a representative sends", () => {
    const variables = gdprErasure("de", true);
    variables.representative = { ...variables.representative!, mandateDate: null };
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "de", variables });
    expect(letter.missing).toEqual(["representative.mandateDate"]);
    expect(
      renderLetter({ templateId: "gdpr-erasure", lang: "de", variables: gdprErasure("de") }).missing,
    ).toEqual([]);
  });

  it("requires the DMCA complainant's email, and an address or phone only where they chose one", () => {
    const self = structuredClone(examplesFor("dmca-takedown", "en")[0]!.variables);
    self.requester = { ...self.requester, phone: null, postalAddress: null };
    const emailOnly = renderLetter({ templateId: "dmca-takedown", lang: "en", variables: self });
    expect(emailOnly.missing).toEqual([]);
    expect(emailOnly.body).not.toMatch(/^(Address|Telephone):/m);
    self.requester = { ...self.requester, email: "" };
    expect(renderLetter({ templateId: "dmca-takedown", lang: "en", variables: self }).missing).toEqual([
      "requester.email",
    ]);
  });

  it("refuses an edited text that still holds a template marker", () => {
    const variables = gdprErasure();
    const meta = getTemplate("gdpr-erasure", "en")!.meta;
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "en", variables });
    const check = { template: meta, variables: LetterVariables.parse(variables), subject: letter.subject };
    expect(() => assertSendable({ ...check, body: `${letter.body}\n{% if x %}` })).toThrow(
      LetterNotSendableError,
    );
    expect(() => assertSendable({ ...check, body: letter.body })).not.toThrow();
  });
});

describe("user data is only ever a value", () => {
  it("renders Liquid syntax in user values verbatim, never evaluated", () => {
    const variables = gdprErasure();
    variables.requester = { ...variables.requester, name: "{{ 7*7 }} {{ requester.email }}" };
    variables.particularSituation = "{% raw %}boom{% endraw %} {% assign x = 1 %}{{ x }} <b>&amp;</b>";
    variables.exposures = [
      { url: "https://evil.example/?q={{ reference }}", exposedLabels: ["{%- comment -%}"] },
    ];
    const letter = renderLetter({ templateId: "gdpr-erasure", lang: "en", variables });
    expect(letter.body).toContain("{{ 7*7 }} {{ requester.email }}");
    expect(letter.body).toContain("{% raw %}boom{% endraw %} {% assign x = 1 %}{{ x }} <b>&amp;</b>");
    expect(letter.body).toContain("https://evil.example/?q={{ reference }}");
    expect(letter.body).toContain("{%- comment -%}");
    expect(letter.body).not.toContain("49");
    expect(letter.body).not.toContain("&lt;b&gt;");
    // Deliberately strict: such values block sending until the user edits them out.
    expect(findUnfilled(letter.body)).toContain("{{ 7*7 }}");
  });
});

describe("front matter is validated", () => {
  const valid = readFileSync(join(process.cwd(), "templates/mandate/en.liquid"), "utf8");

  it("accepts a built-in template", () => {
    expect(parseTemplate(valid).meta).toMatchObject({
      id: "mandate",
      kind: "mandate",
      lang: "en",
      deadlineRule: null,
    });
  });

  it.each([
    [
      "an unknown variable",
      valid.replace("  - mandate.requests\n", "  - mandate.requests\n  - secretKey\n"),
      /unknown variable "secretKey"/,
    ],
    [
      "a subject without the reference",
      valid.replace('subject: "Letter of authority – ref {{ reference }}"', "subject: Letter"),
      /subject/,
    ],
    ["an unknown kind", valid.replace("kind: mandate", "kind: love-letter"), /kind/],
    [
      "an unknown deadline rule",
      valid.replace("deadlineRule: null", "deadlineRule: two-weeks"),
      /deadlineRule/,
    ],
    ["an unknown key", valid.replace(/^version: (\d+)$/m, "version: $1\nauthor: me"), /author|Unrecognized/i],
    [
      "a body variable not declared",
      valid.replace("Letter of authority\nReference", "{{ finalDate }}\nReference"),
      /not declared.*finalDate/,
    ],
    ["broken Liquid", `${valid}\n{% if %}`, /Liquid error/],
  ])("rejects %s", (_what, text, message) => {
    expect(() => parseTemplate(text, "test.liquid")).toThrow(TemplateError);
    expect(() => parseTemplate(text, "test.liquid")).toThrow(message);
  });
});

describe("templates directory", () => {
  afterEach(() => {
    delete process.env.RETRACT_TEMPLATES_DIR;
    clearTemplateCache();
  });

  it("loads from another directory and checks file name against front matter", () => {
    const root = mkdtempSync(join(tmpdir(), "retract-templates-"));
    mkdirSync(join(root, "mandate"));
    const text = readFileSync(join(process.cwd(), "templates/mandate/en.liquid"), "utf8");
    writeFileSync(join(root, "mandate", "en.liquid"), text.replace(/^version: \d+$/m, "version: 7"));
    process.env.RETRACT_TEMPLATES_DIR = root;
    expect(listTemplates().map((t) => `${t.id}/${t.lang}@${t.version}`)).toEqual(["mandate/en@7"]);

    writeFileSync(join(root, "mandate", "de.liquid"), text);
    clearTemplateCache();
    expect(() => listTemplates()).toThrow(/front matter says mandate\/en, file is mandate\/de/);
  });
});
