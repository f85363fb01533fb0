// What a letter template's front matter says, read by the renderer and the send check: the channels, the type
// and pure helpers. No zod here: the schema that checks the front matter is in ./template-meta.server.
import type { DeadlineRule, Regime } from "~/requests/compose/variables";
import type { TemplateMeta } from "./template-meta.server";

export type { TemplateMeta };

export const CHANNELS = ["email", "pdf", "webform"] as const;

/** The paths that must be non-blank for these variables (depends on whether a representative sends it). */
export function requiredPaths(
  meta: Pick<TemplateMeta, "variables" | "variablesIfRepresented" | "variablesIfSelf">,
  variables: { representative?: unknown },
): string[] {
  const represented = variables.representative !== null && variables.representative !== undefined;
  return [...meta.variables, ...(represented ? meta.variablesIfRepresented : meta.variablesIfSelf)];
}

/** Every top-level variable a template declares, required or not. */
export function declaredNames(meta: TemplateMeta): Set<string> {
  const all = [
    ...meta.variables,
    ...meta.optionalVariables,
    ...meta.variablesIfRepresented,
    ...meta.variablesIfSelf,
  ];
  return new Set(all.map((path) => path.split(/[.[]/)[0]!));
}

export function deadlineRuleFor(meta: TemplateMeta, regime: Regime): DeadlineRule | null {
  return meta.deadlineRuleByRegime?.[regime] ?? meta.deadlineRule;
}
