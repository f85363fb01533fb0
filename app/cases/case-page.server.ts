// The case page's input schemas, behind a .server module: its loader and action use them, its component
// does not, so the page's JavaScript never reaches zod (esbuild's code splitting keeps a chunk import for
// every module a route imports, used or not).
import { z } from "zod";
import { BULK_REQUEST_ACTIONS } from "~/requests/tracking/bulk-status.server";

export { formValues } from "~/utils/forms";
export { parseForm, parseParams } from "~/utils/forms.server";

export const CaseParamsSchema = z.object({ caseId: z.string().min(1).max(40) });

export const CaseIntentSchema = z.object({
  intent: z.enum(["add-exposure", "close", "reopen", "bulk-requests"], "Unknown action."),
});

/** The request list's one form: the ticked requests and what to do with them. */
export const BulkRequestsSchema = z.object({
  letterIds: z
    .array(z.string().min(1).max(40))
    .min(1, "Tick at least one request.")
    .max(500, "Choose at most 500 requests at once."),
  action: z.enum(BULK_REQUEST_ACTIONS, "Choose what to do with the ticked requests."),
});
