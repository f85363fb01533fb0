// The case page's input schemas, behind a .server module: its loader and action use them, its component
// does not, so the page's JavaScript never reaches zod (esbuild's code splitting keeps a chunk import for
// every module a route imports, used or not).
import { z } from "zod";

export { formValues, parseForm, parseParams } from "~/utils/forms";

export const CaseParamsSchema = z.object({ caseId: z.string().min(1).max(40) });

export const CaseIntentSchema = z.object({
  intent: z.enum(["add-exposure", "close", "reopen"], "Unknown action."),
});
