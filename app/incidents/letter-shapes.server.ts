// Letters of one bulk run come in few "shapes": the same template, recipient, destination, day and job texts,
// differing only in each person's own values (name, email, postal address, the URLs, identifiers, search
// terms) and the reference. A shape's variables are composed, checked, rendered and serialised once, with a
// marker in each of those places; each letter then only puts its own values back (decision 047). The output
// is the same as composeVariables + missingVariables + renderTemplate + JSON.stringify for that letter: the
// first two letters of every shape and every 256th letter are also made in full and compared, and a
// difference makes every later letter of that shape in full.
import { type ComposeInput, composeVariables } from "~/requests/compose/compose.server";
import type { LetterDetails } from "~/requests/compose/forms";
import type { LetterVariablesInput } from "~/requests/compose/variables";
import { type LetterTemplate, renderTemplate } from "~/requests/render/templates.server";
import { findUnfilled, missingVariables } from "~/requests/sendable";

/** A reference no letter can have (I, L, O, U are not in the alphabet) standing in for each letter's own. */
const REFERENCE_MARK = "RX-ULIO-UL";
const STX = String.fromCharCode(2);
const ETX = String.fromCharCode(3);
/** Values Liquid or the renderer's clean-up could change (any whitespace but a single space), or markers. */
const UNSAFE = new RegExp(
  `[^\\S ]| {2}|[{}%${String.fromCharCode(0)}-${String.fromCharCode(31)}]|${REFERENCE_MARK}`,
);
/** A value's marker in rendered text, and the same marker inside a JSON string. */
const TEXT_MARK = new RegExp(`${STX}(\\d+)${ETX}|${REFERENCE_MARK}`, "g");
const JSON_MARK = new RegExp(`\\\\u0002(\\d+)\\\\u0003|${REFERENCE_MARK}`, "g");
/** How often a letter of a known shape is also made in full and compared (each costs ~2 ms). */
const VERIFY_EVERY = 256;

/** Text with holes: literal strings, a value's index, or -1 for the reference. */
type Holes = (string | number)[];

type Shape = {
  /** "full": a letter made from the shape differed from one made in full; its letters are made in full. */
  mode: "shape" | "full";
  letters: number;
  missing: string[];
  /** The variables with markers (what the template is rendered from), and as JSON with holes. */
  masked: LetterVariablesInput;
  json: Holes;
  text?: { subject: Holes; body: Holes; unfilled: boolean } | "failed";
};

export type ShapedLetter =
  | { missing: string[] }
  | { missing: null; subject: string; body: string; variablesJson: string; unfilled: boolean };

/** What a letter's checks need of it (outcome): its empty required places, or whether a marker is left. */
export type LetterOutcome = { missing: string[] } | { missing: null; unfilled: boolean };

/** The template could not be filled for this letter (as renderTemplate fails for it written by hand). */
export class RenderFailed extends Error {
  constructor() {
    super("this letter cannot be rendered");
    this.name = "RenderFailed";
  }
}

/**
 * What a letter's details add to its shape: every field but the person's own values (put back per letter),
 * the places and the destination (in the shape through the input) and the per-letter choices the shape key
 * names itself. Costs a JSON encoding, so BulkRun computes it once per person and kind of letter.
 */
export function detailsShapeKey(d: LetterDetails): string {
  return JSON.stringify({
    ...d,
    option: undefined,
    lang: undefined,
    authorityName: undefined,
    exposureIds: undefined,
    destination: undefined,
    requesterName: undefined,
    requesterEmail: undefined,
    requesterAddress: undefined,
    identifiers: undefined,
    searchTerms: undefined,
  });
}

/** A letter's own values, in a fixed order, where composeVariables puts them. */
function ownValues(input: ComposeInput): unknown[] {
  const d = input.details;
  return [
    d.requesterName,
    d.requesterEmail,
    d.requesterAddress || null,
    ...input.exposures.map((e) => e.url),
    ...d.identifiers,
    ...d.searchTerms,
  ];
}

/** Only plain one-line values are put back per letter (Liquid prints them unchanged); others are shape. */
const replaceable = (v: unknown): v is string =>
  typeof v === "string" && v !== "" && v.length <= 500 && v === v.trim() && !UNSAFE.test(v);

