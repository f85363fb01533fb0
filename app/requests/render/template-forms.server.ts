// The letter-template settings pages' form schemas: copying a built-in template and editing a workspace's own,
// read by the actions (server only, so zod stays out of the browser bundle).
// Their messages are message keys, translated by the actions.
import { z } from "zod";
import type { MessageKey } from "~/i18n/translate";
import { LANGS } from "~/requests/compose/variables";

export const CopyTemplateSchema = z.object({
  source: z
    .string()
    .regex(/^[a-z-]+\/[a-z]{2}$/, "errors.templates.chooseSource" satisfies MessageKey)
    .transform((v) => v.split("/") as [string, string])
    .pipe(z.tuple([z.string(), z.enum(LANGS)])),
});

export const EditTemplateSchema = z.object({
  intent: z.enum(["preview", "save"]),
  body: z
    .string()
    .min(1, "errors.templates.empty" satisfies MessageKey)
    .max(100_000)
    .transform((v) => v.replace(/\r\n/g, "\n")),
});
