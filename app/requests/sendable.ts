// The last gate before a letter leaves the app: no empty required variable, no template marker left.

import { blankPaths } from "~/requests/compose/variables";
import { requiredPaths, type TemplateMeta } from "~/requests/render/template-meta";

const MARKER = /\{\{[\s\S]{0,200}?\}\}|\{%[\s\S]{0,200}?%\}|\{\{|\{%|%\}|\}\}/g;

/**
 * Leftover Liquid markers in a rendered or edited text, as found (`{{ requester.name }}`, a lone `{%`).
 * Deliberately strict: a user value that itself contains `{{` is flagged too, and the user edits it out.
 */
export function findUnfilled(text: string): string[] {
  return [...text.matchAll(MARKER)].map((m) => m[0]);
}

export class LetterNotSendableError extends Error {
  readonly missing: string[];
  readonly markers: string[];
  constructor(missing: string[], markers: string[]) {
    const parts = [
      missing.length ? `empty: ${missing.join(", ")}` : "",
      markers.length ? `unfilled markers: ${markers.join(" ")}` : "",
    ].filter(Boolean);
    super(`Letter cannot be sent (${parts.join("; ")})`);
    this.name = "LetterNotSendableError";
    this.missing = missing;
    this.markers = markers;
  }
}

export type SendableCheck = {
  template: Pick<TemplateMeta, "variables" | "variablesIfRepresented" | "variablesIfSelf">;
  /** The variables the letter was rendered with. */
  variables: { representative?: unknown } & Record<string, unknown>;
  /** The text about to be sent (after the user's edits). */
  subject: string;
  body: string;
};

/** The template's required variables that are empty (checkable before rendering). */
export function missingVariables(check: Pick<SendableCheck, "template" | "variables">): string[] {
  return blankPaths(check.variables, requiredPaths(check.template, check.variables));
}

/** What stops a letter from being sent; empty lists mean it may go. */
export function unsendableReasons(check: SendableCheck): { missing: string[]; markers: string[] } {
  return {
    missing: missingVariables(check),
    markers: [...findUnfilled(check.subject), ...findUnfilled(check.body)],
  };
}

/** Throws LetterNotSendableError naming every empty required variable and every leftover marker. */
export function assertSendable(check: SendableCheck): void {
  const { missing, markers } = unsendableReasons(check);
  if (missing.length || markers.length) throw new LetterNotSendableError(missing, markers);
}
