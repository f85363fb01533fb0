// The client intake form's schema: what a legal-aid caseworker asks at first contact, read by the action
// (server only; the choices the page offers are in ./intake-choices, and the schema's enums come from them).
import { z } from "zod";
import { EXPOSED_KINDS } from "~/exposures/categories";
import { normaliseUrl } from "~/exposures/url";
import { CONSENT_ANSWERS, HARM_ANSWERS, OTHERS_READ, SAFE_CHANNELS } from "./intake-choices";
import { isRegionOf } from "./regions";
import { lines, SubjectFieldsSchema } from "./schemas.server";

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: at most ${max.toLocaleString("en-GB")} characters.`)
    .default("");

const choice = <T extends Record<string, string>>(options: T, message: string) =>
  z.enum(Object.keys(options) as [keyof T & string, ...(keyof T & string)[]], message);

export const IntakeSchema = z
  .object({
    // The same rules as the person's own form.
    name: SubjectFieldsSchema.shape.name,
    aliases: lines(20, "Other names", 300),
    country: SubjectFieldsSchema.shape.country,
    region: SubjectFieldsSchema.shape.region,
    safeChannel: choice(SAFE_CHANNELS, "Choose how we can safely contact them."),
    safeContact: text(300, "Contact details"),
    safeTimes: text(300, "Safe times"),
    othersRead: choice(OTHERS_READ, "Choose whether someone else reads their mail or messages."),
    leaked: z.array(z.enum(EXPOSED_KINDS, "Choose what leaked from the list.")).default([]),
    leakedNotes: text(2000, "What leaked"),
    urls: lines(20, "Web addresses", 300).transform((urls, ctx) => {
      const out: string[] = [];
      for (const [i, u] of urls.entries()) {
        const r = normaliseUrl(u);
        if (!r.ok) {
          ctx.addIssue({ code: "custom", message: `Web address on line ${i + 1}: ${r.error}` });
          return z.NEVER;
        }
        out.push(u);
      }
      return out;
    }),
    harm: choice(HARM_ANSWERS, "Say whether the posts call for harm."),
    consent: choice(CONSENT_ANSWERS, "Say whether they want us to act for them."),
    // Admins choose who works with the client (empty: nobody yet); caseworkers always take their own clients.
    assignee: z.string().trim().max(40).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.region && (!v.country || !isRegionOf(v.country, v.region)))
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "This state or region is not in the country chosen. Choose both again.",
      });
  });
export type IntakeInput = z.output<typeof IntakeSchema>;

/** The encrypted part of an intake. */
export type IntakeAnswers = Pick<
  IntakeInput,
  "safeChannel" | "safeContact" | "safeTimes" | "othersRead" | "leaked" | "leakedNotes" | "harm"
>;
