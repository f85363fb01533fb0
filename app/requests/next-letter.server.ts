// One click from a request to its next letter: the follow-up (reminder with a 14-day final date) or the complaint
// to the authority, filled from the first letter and the request's timeline. The draft is written through the
// letters issue's own writeLetter, then its tracking variables (previous letter, dates, what came back) are
// added and the text rendered again; the user reviews and sends it like any other draft. The request is marked
// followed up (or complaint filed) only when that draft is sent.
import { and, eq } from "drizzle-orm";
import { cases, letterExposures, letters, UNEDITED } from "#db/schema";
import { getDb } from "~/db.server";
import { addDays } from "~/deadlines/dates";
import { defaultAuthority } from "~/letters/compose.server";
import { LetterDetailsSchema } from "~/letters/forms";
import { decryptLetter, todayUtc, writeLetter } from "~/letters/letters.server";
import { getTemplate, renderTemplate } from "~/letters/templates.server";
import type { LetterVariablesInput, Regime, Right } from "~/letters/variables";
import { encrypt, encryptJson } from "~/security/crypto.server";
import { getSubjectResidence } from "~/subjects/subjects.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { effectiveDue, REFUSALS, type RefusalReason, transition } from "./lifecycle";
import { getRequest, timeline } from "./requests.server";

export type NextKind = "follow-up" | "regulator-complaint";

export class NextLetterError extends Error {}

const RIGHT_BY_KIND: Record<string, string> = {
  "gdpr-erasure": "erasure",
  "gdpr-access": "access",
  "search-delisting": "delisting",
  "ccpa-deletion": "ccpa-deletion",
  "us-state-deletion": "us-state-deletion",
  "kr-pipa-deletion": "kr-pipa-deletion",
  "kr-icna-deletion": "kr-icna-deletion",
  "dsa-notice": "dsa-notice",
};