function holes(text: string, mark: RegExp): Holes {
  const out: Holes = [];
  let last = 0;
  for (const m of text.matchAll(mark)) {
    out.push(text.slice(last, m.index), m[1] === undefined ? -1 : Number(m[1]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

function fill(h: Holes, values: readonly string[], reference: string): string {
  let out = "";
  for (const part of h) out += typeof part === "string" ? part : part < 0 ? reference : values[part];
  return out;
}

export class LetterShapes {
  private readonly shapes = new Map<string, Shape>();
  private made = 0;
  /** Letters made from a shape and made in full (a shape that differed, or its later letters): for tests. */
  readonly counts = { shaped: 0, inFull: 0 };

  constructor(private readonly limit = 2000) {}

  /**
   * One letter: the variables' empty required places (then nothing is rendered), or its subject, body and
   * variables as JSON. `detailsKey` is detailsShapeKey(input.details), which the caller may keep for
   * letters whose details differ only in the fields it leaves out.
   */
  letter(template: LetterTemplate, input: ComposeInput, detailsKey: string): ShapedLetter {
    return this.make(template, input, detailsKey, true) as ShapedLetter;
  }

  /**
   * The same checks as `letter` without its text: a bulk run's plan counts 25,000 cells and keeps none of
   * them. The letters `letter` would compare with one made in full are still made and compared (the first
   * two of every shape, every 256th), so a shape that differs is found by a plan as by a run; the others
   * take their outcome from their shape, which is what `letter` returns for them.
   */
  outcome(template: LetterTemplate, input: ComposeInput, detailsKey: string): LetterOutcome {
    const made = this.make(template, input, detailsKey, false);
    return made.missing ? { missing: made.missing } : { missing: null, unfilled: made.unfilled };
  }

  private make(
    template: LetterTemplate,
    input: ComposeInput,
    detailsKey: string,
    needText: boolean,
  ): ShapedLetter | LetterOutcome {
    const own = ownValues(input);
    const values: string[] = [];
    let pattern = "";
    for (const v of own) {
      if (replaceable(v)) {
        values.push(v);
        pattern += "\u0001";
      } else {
        values.push("");
        pattern += `${JSON.stringify(v) ?? "u"}\u0001`;
      }
    }
    const m = input.meta;
    const d = input.details;
    const key = [
      detailsKey,
      d.option.kind,
      d.option.regime,
      d.lang,
      d.authorityName,
      m.id,
      m.lang,
      m.version,
      input.regime,
      input.today,
      input.recipient?.id ?? "",
      input.channel,
      input.address,
      input.exposures.map((e) => e.exposed.join(",")).join(";"),
      pattern,
    ].join("\u0000");
    let shape = this.shapes.get(key);
    if (shape?.mode === "full") return this.inFull(template, input);
    let full: LetterVariablesInput | undefined;
    if (!shape) {
      full = composeVariables(input).variables;
      shape = this.shapeOf(template, full, own, values);
      if (this.shapes.size >= this.limit) this.shapes.clear();
      this.shapes.set(key, shape);
    }
    shape.letters += 1;
    this.made += 1;
    const verify = shape.letters <= 2 || this.made % VERIFY_EVERY === 0;
    if (!needText && !verify && (shape.missing.length || shape.text !== undefined)) {
      this.counts.shaped += 1;
      if (shape.missing.length) return { missing: shape.missing };
      if (shape.text === "failed") throw new RenderFailed();
      return { missing: null, unfilled: shape.text!.unfilled };
    }
    const escaped = values.map((v) => JSON.stringify(v).slice(1, -1));
    const variablesJson = fill(shape.json, escaped, input.reference);
    if (verify) {
      full ??= composeVariables(input).variables;
      if (JSON.stringify(full) !== variablesJson) {
        shape.mode = "full";
        return this.inFull(template, input);
      }
    }
    if (shape.missing.length) {
      this.counts.shaped += 1;
      return { missing: shape.missing };
    }
    let text = shape.text;
    if (!text) {
      try {
        const r = renderTemplate(template, shape.masked);
        text = {
          subject: holes(r.subject, TEXT_MARK),
          body: holes(r.body, TEXT_MARK),
          unfilled: findUnfilled(r.subject).length > 0 || findUnfilled(r.body).length > 0,
        };
      } catch {
        text = "failed";
      }
      shape.text = text;
    }
    // A template that cannot be filled for a shape (an undefined variable) fails alike for every letter of it.
    if (text === "failed") throw new RenderFailed();
    const out = {
      missing: null,
      subject: fill(text.subject, values, input.reference),
      body: fill(text.body, values, input.reference),
      variablesJson,
      unfilled: text.unfilled,
    };
    if (verify) {
      const r = this.render(template, full ?? composeVariables(input).variables);
      if (r.subject !== out.subject || r.body !== out.body) {
        shape.mode = "full";
        return this.inFull(template, input);
      }
    }
    this.counts.shaped += 1;
    return out;
  }

  private shapeOf(
    template: LetterTemplate,
    full: LetterVariablesInput,
    own: unknown[],
    values: string[],
  ): Shape {
    // The person's values become markers where they are put back per letter; others stay (they are in the key).
    const mark = (i: number) => (values[i] === "" ? own[i] : `${STX}${i}${ETX}`);
    const nUrls = full.exposures?.length ?? 0;
    const nIds = full.identifiers?.length ?? 0;
    const masked = {
      ...full,
      reference: REFERENCE_MARK,
      requester: full.requester && {
        ...full.requester,
        name: mark(0),
        email: mark(1),
        postalAddress: mark(2),
      },
      exposures: full.exposures?.map((e, i) => ({ ...e, url: mark(3 + i) })),
      identifiers: full.identifiers?.map((_x, i) => mark(3 + nUrls + i)),
      searchTerms: full.searchTerms?.map((_x, i) => mark(3 + nUrls + nIds + i)),
    } as LetterVariablesInput;
    return {
      mode: "shape",
      letters: 0,
      missing: missingVariables({ template: template.meta, variables: full as Record<string, unknown> }),
      masked,
      json: holes(JSON.stringify(masked), JSON_MARK),
    };
  }

  private render(template: LetterTemplate, variables: LetterVariablesInput) {
    try {
      return renderTemplate(template, variables);
    } catch {
      throw new RenderFailed();
    }
  }

  /** A letter made without its shape: exactly what writing it by hand does. */
  private inFull(template: LetterTemplate, input: ComposeInput): ShapedLetter {
    this.counts.inFull += 1;
    const variables = composeVariables(input).variables;
    const missing = missingVariables({
      template: template.meta,
      variables: variables as Record<string, unknown>,
    });
    if (missing.length) return { missing };
    const r = this.render(template, variables);
    return {
      missing: null,
      subject: r.subject,
      body: r.body,
      variablesJson: JSON.stringify(variables),
      unfilled: findUnfilled(r.subject).length > 0 || findUnfilled(r.body).length > 0,
    };
  }
}
