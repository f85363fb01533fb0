// The audit log page's vocabulary: the logged actions' and targets' words as message keys, and the filters as a
// query string, for the page's form (no zod: the filter schema is in ./log-filters.server, for the loaders).
import type { MessageKey } from "~/i18n/translate";
import type { AuditAction } from "./audit.server";
import type { AuditFilters } from "./log-filters.server";

export type { AuditFilters };

/** What each logged action means, in the words a supervisor would use: a message key per action (the page writes
 * it in its language, the CSV export in English). Unlisted actions show as their code. */
export const ACTION_KEYS: Partial<Record<AuditAction, MessageKey>> = {
  "subject.read": "audit.action.subject.read",
  "subject.create": "audit.action.subject.create",
  "subject.update": "audit.action.subject.update",
  "subject.assign": "audit.action.subject.assign",
  "subject.erase": "audit.action.subject.erase",
  "subject.intake": "audit.action.subject.intake",
  "intake.read": "audit.action.intake.read",
  "export.subject": "audit.action.export.subject",
  "case.read": "audit.action.case.read",
  "case.create": "audit.action.case.create",
  "case.update": "audit.action.case.update",
  "exposure.read": "audit.action.exposure.read",
  "exposure.create": "audit.action.exposure.create",
  "exposure.bulk_create": "audit.action.exposure.bulk_create",
  "exposure.update": "audit.action.exposure.update",
  "exposure.delete": "audit.action.exposure.delete",
  "exposure.requested": "audit.action.exposure.requested",
  "exposure.recheck": "audit.action.exposure.recheck",
  "evidence.upload": "audit.action.evidence.upload",
  "evidence.strip": "audit.action.evidence.strip",
  "evidence.download": "audit.action.evidence.download",
  "letter.read": "audit.action.letter.read",
  "letter.create": "audit.action.letter.create",
  "letter.update": "audit.action.letter.update",
  "letter.queue": "audit.action.letter.queue",
  "letter.sent": "audit.action.letter.sent",
  "letter.failed": "audit.action.letter.failed",
  "letter.mark_sent": "audit.action.letter.mark_sent",
  "letter.pdf": "audit.action.letter.pdf",
  "mandate.pdf": "audit.action.mandate.pdf",
  "mandate.upload": "audit.action.mandate.upload",
  "request.read": "audit.action.request.read",
  "request.transition": "audit.action.request.transition",
  "request.note": "audit.action.request.note",
  "reply.read": "audit.action.reply.read",
  "reply.record": "audit.action.reply.record",
  "reply.fetch": "audit.action.reply.fetch",
  "reply.assign": "audit.action.reply.assign",
  "reply.confirm": "audit.action.reply.confirm",
  "reminder.digest": "audit.action.reminder.digest",
  "recipient.create": "audit.action.recipient.create",
  "recipient.correct": "audit.action.recipient.correct",
  "recipient.correction_remove": "audit.action.recipient.correction_remove",
  "incident.create": "audit.action.incident.create",
  "incident.read": "audit.action.incident.read",
  "incident.numbers_export": "audit.action.incident.numbers_export",
  "incident.roster_import": "audit.action.incident.roster_import",
  "incident.urls_import": "audit.action.incident.urls_import",
  "incident.url_link": "audit.action.incident.url_link",
  "incident.url_unlink": "audit.action.incident.url_unlink",
  "bulk.start": "audit.action.bulk.start",
  "bulk.cancel": "audit.action.bulk.cancel",
  "bulk.finish": "audit.action.bulk.finish",
  "template.create": "audit.action.template.create",
  "template.version": "audit.action.template.version",
  "workspace.create": "audit.action.workspace.create",
  "workspace.update": "audit.action.workspace.update",
  "workspace.switch": "audit.action.workspace.switch",
  "workspace.erase": "audit.action.workspace.erase",
  "export.workspace": "audit.action.export.workspace",
  "invitation.create": "audit.action.invitation.create",
  "invitation.revoke": "audit.action.invitation.revoke",
  "invitation.accept": "audit.action.invitation.accept",
  "invitation.limited": "audit.action.invitation.limited",
  "member.role_change": "audit.action.member.role_change",
  "member.remove": "audit.action.member.remove",
  "audit.view": "audit.action.audit.view",
  "audit.export": "audit.action.audit.export",
  "smtp.update": "audit.action.smtp.update",
  "smtp.test": "audit.action.smtp.test",
  "imap.update": "audit.action.imap.update",
  "imap.test": "audit.action.imap.test",
  "token.create": "audit.action.token.create",
  "token.revoke": "audit.action.token.revoke",
  "calendar_feed.create": "audit.action.calendar_feed.create",
  "calendar_feed.revoke": "audit.action.calendar_feed.revoke",
  "two_factor.enable": "audit.action.two_factor.enable",
  "two_factor.disable": "audit.action.two_factor.disable",
  "two_factor.login": "audit.action.two_factor.login",
  "two_factor.login_failed": "audit.action.two_factor.login_failed",
  "two_factor.recovery_used": "audit.action.two_factor.recovery_used",
  "user.login": "audit.action.user.login",
  "user.login_failed": "audit.action.user.login_failed",
  "user.logout": "audit.action.user.logout",
  "user.quick_exit": "audit.action.user.quick_exit",
  "user.signup": "audit.action.user.signup",
  "user.password_change": "audit.action.user.password_change",
  "user.password_change_failed": "audit.action.user.password_change_failed",
  "user.password_reset_requested": "audit.action.user.password_reset_requested",
  "user.password_reset": "audit.action.user.password_reset",
  "session.revoke": "audit.action.session.revoke",
  "session.revoke_others": "audit.action.session.revoke_others",
  "keys.rotate": "audit.action.keys.rotate",
  "backup.create": "audit.action.backup.create",
  "backup.restore": "audit.action.backup.restore",
};

/** What an event is about (target_type), as a message key; an unknown type reads as "Other". */
const TARGET_KEYS: Record<string, MessageKey> = {
  subject: "audit.target.subject",
  case: "audit.target.case",
  exposure: "audit.target.exposure",
  evidence: "audit.target.evidence",
  letter: "audit.target.letter",
  inbound_message: "audit.target.inbound_message",
  invitation: "audit.target.invitation",
  user: "audit.target.user",
  workspace: "audit.target.workspace",
  workspace_template: "audit.target.workspace_template",
  recipient: "audit.target.recipient",
  token: "audit.target.token",
  bulk_job: "audit.target.bulk_job",
  incident: "audit.target.incident",
  inbox: "audit.target.inbox",
};

export const targetKey = (type: string): MessageKey => TARGET_KEYS[type] ?? "audit.target.other";

/** The filters as a query string (without the page cursor), for the export link and the "older" link. */
export function filterQuery(f: Partial<AuditFilters>, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const k of ["member", "action", "subject", "from", "to"] as const) {
    const v = f[k];
    if (v) q.set(k, String(v));
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