/** Writes the follow-up or complaint draft for `letterId`; returns the new letter's id. */
export function writeNextLetter(scope: Scope, letterId: string, kind: NextKind, now = new Date()): string {
  requirePermission(scope, "case:write");
  const req = getRequest(scope, letterId);
  const event = { type: kind === "follow-up" ? "follow_up" : "escalate" } as const;
  transition(req.status, event); // refuses before anything is written
  const row = getDb()
    .select()
    .from(letters)
    .where(inScope(letters, scope, eq(letters.id, letterId)))
    .get();
  if (!row) notFound("This request");
  const first = decryptLetter(row);
  const v = first.variables;
  const regime = first.regime as Regime;
  if (!getTemplate(kind, first.templateLang))
    throw new NextLetterError("This letter is not available in the first letter's language.");
  const template = getTemplate(kind, first.templateLang)!;
  if (!template.meta.regimes.includes(regime))
    throw new NextLetterError(
      kind === "regulator-complaint"
        ? "No authority takes complaints under this letter's rules: report it to the platform or send a DSA notice instead."
        : "A follow-up does not fit this letter's rules.",
    );
  const exposureIds = getDb()
    .select({ id: letterExposures.exposureId })
    .from(letterExposures)
    .where(and(eq(letterExposures.letterId, letterId), eq(letterExposures.workspaceId, scope.workspaceId)))
    .all()
    .map((r) => r.id);
  const kase = getDb()
    .select({ subjectId: cases.subjectId })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.id, req.caseId)))
    .get();
  const home = kase ? getSubjectResidence(scope, kase.subjectId) : null;
  const residence = home?.country ?? null;
  const authority = defaultAuthority(regime, residence, home?.region ?? null) || "the supervisory authority";
  const rep = v.representative;
  const parsedDetails = LetterDetailsSchema.safeParse({
    exposureIds,
    option: `${kind}/${regime}`,
    lang: first.templateLang,
    destination: kind === "follow-up" ? `${first.channel}|${first.address}` : "pdf|",
    requesterName: v.requester.name,
    requesterEmail: v.requester.email,
    // The first letter's contact choice carries over: its address (typed or home) and phone, or none.
    contactAddress: v.requester.postalAddress ? "typed" : "none",
    requesterAddress: v.requester.postalAddress ?? "",
    requesterPhone: v.requester.phone ?? "",
    requesterCountry: v.requester.country ?? "",
    represented: rep ? "on" : undefined,
    repName: rep?.name ?? "",
    repOrganisation: rep?.organisation ?? "",
    repEmail: rep?.email ?? "",
    repPhone: rep?.phone ?? "",
    repAddress: rep?.address ?? "",
    repMandateDate: rep?.mandateDate ?? "",
    particularSituation: v.particularSituation ?? "",
    identifiers: (v.identifiers ?? []).join("\n"),
    authorityName: authority,
    paper: first.paper,
  });
  // The first letter may lack something the next one needs (an old draft, a since-changed person): say what.
  if (!parsedDetails.success) {
    const fields = [...new Set(parsedDetails.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new NextLetterError(
      `The next letter cannot be written from this request yet: some details are missing or not valid (${fields}). Write it from the case's letter form instead.`,
    );
  }
  const details = parsedDetails.data;
  const newId = writeLetter(scope, req.caseId, details, now);

  // Fill what writeLetter does not know: the first letter, the dates, what came back.
  const newRow = getDb().select().from(letters).where(eq(letters.id, newId)).get()!;
  const draft = decryptLetter(newRow);
  const today = todayUtc(now);
  const sentOn = first.sentOn ?? today;
  const channelLabel = v.recipient?.channelLabel ?? first.address;
  const events = timeline(scope, req.caseId, letterId);
  const refusal = req.refusalReason ? REFUSALS[req.refusalReason as RefusalReason] : null;
  const variables: LetterVariablesInput = {
    ...draft.variables,
    previousLetter: { date: sentOn, reference: first.reference, channelLabel },
    dueDate: effectiveDue(req) ?? draft.variables.dueDate ?? null,
    finalDate: kind === "follow-up" ? addDays(today, 14) : null,
    rightsExercised: [
      {
        right: (RIGHT_BY_KIND[first.kind] ?? "erasure") as Right,
        date: sentOn,
        reference: first.reference,
      },
    ],
    timeline: events.map((e) => ({ date: e.at.toISOString().slice(0, 10), event: e.text })),
    responseSummary:
      req.status === "refused"
        ? `Refused${refusal ? `: ${refusal.label.toLowerCase()}` : ""}.`
        : req.status === "partly_removed"
          ? "Part of the content was removed; the rest is still online."
          : null,
    evidence: [
      `Letter ${first.reference} of ${sentOn}`,
      ...events.filter((e) => e.kind === "mail").map((e) => e.text),
    ],
    ...(kind === "regulator-complaint"
      ? {
          respondent: v.recipient ?? null,
          recipient: {
            name: null,
            legalEntity: authority,
            address: null,
            email: null,
            channelLabel: "post or the authority's complaint form",
            url: null,
            country: null,
          },
          authority: { name: authority },
        }
      : {}),
  };
  const rendered = renderTemplate(template, variables);
  getDb()
    .update(letters)
    .set({
      subjectEnc: encrypt(rendered.subject, `letter:${newId}:subject`),
      bodyEnc: encrypt(rendered.body, `letter:${newId}:body`),
      templateBodyEnc: UNEDITED,
      variablesEnc: encryptJson(variables, `letter:${newId}:variables`),
      // The request moves on (followed up, complaint filed) when this letter is sent, not now: a draft
      // changes nothing for the recipient (recordSent in letters.server.ts applies the event).
      followsLetterId: letterId,
      updatedAt: now,
    })
    .where(and(eq(letters.id, newId), eq(letters.workspaceId, scope.workspaceId)))
    .run();
  return newId;
}
