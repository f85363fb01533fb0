// The client intake form's schema: what a legal-aid caseworker asks at first contact, read by the action
// (server only; the choices the page offers are in ./intake-choices, and the schema's enums come from them).
import { z } from "zod";
import { EXPOSED_KINDS } from "~/exposures/categories";
import { normaliseUrl } from "~/exposures/url";
import type { MessageKey } from "~/i18n/translate";
import { CONSENT_ANSWERS, HARM_ANSWERS, OTHERS_READ, SAFE_CHANNELS } from "./intake-choices";
import { isRegionOf } from "./regions";
import { lines, SubjectFieldsSchema } from "./schemas.server";

const text = (max: number, message: MessageKey) => z.string().trim().max(max, message).default("");

const choice = <T extends Record<string, string>>(options: T, message: MessageKey) =>
  z.enum(Object.keys(options) as [keyof T & string, ...(keyof T & string)[]], message);

export const IntakeSchema = z
  .object({
    // The same rules as the person's own form.
    name: SubjectFieldsSchema.shape.name,
    aliases: lines(20, "aliases", 300),
    country: SubjectFieldsSchema.shape.country,
    region: SubjectFieldsSchema.shape.region,
    safeChannel: choice(SAFE_CHANNELS, "errors.intake.safeChannel"),
    safeContact: text(300, "errors.intake.safeContactTooLong"),
    safeTimes: text(300, "errors.intake.safeTimesTooLong"),
    othersRead: choice(OTHERS_READ, "errors.intake.othersRead"),
    leaked: z.array(z.enum(EXPOSED_KINDS, "errors.intake.leaked")).default([]),
    leakedNotes: text(2000, "errors.intake.leakedNotesTooLong"),
    urls: lines(20, "urls", 300).transform((urls, ctx) => {
      const out: string[] = [];
      for (const [i, u] of urls.entries()) {
        const r = normaliseUrl(u);
        if (!r.ok) {
          // The line number is in the message's place; the reason (normaliseUrl's, English) is not shown.
          ctx.addIssue({ code: "custom", message: `errors.intake.url:${i + 1}` });
          return z.NEVER;
        }
        out.push(u);
      }
      return out;
    }),
    harm: choice(HARM_ANSWERS, "errors.intake.harm"),
    consent: choice(CONSENT_ANSWERS, "errors.intake.consent"),
    // Admins choose who works with the client (empty: nobody yet); caseworkers always take their own clients.
    assignee: z.string().trim().max(40).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.region && (!v.country || !isRegionOf(v.country, v.region)))
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "errors.subject.regionMismatch" satisfies MessageKey,
      });
  });
export type IntakeInput = z.output<typeof IntakeSchema>;

/** The encrypted part of an intake. */
export type IntakeAnswers = Pick<
  IntakeInput,
  "safeChannel" | "safeContact" | "safeTimes" | "othersRead" | "leaked" | "leakedNotes" | "harm"
>;
