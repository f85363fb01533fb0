// The "Where else might I be?" page's form schemas, read by its action (server only, so zod stays out of the
// browser bundle).
import { z } from "zod";

const SiteId = z.string().min(1, "find.errors.site").max(200, "find.errors.site");

// One form holds the whole list: the case to file a place in, and on each site its buttons (named by what they
// do, valued by the site) and an optional exact address, so every choice is one click without JavaScript.
export const FindActionSchema = z
  .object({
    caseId: z.string().max(40).default(""),
    found: SiteId.optional(),
    notFound: SiteId.optional(),
    again: SiteId.optional(),
  })
  .refine((v) => [v.found, v.notFound, v.again].filter(Boolean).length === 1, "find.errors.oneAnswer");

export const FoundUrlSchema = z.string().max(2000, "find.errors.urlTooLong").default("");
