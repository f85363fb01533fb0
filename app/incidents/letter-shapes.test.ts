// Bulk letters are made once per "shape" and filled with each person's own values (letter-shapes.server.ts).
// Every letter must come out exactly as writing it by hand does: composeVariables, the send-time gate,
// renderTemplate and the stored JSON. Tricky values (quotes, backslashes, markers, several lines, very long,
// blank) and templates or keys that break the shape's assumptions must all still give that letter.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import type { Exposure } from "~/exposures/exposures.server";
import { getRecipient, type RecipientDetail } from "~/recipients/directory.server";
import { importDirectory } from "~/recipients/import.server";
import { type ComposeInput, composeVariables } from "~/requests/compose/compose.server";
import type { LetterDetails } from "~/requests/compose/forms";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { getTemplate, type LetterTemplate, renderTemplate } from "~/requests/render/templates.server";
import { findUnfilled, missingVariables } from "~/requests/sendable";
import { emailRecipients } from "./bulk-fixtures.server";
import { detailsShapeKey, LetterShapes, type ShapedLetter } from "./letter-shapes.server";

type Person = { name: string; email: string; address: string; identifiers: string; urls: string[] };

const PEOPLE: Person[] = [
  {
    name: "Ana Łukasiewicz",
    email: "ana@example.org",
    address: "",
    identifiers: "ana_l\n@ana",
    urls: ["https://t.me/leak/1"],
  },
  {
    name: 'Jo "JJ" O\'Brien \\ Back',
    email: "jo@example.org",
    address: "",
    identifiers: "",
    urls: ['https://paste.example/a?q="x"&b=\\'],
  },
  {
    name: "Zoë 😀 Smith",
    email: "",
    address: "",
    identifiers: "zoe",
    urls: ["https://forum.example/t/2", "https://x.example/p/3"],
  },
  {
    name: "Eve {{ reference }} %}",
    email: "eve@example.org",
    address: "",
    identifiers: "",
    urls: ["https://t.me/leak/4"],
  },
  {
    name: "Max  Two Spaces",
    email: "max@example.org",
    address: "1 High Street\nTown",
    identifiers: "",
    urls: ["https://t.me/leak/5"],
  },
  {
    name: "Lee Long",
    email: "long@example.org",
    address: `${"Long Road ".repeat(60)}End`,
    identifiers: "",
    urls: ["https://t.me/leak/6"],
  },
  {
    name: "Ana Łukasiewicz",
    email: "ana2@example.org",
    address: "Flat 2, 3 Road",
    identifiers: "a\nb\nc",
    urls: ["https://t.me/leak/7"],
  },
];

let recipients: RecipientDetail[];

beforeAll(() => {
  importDirectory(getDb());
  recipients = emailRecipients(2).map((id) => getRecipient(null, id)!);
});

function detailsOf(
  p: Person,
  option: string,
  lang: string,
  extra: Record<string, string> = {},
): LetterDetails {
  return LetterDetailsSchema.parse({
    exposureIds: ["placeholder"],
    option,
    lang,
    destination: "email|privacy@example.com",
    requesterName: p.name,
    requesterEmail: p.email,
    contactAddress: p.address ? "typed" : "none",
    requesterAddress: p.address,
    requesterCountry: "Germany",
    identifiers: p.identifiers,
    searchTerms: p.name,
    represented: "on",
    repName: "Security Team",
    repOrganisation: "Employer",
    repEmail: "security@employer.example",
    repMandateDate: "2026-11-01",
    particularSituation: "Our staff list was posted with a call to visit them at home.",
    authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
    ...extra,
  });
}

function inputOf(template: LetterTemplate, p: Person, r: RecipientDetail, details: LetterDetails, n: number) {
  const exposures = p.urls.map(
    (url, i) =>
      ({
        id: `e${n}-${i}`,
        caseId: "case",
        url,
        host: new URL(url).host,
        platform: null,
        recipientId: r.id,
        exposed: i ? ["photos"] : ["home_address", "phone"],
        callsForHarm: true,
        foundOn: "2026-11-01",
        severity: "high",
        computedSeverity: "high",
        severityOverridden: false,
        status: "up",
        notes: "",
        updatedAt: new Date(0),
      }) as unknown as Exposure,
  );
  return {
    meta: template.meta,
    details: { ...details, destination: { channel: "email" as const, address: "privacy@example.com" } },
    regime: details.option.regime,
    reference: `RX-${String(1000 + n).slice(-4)}-AB`,
    today: "2026-11-23",
    exposures,
    recipient: r,
    channel: "email" as const,
    address: "privacy@example.com",
    workspaceId: "ws",
  } satisfies ComposeInput;
}

/** What writing the letter by hand gives. */
function byHand(template: LetterTemplate, input: ComposeInput): ShapedLetter {
  const variables = composeVariables(input).variables;
  const missing = missingVariables({
    template: template.meta,
    variables: variables as Record<string, unknown>,
  });
  if (missing.length) return { missing };
  const r = renderTemplate(template, variables);
  return {
    missing: null,
    subject: r.subject,
    body: r.body,
    variablesJson: JSON.stringify(variables),
    unfilled: findUnfilled(r.subject).length > 0 || findUnfilled(r.body).length > 0,
  };
}

