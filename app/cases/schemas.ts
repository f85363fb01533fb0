// The case form's schema, shared by actions (server) and pages (browser).
import { z } from "zod";

export const CaseTitleSchema = z
  .string()
  .trim()
  .min(1, "Give the case a short title, for example “Telegram channel post, June”.")
  .max(200, "The title can have at most 200 characters.");
