// A sent letter for tracking tests, written straight into the letters table (the letters issue's own tests cover
// writing and sending; tracking needs only a row in the state a sent letter is in).
import { letterExposures, letters } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposuresBulk, listExposures } from "~/exposures/exposures.server";
import { encrypt, encryptJson } from "~/security/crypto.server";
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
  const c = (f: string) => `letter:${id}:${f}`;
  const at = new Date(`${sentOn}T09:00:00Z`);
  getDb()
    .insert(letters)
    .values({
      id,
      workspaceId: scope.workspaceId,
      caseId,
      recipientId: null,
      kind: "gdpr-erasure",
      channel: "email",
      addressEnc: encrypt("privacy@host.example", c("address")),
      templateId: "gdpr-erasure",
      templateLang: "en",
      templateVersion: 1,
      regime: "gdpr",
      deadlineRule: "gdpr-month",
      reference,
      status,
      subjectEnc: encrypt(`Erasure request [${reference}]`, c("subject")),
      bodyEnc: encrypt("Please erase.", c("body")),
      templateBodyEnc: encrypt("Please erase.", c("template_body")),
      variablesEnc: encryptJson({}, c("variables")),
      frozenAt: status === "draft" ? null : at,
      sentAt: status === "draft" ? null : at,
      sentOn: status === "draft" ? null : sentOn,
      dueOn,
      messageId: status === "draft" ? null : messageId,
      createdBy: scope.userId,
      updatedAt: at,
    })
    .run();
  getDb().insert(letterExposures).values({ letterId: id, exposureId, workspaceId: scope.workspaceId }).run();
  return { letterId: id, caseId, reference, messageId, exposureId };
}
