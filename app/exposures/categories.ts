// What can be exposed, in the words shown to people, and how severe an exposure is.
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

export const EXPOSED_LABELS: Record<ExposedKind, string> = {
  home_address: "Home address",
  phone: "Phone number",
  email: "Email address",
  photos: "Photos",
  family: "Family members",
  workplace: "Workplace or unit",
  id_numbers: "ID numbers",
  coordinates: "Map coordinates",
  social_accounts: "Social media accounts",
  other: "Something else",
};

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

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

export const STATUS_LABELS: Record<ExposureStatus, string> = {
  active: "Still up",
  requested: "Removal requested",
  said_removed: "They say it is removed (not yet checked)",
  removed: "Removed (checked)",
  reappeared: "Back up again",
  unreachable: "Cannot be reached",
};

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
