// The variables a letter template may use: the vocabularies (as plain `as const` lists, the one registry of
// each; the zod schema in ./variables.server derives its enums from them), the types, and the path helpers.
// No zod here, so the browser editor and pages can use it without downloading the validation library.
import type { RULE_IDS } from "~/deadlines/rules";
import type { KIND_IDS } from "~/requests/kinds";

export type {
  LetterVariables,
  LetterVariablesInput,
  StateLaw,
  VariableName,
} from "./variables.server";

export const LANGS = ["en", "de", "fr", "nl", "ko"] as const;
export type Lang = (typeof LANGS)[number];

/** Letter kinds: the ids come from the one registry (~/requests/kinds). */
export type Kind = (typeof KIND_IDS)[number];

/** Legal regime a letter is written under; picks wording and the escalation route inside a template. */
export const REGIMES = [
  "gdpr",
  "uk-gdpr",
  "ccpa",
  "us-state",
  "kr-pipa",
  "kr-icna",
  "dmca",
  "dsa",
  "platform",
  "none",
] as const;
export type Regime = (typeof REGIMES)[number];

/** Deadline rule ids of docs/legal.md §1 (one list, in ~/deadlines/rules). */
export type DeadlineRule = (typeof RULE_IDS)[number];

/** Platforms with a `platform-report` variant (docs/legal.md §2, platform doxxing reports). */
export const PLATFORMS = [
  "telegram",
  "x",
  "meta",
  "google-search",
  "youtube",
  "reddit",
  "pastebin",
  "discord",
  "tiktok",
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Rights a complaint or follow-up can say were exercised; templates word them per language. */
export const RIGHTS = [
  "erasure",
  "objection",
  "access",
  "delisting",
  "ccpa-deletion",
  "us-state-deletion",
  "kr-pipa-deletion",
  "kr-icna-deletion",
  "dsa-notice",
] as const;
export type Right = (typeof RIGHTS)[number];

/** Letter reference for threading replies, e.g. `RX-7KQ2-M9`. */
export const REFERENCE_PATTERN = /^RX-[0-9A-Z]{4}-[0-9A-Z]{2}$/;

export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * The concrete locations a declared path points to, with their values: `exposures[].url` expands to
 * `exposures[0].url`, `exposures[1].url`, …; a null parent yields one location with value undefined.
 */
export function resolvePath(variables: unknown, path: string): Array<{ at: string; value: unknown }> {
  const parts = path.split(".");
  let frontier: Array<{ at: string; value: unknown }> = [{ at: "", value: variables }];
  for (const part of parts) {
    const isList = part.endsWith("[]");
    const key = isList ? part.slice(0, -2) : part;
    const next: Array<{ at: string; value: unknown }> = [];
    for (const { at, value } of frontier) {
      const here = at ? `${at}.${key}` : key;
      const child =
        value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
      if (!isList) {
        next.push({ at: here, value: child });
      } else if (Array.isArray(child)) {
        child.forEach((item, i) => {
          next.push({ at: `${here}[${i}]`, value: item });
        });
      }
    }
    frontier = next;
  }
  return frontier;
}

/** Declared paths whose value is blank: each reported at its concrete location (`exposures[1].url`). */
export function blankPaths(variables: unknown, paths: readonly string[]): string[] {
  const missing: string[] = [];
  for (const path of paths) {
    for (const { at, value } of resolvePath(variables, path)) {
      if (isBlank(value)) missing.push(at);
    }
  }
  return missing;
}
