// A sent letter for tracking tests, written by the store's insertLetter (the one write of new letters) and then
// put in the state a sent letter is in, with the dates and Message-ID a test gives (the letters issue's own tests
// cover writing and sending; tracking needs only a row in that state).
import { eq } from "drizzle-orm";
import { letters } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposuresBulk, listExposures } from "~/exposures/exposures.server";
import type { LetterVariablesInput } from "~/requests/compose/variables";
import { getTemplate } from "~/requests/render/templates.server";
import { insertLetter } from "~/requests/store.server";
import { createSubject } from "~/subjects/subjects.server";
import { newId } from "~/utils/ids.server";
import type { Scope } from "~/workspaces/scope.server";

let n = 0;

export function sentLetter(
  scope: Scope,
  {
    status = "sent",
    dueOn = "2026-12-20",
    sentOn = "2026-11-20",
    caseId,
  }: { status?: string; dueOn?: string | null; sentOn?: string; caseId?: string } = {},
) {
  n += 1;
  if (!caseId) {
    const subjectId = createSubject(scope, {
      name: "Jana Nováková",
      aliases: [],
      emails: ["jana@example.test"],
      phones: [],
      addresses: [],
      usernames: [],
      country: "DE",
      notes: "",
    });
    caseId = createCase(scope, { subjectId, title: "Case" });
    createExposuresBulk(scope, caseId, [
      {
        line: 1,
        input: `https://paste.example.com/${n}-${Date.now()}`,
        fields: {
          exposed: ["email"],
          callsForHarm: false,
          foundOn: "2026-11-01",
          severityOverride: null,
          status: "requested",
          notes: "",
        },
      },
    ]);
  }
  const exposureId = listExposures(scope, caseId)[0]!.id;
  const id = newId();
  const suffix = String(n).padStart(2, "0").slice(-2);
  const reference = `RX-${Date.now()
    .toString(36)
    .toUpperCase()
    .slice(-4)
    .replace(/[ILOU]/g, "X")}-${suffix}`;
  const messageId = `<${id}.test@retract.test>`;
  const at = new Date(`${sentOn}T09:00:00Z`);
  const letterCaseId = caseId;
  getDb().transaction((tx) => {
    insertLetter(tx, {
      id,
      workspaceId: scope.workspaceId,
      caseId: letterCaseId,
      recipientId: null,
      template: getTemplate("gdpr-erasure", "en")!.meta,
      channel: "email",
      address: "privacy@host.example",
      regime: "gdpr",
      reference,
      status: "draft",
      subject: `Erasure request [${reference}]`,
      body: "Please erase.",
      // Tracking reads no variables: the row carries none.
      variables: {} as LetterVariablesInput,
      exposureIds: [exposureId],
      createdBy: scope.userId,
      now: at,
    });
    tx.update(letters)
      .set({
        status,
        frozenAt: status === "draft" ? null : at,
        sentAt: status === "draft" ? null : at,
        sentOn: status === "draft" ? null : sentOn,
        dueOn,
        messageId: status === "draft" ? null : messageId,
      })
      .where(eq(letters.id, id))
      .run();
  });
  return { letterId: id, caseId, reference, messageId, exposureId };
}
