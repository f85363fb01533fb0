// The append-only audit log: who did what to which record, and when. Never personal values.

import { getTableName } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { getDb } from "~/db.server";

export type AuditAction =
  // Hardening: sessions, password change, keys, backups, export and erasure.
  | "session.revoke"
  | "session.revoke_others"
  | "user.password_change"
  | "user.password_change_failed"
  | "keys.rotate"
  | "backup.create"
  | "backup.restore"
  | "export.workspace"
  | "export.subject"
  | "subject.erase"
  | "workspace.erase"
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
  | "recipient.correction_remove"
  | "letter.create"
  | "letter.update"
  | "letter.read"
  | "letter.queue"
  | "letter.mark_sent"
  | "letter.sent"
  | "letter.failed"
  | "letter.pdf"
  // Letters gaps: a sent letter moves its exposures to `requested`; letters of authority (mandates).
  | "exposure.requested"
  | "mandate.pdf"
  | "mandate.upload"
  | "smtp.update"
  | "smtp.test"
  | "template.create"
  | "template.version"
  | TrackingAuditAction
  | TeamAuditAction
  // Bulk letters of an employer incident.
  | "bulk.start"
  | "bulk.cancel"
  | "bulk.finish"
  | IncidentAuditAction;

// Employer incidents: the incident, its roster and its leaked URLs.
export type IncidentAuditAction =
  | "incident.create"
  | "incident.read"
  | "incident.numbers_export"
  | "incident.roster_import"
  | "incident.urls_import"
  | "incident.url_link"
  | "incident.url_unlink";

// Organisations, members, two-factor and access tokens.
export type TeamAuditAction =
  | "workspace.create"
  | "workspace.switch"
  | "workspace.update"
  | "invitation.create"
  | "invitation.revoke"
  | "invitation.accept"
  | "invitation.limited"
  // The audit log itself: viewing it and downloading it are logged too; the client intake form.
  | "audit.view"
  | "audit.export"
  | "subject.intake"
  | "intake.read"
  | "member.role_change"
  | "member.remove"
  | "subject.assign"
  | "two_factor.enable"
  | "two_factor.disable"
  | "two_factor.login"
  | "two_factor.login_failed"
  | "two_factor.recovery_used"
  | "token.create"
  | "token.revoke"
  | "calendar_feed.create"
  | "calendar_feed.revoke";

// Tracking: request status changes, replies, the mailbox, re-checks, reminders.
export type TrackingAuditAction =
  | "request.transition"
  | "request.note"
  | "request.read"
  | "reply.record"
  | "reply.fetch"
  | "reply.assign"
  | "reply.confirm"
  | "reply.read"
  | "imap.update"
  | "imap.test"
  | "exposure.recheck"
  | "reminder.digest";

export type AuditEntry = {
  action: AuditAction;
  actorUserId?: string | null;
  workspaceId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, string | number | boolean>;
};

// One prepared statement per database connection: a list page logs one row per subject it shows, and building
// that many-row INSERT through the query builder on every view cost more than the page's decryption.
const insertStatements = new WeakMap<object, (rows: AuditEntry[]) => void>();

function inserter() {
  const sqlite = getDb().$client;
  let insert = insertStatements.get(sqlite);
  if (!insert) {
    const stmt = sqlite.prepare(
      `INSERT INTO ${getTableName(auditEvents)} (action, actor_user_id, workspace_id, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert = sqlite.transaction((rows: AuditEntry[]) => {
      for (const e of rows)
        stmt.run(
          e.action,
          e.actorUserId ?? null,
          e.workspaceId ?? null,
          e.targetType ?? null,
          e.targetId ?? null,
          e.detail ? JSON.stringify(e.detail) : null,
        );
    });
    insertStatements.set(sqlite, insert);
  }
  return insert;
}

export function audit(entry: AuditEntry | AuditEntry[]) {
  const rows = Array.isArray(entry) ? entry : [entry];
  if (rows.length === 0) return;
  inserter()(rows);
}