describe("letters made from shapes", () => {
  it("are exactly the letters written by hand, for every person, template and recipient", () => {
    const shapes = new LetterShapes();
    const templates = [
      getTemplate("gdpr-erasure", "en")!,
      getTemplate("gdpr-erasure", "de")!,
      getTemplate("broker-optout", "en")!,
    ];
    let n = 0;
    let letters = 0;
    // Twice round, so that later letters of every shape are filled without being made in full.
    for (let round = 0; round < 3; round++) {
      for (const template of templates) {
        const option = `${template.meta.kind}/${template.meta.regimes[0]}`;
        for (const r of recipients) {
          for (const p of PEOPLE) {
            const details = detailsOf(p, option, template.meta.lang);
            const input = inputOf(template, p, r, details, n++);
            const made = shapes.letter(template, input, detailsShapeKey(details));
            expect(made).toEqual(byHand(template, input));
            if (made.missing === null) {
              letters += 1;
              expect(made.subject).toContain(input.reference);
              expect(JSON.parse(made.variablesJson).requester.name).toBe(p.name);
            }
          }
        }
      }
    }
    expect(letters).toBeGreaterThan(50); // not everything was skipped as missing
    // Most letters came from a shape; only people whose values cannot be put back have shapes of their own.
    expect(shapes.counts.inFull).toBe(0);
    expect(shapes.counts.shaped).toBe(n);
  });

  it("give a plan the outcome of every letter without its text, as the letters made by hand have it", () => {
    // One LetterShapes for the plan (outcome), as BulkRun.planCell uses it: no text, the same outcome.
    const shapes = new LetterShapes();
    const templates = [getTemplate("gdpr-erasure", "en")!, getTemplate("broker-optout", "en")!];
    let n = 0;
    const outcomes = { missing: 0, ready: 0 };
    for (let round = 0; round < 3; round++) {
      for (const template of templates) {
        const option = `${template.meta.kind}/${template.meta.regimes[0]}`;
        for (const r of recipients) {
          for (const p of PEOPLE) {
            const details = detailsOf(p, option, template.meta.lang);
            const input = inputOf(template, p, r, details, n++);
            const hand = byHand(template, input);
            const outcome = shapes.outcome(template, input, detailsShapeKey(details));
            if (hand.missing) expect(outcome).toEqual({ missing: hand.missing });
            else expect(outcome).toEqual({ missing: null, unfilled: hand.unfilled });
            outcomes[hand.missing ? "missing" : "ready"] += 1;
          }
        }
      }
    }
    expect(outcomes.missing).toBeGreaterThan(0);
    expect(outcomes.ready).toBeGreaterThan(50);
    expect(shapes.counts.inFull).toBe(0);
    expect(shapes.counts.shaped).toBe(n);
  });

  it("notice a template that changes a person's value in a plan too, and check those letters in full", () => {
    const shapes = new LetterShapes();
    const base = getTemplate("gdpr-erasure", "en")!;
    const template = {
      ...base,
      body: base.body.replace("- Name: {{ requester.name }}", "- Name: {{ requester.name | upcase }}"),
    };
    for (let i = 0; i < 6; i++) {
      const p = PEOPLE[i % 3]!;
      const details = detailsOf(p, "gdpr-erasure/gdpr", "en");
      const input = inputOf(template, p, recipients[0]!, details, i);
      const hand = byHand(template, input);
      const outcome = shapes.outcome(template, input, detailsShapeKey(details));
      expect(outcome).toEqual(
        hand.missing ? { missing: hand.missing } : { missing: null, unfilled: hand.unfilled },
      );
    }
    expect(shapes.counts.inFull).toBeGreaterThan(0);
  });

  it("notices a template that changes a person's value, and writes those letters in full", () => {
    const shapes = new LetterShapes();
    const base = getTemplate("gdpr-erasure", "en")!;
    const template = {
      ...base,
      body: base.body.replace("- Name: {{ requester.name }}", "- Name: {{ requester.name | upcase }}"),
    };
    expect(template.body).not.toBe(base.body);
    for (let i = 0; i < 6; i++) {
      const p = PEOPLE[i % 3]!;
      const details = detailsOf(p, "gdpr-erasure/gdpr", "en");
      const input = inputOf(template, p, recipients[0]!, details, i);
      const made = shapes.letter(template, input, detailsShapeKey(details));
      expect(made).toEqual(byHand(template, input));
      if (made.missing === null) expect(made.body).toContain(`- Name: ${p.name.toUpperCase()}`);
    }
    expect(shapes.counts.inFull).toBeGreaterThan(0);
  });

  it("notices a shape key that leaves out a detail the letter uses, and writes those letters in full", () => {
    const shapes = new LetterShapes();
    const template = getTemplate("gdpr-erasure", "en")!;
    const p = PEOPLE[0]!;
    const reasons = ["The first reason.", "A second, different reason.", "A third reason."];
    for (const [i, reason] of reasons.entries()) {
      const details = detailsOf(p, "gdpr-erasure/gdpr", "en", { delistingReason: reason });
      const input = inputOf(template, p, recipients[0]!, details, i);
      // The same key for details that differ: the second letter is checked in full, and differs.
      const made = shapes.letter(template, input, "one key for all");
      expect(made).toEqual(byHand(template, input));
      expect(made.missing === null && JSON.parse(made.variablesJson).exposures[0].reason).toBe(reason);
    }
    expect(shapes.counts.inFull).toBe(2);
  });
});
