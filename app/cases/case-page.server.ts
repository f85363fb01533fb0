// The case page's input schemas, behind a .server module: its loader and action use them, its component
// does not, so the page's JavaScript never reaches zod (esbuild's code splitting keeps a chunk import for
// every module a route imports, used or not).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { BULK_REQUEST_ACTIONS } from "~/requests/tracking/bulk-status.server";

export { formValues } from "~/utils/forms";
export { parseForm, parseParams } from "~/utils/forms.server";

export const CaseParamsSchema = z.object({ caseId: z.string().min(1).max(40) });

export const CaseIntentSchema = z.object({
  intent: z.enum(
    ["add-exposure", "close", "reopen", "bulk-requests"],
    "errors.unknownAction" satisfies MessageKey,
  ),
});

/** The request list's one form: the ticked requests and what to do with them. */
export const BulkRequestsSchema = z.object({
  letterIds: z
    .array(z.string().min(1).max(40))
    .min(1, "errors.case.tickRequest" satisfies MessageKey)
    .max(500, "errors.case.tooManyRequests" satisfies MessageKey),
  action: z.enum(BULK_REQUEST_ACTIONS, "errors.case.bulkAction" satisfies MessageKey),
});
