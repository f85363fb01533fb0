// The API's subject body: JSON arrays instead of the form's one-per-line text, validated by the same schema.
import { z } from "zod";
import { SubjectFieldsSchema } from "~/subjects/schemas.server";

const list = z.array(z.string().max(300)).max(20).default([]);

export const ApiSubjectSchema = z
  .object({
    name: z.string(),
    aliases: list,
    emails: list,
    phones: list,
    addresses: list,
    usernames: list,
    country: z.string().default(""),
    region: z.string().max(6).default(""),
    notes: z.string().default(""),
  })
  .strict()
  .transform((v) => ({
    ...v,
    aliases: v.aliases.join("\n"),
    emails: v.emails.join("\n"),
    phones: v.phones.join("\n"),
    // The form separates postal addresses by a blank line.
    addresses: v.addresses.join("\n\n"),
    usernames: v.usernames.join("\n"),
  }));

/** Validates a JSON subject: its shape, then the same rules as the form. */
export function parseApiSubject(body: unknown) {
  const shape = ApiSubjectSchema.safeParse(body);
  if (!shape.success) return shape;
  return SubjectFieldsSchema.safeParse(shape.data);
}
