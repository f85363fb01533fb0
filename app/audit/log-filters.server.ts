// The audit log's filter schema, read from the query string by the page's loader and the CSV export (server
// only; the labels and options the page shows are in ./log-filters).
import { z } from "zod";
import { ACTION_LABELS } from "./log-filters";

const optionalId = z
  .string()
  .trim()
  .max(64, "Choose from the list.")
  .regex(/^[\w-]*$/, "Choose from the list.")
  .optional()
  .transform((v) => v || undefined);
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `${label}: enter a date like 2026-11-23.`)
    .optional()
    .transform((v) => v || undefined)
    .refine(
      (v) => v === undefined || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      `${label}: not a real date.`,
    );

/** The audit log's filters, read from the query string (the form is a GET form). */
export const AuditFilterSchema = z
  .object({
    member: optionalId,
    action: z
      .string()
      .trim()
      .max(64)
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || v in ACTION_LABELS, "Choose an action from the list."),
    subject: optionalId,
    from: optionalDate("From"),
    to: optionalDate("Until"),
    before: z
      .string()
      .regex(/^\d{0,15}$/)
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "Until: choose a date on or after the From date.",
  });
export type AuditFilters = z.output<typeof AuditFilterSchema>;
