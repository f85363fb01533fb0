// The case forms' schemas, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

export const CaseTitleSchema = z
  .string()
  .trim()
  .min(1, "Give the case a short title, for example “Telegram channel post, June”.")
  .max(200, "The title can have at most 200 characters.");

const chooseSubject: MessageKey = "cases.new.errors.chooseSubject";

export const NewCaseSchema = z.object({
  subjectId: z.string().min(1, chooseSubject).max(40).default("new"),
  title: CaseTitleSchema,
});
