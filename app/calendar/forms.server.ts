// The calendar-link forms: make a new link or turn it off, for all of the member's cases or one case.
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

export const CalendarFeedFormSchema = z.object({
  intent: z.enum(["create", "revoke"], "errors.unknownAction" satisfies MessageKey),
  caseId: z.string().min(1).max(40).optional(),
});

export const CalendarFeedQuerySchema = z.object({ case: z.string().min(1).max(40).optional() });
