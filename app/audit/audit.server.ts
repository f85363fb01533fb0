// The append-only audit log: who did what to which record, and when. Never personal values.

import { auditEvents } from "#db/schema";
import { getDb } from "~/db.server";

export type AuditAction =
  | "user.signup"
  | "user.login"
  | "user.login_failed"
  | "user.logout"
  | "user.quick_exit"
  | "user.password_reset_requested"
  | "user.password_reset"
  | "subject.create"
  | "subject.update"
  | "subject.read"
  | "case.create"
  | "case.update"
  | "case.read"
  | "exposure.create"
  | "exposure.update"
  | "exposure.delete"
  | "exposure.read"
  | "exposure.bulk_create"
  | "evidence.upload"
  | "evidence.strip"
  | "evidence.download"
  | "recipient.create"
  | "recipient.correct"
  | "recipient.correction_remove";

export type AuditEntry = {
  action: AuditAction;
  actorUserId?: string | null;
  workspaceId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, string | number | boolean>;
};

export function audit(entry: AuditEntry | AuditEntry[]) {
  const rows = Array.isArray(entry) ? entry : [entry];
  if (rows.length === 0) return;
  getDb()
    .insert(auditEvents)
    .values(
      rows.map((e) => ({
        action: e.action,
        actorUserId: e.actorUserId ?? null,
        workspaceId: e.workspaceId ?? null,
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        detail: e.detail ?? null,
      })),
    )
    .run();
}
