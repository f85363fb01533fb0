// What can be exposed, how severe an exposure is and where it stands, each with the message key of its words
// (app/i18n/locales): pages show them with t() in the page language; server code that needs fixed words (a CSV
// import, the letter composer) takes the English catalogue's.
import type { MessageKey } from "~/i18n/translate";

export const EXPOSED_KINDS = [
  "home_address",
  "phone",
  "email",
  "photos",
  "family",
  "workplace",
  "id_numbers",
  "coordinates",
  "social_accounts",
  "other",
] as const;
export type ExposedKind = (typeof EXPOSED_KINDS)[number];

export const EXPOSED_LABELS = {
  home_address: "exposure.kind.home_address",
  phone: "exposure.kind.phone",
  email: "exposure.kind.email",
  photos: "exposure.kind.photos",
  family: "exposure.kind.family",
  workplace: "exposure.kind.workplace",
  id_numbers: "exposure.kind.id_numbers",
  coordinates: "exposure.kind.coordinates",
  social_accounts: "exposure.kind.social_accounts",
  other: "exposure.kind.other",
} as const satisfies Record<ExposedKind, MessageKey>;

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS = {
  low: "exposure.severity.low",
  medium: "exposure.severity.medium",
  high: "exposure.severity.high",
  critical: "exposure.severity.critical",
} as const satisfies Record<Severity, MessageKey>;

// "removed" is shown only when it was checked: a re-check found it gone, or the person confirmed it. What the
// recipient says is "said_removed" until then.
export const EXPOSURE_STATUSES = [
  "active",
  "requested",
  "said_removed",
  "removed",
  "reappeared",
  "unreachable",
] as const;
export type ExposureStatus = (typeof EXPOSURE_STATUSES)[number];

export const STATUS_LABELS = {
  active: "exposure.status.active",
  requested: "exposure.status.requested",
  said_removed: "exposure.status.said_removed",
  removed: "exposure.status.removed",
  reappeared: "exposure.status.reappeared",
  unreachable: "exposure.status.unreachable",
} as const satisfies Record<ExposureStatus, MessageKey>;

// Where a person can be found physically, or their family: the details that put someone in danger.
const LOCATING: ReadonlySet<ExposedKind> = new Set(["home_address", "coordinates", "family"]);
const SERIOUS: ReadonlySet<ExposedKind> = new Set(["id_numbers", "workplace", "phone"]);

/**
 * Severity from what is exposed and whether the post calls for harm:
 * - critical: a call for harm together with something that locates the person or their family;
 * - high: a call for harm, or anything that locates them, or ID numbers;
 * - medium: phone, workplace or unit, photos, email, or several kinds together;
 * - low: anything else.
 */
export function computeSeverity(exposed: readonly ExposedKind[], callsForHarm: boolean): Severity {
  const locating = exposed.some((k) => LOCATING.has(k));
  if (callsForHarm && locating) return "critical";
  if (callsForHarm || locating || exposed.includes("id_numbers")) return "high";
  if (exposed.some((k) => SERIOUS.has(k) || k === "photos" || k === "email") || exposed.length >= 3) {
    return "medium";
  }
  return "low";
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export function severityRank(s: Severity) {
  return RANK[s];
}
