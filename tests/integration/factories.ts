// Test factories for letters, built on the domain functions a user's actions go through (writeLetter, sendLetter,
// applyEvent), so a test's letter is what the app would have written: encrypted fields, reference, due dates,
// its exposures linked and moved to `requested`, the audit trail.
import { eq } from "drizzle-orm";
import { letters } from "#db/schema";
import { getDb } from "~/db.server";
import { listExposures } from "~/exposures/exposures.server";
import { createWorkspaceRecipient, matchUrl } from "~/recipients/directory.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { applyEvent } from "~/requests/requests.server";
import { sendLetter, writeLetter } from "~/requests/store.server";
import type { Scope } from "~/workspaces/scope.server";

type LetterOptions = {
  /** The places the letter is about (at one recipient); default the case's first exposure. */
  exposureIds?: string[];
  /** The day the user sent it from their own mail; its deadline follows from it. */
  sentOn?: string;
  /** Where the request stands after sending: answered events are applied through the tracking rules. */
  status?: "sent" | "acknowledged" | "extended";
  /** With status "extended": the new date the recipient announced. */
  extendedTo?: string;
};

/**
 * The recipient a letter about `url` goes to: the directory's, else one the workspace adds for the site, as a
 * user does from an unknown domain's "add a recipient".
 */
export function recipientForSite(scope: Scope, url: string) {
  const match = matchUrl(scope, url);
  if (match?.recipient) return match.recipient.id;
  return createWorkspaceRecipient(scope, {
    input: {
      name: `Operator of ${match?.domain ?? new URL(url).hostname}`,
      legalEntity: "Example Hosting Ltd.",
      kind: "platform",
      domains: [match?.domain ?? new URL(url).hostname],
      channels: [{ kind: "email", purpose: "privacy", address: "privacy@example.com" }],
    },
  }).id;
}

/** A GDPR erasure letter written as a draft through writeLetter; returns its id. */
export function draftLetter(scope: Scope, caseId: string, { exposureIds, sentOn }: LetterOptions = {}) {
  const all = listExposures(scope, caseId);
  const ids = exposureIds ?? [all[0]!.id];
  for (const e of all.filter((x) => ids.includes(x.id))) recipientForSite(scope, e.url);
  return writeLetter(
    scope,
    caseId,
    LetterDetailsSchema.parse({
      exposureIds: ids,
      option: "gdpr-erasure/gdpr",
      lang: "en",
      destination: "email|privacy@example.com",
      requesterName: "Robin Example",
      requesterEmail: "robin@example.test",
      particularSituation: "Strangers have come to my door since the address was posted.",
      authorityName: "the Data Protection Commission",
    }),
    sentOn ? new Date(`${sentOn}T09:00:00Z`) : undefined,
  );
}

/**
 * A letter written and then recorded as sent from the user's own mail (no outbox, no SMTP), on `sentOn`
 * (default today), moved on to `status`. Returns its id, reference and dates as the app stored them.
 */
export function sentLetter(scope: Scope, caseId: string, options: LetterOptions = {}) {
  const { sentOn, status = "sent", extendedTo } = options;
  const at = sentOn ? new Date(`${sentOn}T09:00:00Z`) : new Date();
  const id = draftLetter(scope, caseId, options);
  const day = at.toISOString().slice(0, 10);
  sendLetter(scope, caseId, id, at, { sentOn: day, receivedOn: day });
  if (status !== "sent") applyEvent(scope.workspaceId, id, { type: "acknowledge" }, scope.userId);
  if (status === "extended") {
    if (!extendedTo) throw new Error("an extended letter needs extendedTo");
    applyEvent(scope.workspaceId, id, { type: "announce_extension", newDueOn: extendedTo }, scope.userId);
  }
  // Read without decrypting anything, so a test counting logged reads counts only its own.
  const row = getDb()
    .select({ reference: letters.reference, dueOn: letters.dueOn, status: letters.status })
    .from(letters)
    .where(eq(letters.id, id))
    .get()!;
  return { id, ...row };
}
