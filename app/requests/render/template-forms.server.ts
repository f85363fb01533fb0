// The letter-template settings pages' form schemas: copying a built-in template and editing a workspace's own,
// read by the actions (server only, so zod stays out of the browser bundle).
import { z } from "zod";
import { LANGS } from "~/requests/compose/variables";

export const CopyTemplateSchema = z.object({
  source: z
    .string()
    .regex(/^[a-z-]+\/[a-z]{2}$/, "Choose a template to copy.")
    .transform((v) => v.split("/") as [string, string])
    .pipe(z.tuple([z.string(), z.enum(LANGS)])),
});

export const EditTemplateSchema = z.object({
  intent: z.enum(["preview", "save"]),
  body: z
    .string()
    .min(1, "The template cannot be empty.")
    .max(100_000)
    .transform((v) => v.replace(/\r\n/g, "\n")),
});
