// The case forms' schemas, read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";

export const CaseTitleSchema = z
  .string()
  .trim()
  .min(1, "errors.case.titleMissing" satisfies MessageKey)
  .max(200, "errors.case.titleTooLong" satisfies MessageKey);

const chooseSubject: MessageKey = "cases.new.errors.chooseSubject";

export const NewCaseSchema = z.object({
  subjectId: z.string().min(1, chooseSubject).max(40).default("new"),
  title: CaseTitleSchema,
});
