// The calendar-link forms: make a new link or turn it off, for all of the member's cases or one case.
import { z } from "zod";

export const CalendarFeedFormSchema = z.object({
  intent: z.enum(["create", "revoke"], "Unknown action."),
  caseId: z.string().min(1).max(40).optional(),
});

export const CalendarFeedQuerySchema = z.object({ case: z.string().min(1).max(40).optional() });
