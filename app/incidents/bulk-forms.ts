// The bulk-letters start form's labels and the plan it shows: plain values for the page. The form's zod schema
// is in ./bulk-forms.server (the action and loader only), so the browser never downloads zod.
import type { MessageKey } from "~/i18n/translate";
import { BULK_KINDS, type BulkKind, KINDS } from "~/requests/kinds";

export type { BulkOptions } from "./bulk-forms.server";

/** Kinds a bulk run can write for a cell (the registry's `bulk` ones), and what the form calls each. */
export { BULK_KINDS };

export const BULK_LETTER_LABELS: Record<"suggested" | BulkKind, MessageKey> = {
  suggested: "bulk.letter.suggested",
  ...(Object.fromEntries(BULK_KINDS.map((k) => [k, KINDS[k].label])) as Record<BulkKind, MessageKey>),
};

/** What a choice would do, as the page shows it (counted on the server by planBulkLetters). */
export type PlanView = {
  cells: number;
  email: number;
  documents: number;
  notOffered: { reason: string; count: number }[];
};
