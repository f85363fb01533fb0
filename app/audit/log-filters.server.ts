// The audit log's filter schema, read from the query string by the page's loader and the CSV export (server
// only; the labels and options the page shows are in ./log-filters).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { ACTION_KEYS } from "./log-filters";

// Messages are message keys, translated by the page's loader.
const chooseFromList: MessageKey = "errors.audit.chooseFromList";

const optionalId = z
  .string()
  .trim()
  .max(64, chooseFromList)
  .regex(/^[\w-]*$/, chooseFromList)
  .optional()
  .transform((v) => v || undefined);
const optionalDate = (format: MessageKey, invalid: MessageKey) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, format)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), invalid);

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
      .refine((v) => v === undefined || v in ACTION_KEYS, "errors.audit.chooseAction" satisfies MessageKey),
    subject: optionalId,
    from: optionalDate("errors.audit.fromFormat", "errors.audit.fromInvalid"),
    to: optionalDate("errors.audit.toFormat", "errors.audit.toInvalid"),
    before: z
      .string()
      .regex(/^\d{0,15}$/)
      .optional()
      .transform((v) => (v ? Number(v) : undefined)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "errors.audit.toBeforeFrom" satisfies MessageKey,
  });
export type AuditFilters = z.output<typeof AuditFilterSchema>;
