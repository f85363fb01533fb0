// The incident pages' limits, the matrix's states and the roster's column names: plain values shared by the
// schemas (./schemas.server) and the pages, with no zod, so the browser never downloads the validation library.
import type { MessageKey } from "~/i18n/translate";
import { REQUEST_STATES } from "~/requests/tracking/lifecycle";
import type { RosterRow } from "./schemas.server";

/** A roster may have at most this many people per import (split bigger lists into several files). */
export const MAX_ROSTER_ROWS = 5000;
/** The CSV text (file or paste) may be at most this big. */
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;
/** URLs pasted at once. */
export const MAX_INCIDENT_URLS = 500;
/** People per page in the matrix and the roster. */
export const PAGE_SIZE = 50;

/** Column names as the preview shows them beside a row's error, as message keys. */
export const FIELD_LABELS: Record<keyof RosterRow | "row", MessageKey> = {
  name: "incidents.roster.field.name",
  email: "incidents.roster.field.email",
  unit: "incidents.roster.field.unit",
  country: "incidents.roster.field.country",
  row: "incidents.roster.field.row",
};

export const MATRIX_STATES = ["none", ...REQUEST_STATES, "other"] as const;
