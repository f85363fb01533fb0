// Client intake: one form at first contact creates the client (subject), a case for the leak, its first leaked
// pages and the encrypted intake answers; admins may hand the client to a caseworker at once. Reads are logged.

import { and, desc, eq } from "drizzle-orm";
import { clientIntakes } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposuresBulk } from "~/exposures/exposures.server";
import type { MessageKey } from "~/i18n/translate";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { assignableMembers, assignSubject } from "~/workspaces/members.server";
import { can, inScope, requirePermission, type Scope } from "~/workspaces/scope.server";
import type { IntakeAnswers, IntakeInput } from "./intake-schema.server";
import { createSubject } from "./subjects.server";

/** Intake input the user can fix, under its field. */
export class IntakeError extends UserError {
  constructor(field: string, message: MessageKey) {
    super(message, { field });
  }
}

const sealAnswers = sealFor("client_intakes", "answers_enc");

/** Members an admin may give a new client to (empty for caseworkers: their clients are their own). */
export function intakeAssignees(scope: Scope) {
  return can(scope, "subject:assign") ? assignableMembers(scope) : [];
}

/** `caseTitle` names the first case in the caseworker's language ("First contact, 4 December 2026"). */
export function createIntake(
  scope: Scope,
  input: IntakeInput,
  today = new Date(),
  caseTitle = `First contact, ${today.toISOString().slice(0, 10)}`,
) {
  requirePermission(scope, "case:write");
  if (input.assignee) {
    requirePermission(scope, "subject:assign");
    if (!assignableMembers(scope).some((m) => m.userId === input.assignee))
      throw new IntakeError("assignee", "errors.intake.assignee");
  }
  const subjectId = createSubject(scope, {
    name: input.name,
    aliases: input.aliases,
    emails: [],
    phones: [],
    addresses: [],
    usernames: [],
    country: input.country,
    region: input.region,
    notes: "",
  });
  const caseId = createCase(scope, {
    subjectId,
    title: caseTitle,
  });
  const urgent = input.harm === "yes";
  if (input.urls.length)
    createExposuresBulk(
      scope,
      caseId,
      input.urls.map((url, i) => ({
        line: i + 1,
        input: url,
        fields: {
          exposed: input.leaked,
          callsForHarm: urgent,
          foundOn: today.toISOString().slice(0, 10),
          severityOverride: null,
          status: "active" as const,
          notes: "",
        },
      })),
    );
  const id = newId();
  const answers: IntakeAnswers = {
    safeChannel: input.safeChannel,
    safeContact: input.safeContact,
    safeTimes: input.safeTimes,
    othersRead: input.othersRead,
    leaked: input.leaked,
    leakedNotes: input.leakedNotes,
    harm: input.harm,
  };
  getDb()
    .insert(clientIntakes)
    .values({
      id,
      workspaceId: scope.workspaceId,
      subjectId,
      caseId,
      answersEnc: sealAnswers(id, JSON.stringify(answers)),
      urgent,
      consent: input.consent,
      createdBy: scope.userId,
    })
    .run();
  audit({
    action: "subject.intake",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
    detail: { urgent, consent: input.consent, urls: input.urls.length },
  });
  if (input.assignee) assignSubject(scope, subjectId, input.assignee);
  return { subjectId, caseId, urgent, consent: input.consent };
}

/** The client's latest intake, decrypted; 404-like null outside the scope. The read is logged. */
export function getIntake(scope: Scope, subjectId: string) {
  const row = getDb()
    .select()
    .from(clientIntakes)
    .where(inScope(clientIntakes, scope, eq(clientIntakes.subjectId, subjectId)))
    .orderBy(desc(clientIntakes.createdAt))
    .get();
  if (!row) return null;
  audit({
    action: "intake.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: subjectId,
  });
  return {
    id: row.id,
    caseId: row.caseId,
    urgent: row.urgent,
    consent: row.consent,
    createdAt: row.createdAt,
    answers: row.answersEnc.openJson<IntakeAnswers>(row.id),
  };
}

export function hasIntake(scope: Scope, subjectId: string) {
  return Boolean(
    getDb()
      .select({ id: clientIntakes.id })
      .from(clientIntakes)
      .where(and(inScope(clientIntakes, scope, eq(clientIntakes.subjectId, subjectId))))
      .get(),
  );
}
