// The front matter every letter template carries, as a zod schema: read when the templates load and when a
// workspace saves its own (server only; the helpers on a parsed front matter are in ./template-meta).
import { z } from "zod";
import { DeadlineRule, isKnownPath, Kind, Lang, Platform, Regime } from "~/requests/compose/variables.server";
import { CHANNELS } from "./template-meta";

export const Channel = z.enum(CHANNELS);

const VariablePath = z
  .string()
  .refine(isKnownPath, { error: (issue) => `unknown variable "${issue.input}"` });

export const TemplateMeta = z
  .object({
    /** Template id; built-in templates use the kind (`ccpa-deletion`), workspace copies their own id. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    kind: Kind,
    lang: Lang,
    version: z.int().positive(),
    regimes: z.array(Regime).min(1),
    /** docs/legal.md §1 rule id, or null where the letter sets no deadline of its own. */
    deadlineRule: DeadlineRule.nullable(),
    /** Per-regime override of `deadlineRule` (UK GDPR counts with UK bank holidays). */
    deadlineRuleByRegime: z.partialRecord(Regime, DeadlineRule).optional(),
    channels: z.array(Channel).min(1),
    /** The docs/legal.md §2 heading the template implements. */
    legalSection: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    /** Liquid template of the email subject; must contain `{{ reference }}`. */
    subject: z.string().includes("{{ reference }}", { error: "subject must contain {{ reference }}" }),
    /** Paths that must be filled before the letter can be sent. */
    variables: z.array(VariablePath).min(1),
    /** Paths the template may use but that may be empty. */
    optionalVariables: z.array(VariablePath).default([]),
    /** Also required when a representative sends the letter. */
    variablesIfRepresented: z.array(VariablePath).default([]),
    /** Also required when the requester sends it themselves. */
    variablesIfSelf: z.array(VariablePath).default([]),
    /** A template with variants picks its wording by this variable; the UI offers one entry per value. */
    variants: z.object({ by: z.literal("platform"), values: z.array(Platform).min(1) }).optional(),
    /** Where behaviour is worth telling the user or the next engineer. */
    notes: z.string().optional(),
  })
  .strict();
export type TemplateMeta = z.output<typeof TemplateMeta>;
