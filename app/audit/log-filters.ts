// The audit log page's vocabulary: plain-language labels for the logged actions and the filters as a query
// string, for the page's form (no zod: the filter schema is in ./log-filters.server, for the loaders).
import type { AuditAction } from "./audit.server";
import type { AuditFilters } from "./log-filters.server";

export type { AuditFilters };

/** What each logged action means, in the words a supervisor would use. Unlisted actions show their code. */
export const ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  "subject.read": "Looked at a client's details",
  "subject.create": "Added a client",
  "subject.update": "Changed a client's details",
  "subject.assign": "Assigned a client to a caseworker",
  "subject.erase": "Erased a client",
  "subject.intake": "Recorded a client's intake",
  "intake.read": "Looked at a client's intake answers",
  "export.subject": "Exported a client's data",
  "case.read": "Opened a case",
  "case.create": "Opened a new case",
  "case.update": "Changed a case",
  "exposure.read": "Looked at a leaked page",
  "exposure.create": "Recorded a leaked page",
  "exposure.bulk_create": "Recorded several leaked pages",
  "exposure.update": "Changed a leaked page",
  "exposure.delete": "Removed a leaked page",
  "exposure.requested": "Marked a page as requested for removal",
  "exposure.recheck": "Checked whether a page is still online",
  "evidence.upload": "Added evidence",
  "evidence.strip": "Removed location data from evidence",
  "evidence.download": "Downloaded evidence",
  "letter.read": "Read a letter",
  "letter.create": "Drafted a letter",
  "letter.update": "Changed a letter",
  "letter.queue": "Queued a letter for sending",
  "letter.sent": "A letter was sent",
  "letter.failed": "A letter could not be sent",
  "letter.mark_sent": "Marked a letter as sent by hand",
  "letter.pdf": "Downloaded a letter as PDF",
  "mandate.pdf": "Downloaded a letter of authority to sign",
  "mandate.upload": "Uploaded a signed letter of authority",
  "request.read": "Looked at a removal request",
  "request.transition": "Changed a request's status",
  "request.note": "Added a note to a request",
  "reply.read": "Read a reply",
  "reply.record": "Recorded a reply",
  "reply.fetch": "Fetched replies from the mailbox",
  "reply.assign": "Matched a reply to a letter",
  "reply.confirm": "Confirmed what a reply says",
  "reminder.digest": "Sent a reminder email",
  "recipient.create": "Added a recipient",
  "recipient.correct": "Corrected a recipient",
  "recipient.correction_remove": "Removed a correction to a recipient",
  "incident.create": "Created an incident",
  "incident.read": "Looked at an incident",
  "incident.numbers_export": "Downloaded an incident's numbers per unit",
  "incident.roster_import": "Imported an incident's staff list",
  "incident.urls_import": "Imported an incident's leaked pages",
  "incident.url_link": "Linked a leaked page to a person",
  "incident.url_unlink": "Unlinked a leaked page from a person",
  "bulk.start": "Started sending letters in bulk",
  "bulk.cancel": "Stopped sending letters in bulk",
  "bulk.finish": "Finished sending letters in bulk",
  "template.create": "Created a letter template",
  "template.version": "Changed a letter template",
  "workspace.create": "Created the organisation",
  "workspace.update": "Changed the organisation's settings",
  "workspace.switch": "Switched into the organisation",
  "workspace.erase": "Erased the organisation's data",
  "export.workspace": "Exported all the organisation's data",
  "invitation.create": "Invited someone",
  "invitation.revoke": "Withdrew an invitation",
  "invitation.accept": "Accepted an invitation",
  "invitation.limited": "Was stopped from sending more invitations",
  "member.role_change": "Changed a member's role",
  "member.remove": "Removed a member",
  "audit.view": "Looked at the audit log",
  "audit.export": "Downloaded the audit log",
  "smtp.update": "Changed the outgoing mail settings",
  "smtp.test": "Tested the outgoing mail settings",
  "imap.update": "Changed the mailbox settings",
  "imap.test": "Tested the mailbox settings",
  "token.create": "Created an access token",
  "token.revoke": "Revoked an access token",
  "calendar_feed.create": "Made a calendar link",
  "calendar_feed.revoke": "Turned off a calendar link",
  "two_factor.enable": "Turned on two-factor authentication",
  "two_factor.disable": "Turned off two-factor authentication",
  "two_factor.login": "Logged in with two-factor authentication",
  "two_factor.login_failed": "Entered a wrong two-factor code",
  "two_factor.recovery_used": "Used a recovery code",
  "user.login": "Logged in",
  "user.login_failed": "Failed to log in",
  "user.logout": "Logged out",
  "user.quick_exit": "Used quick exit",
  "user.signup": "Signed up",
  "user.password_change": "Changed their password",
  "user.password_change_failed": "Failed to change their password",
  "user.password_reset_requested": "Asked for a password reset",
  "user.password_reset": "Reset their password",
  "session.revoke": "Ended a session",
  "session.revoke_others": "Ended their other sessions",
  "keys.rotate": "Rotated the encryption keys",
  "backup.create": "Made a backup",
  "backup.restore": "Restored a backup",
};

export const actionLabel = (action: string) => ACTION_LABELS[action as AuditAction] ?? action;

/** The actions offered in the filter, by label. */
export const ACTION_OPTIONS = Object.entries(ACTION_LABELS)
  .map(([value, label]) => ({ value, label: label as string }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** What an event is about, in plain words (target_type). */
export const TARGET_LABELS: Record<string, string> = {
  subject: "Client",
  case: "Case",
  exposure: "Leaked page",
  evidence: "Evidence",
  letter: "Letter",
  inbound_message: "Reply",
  invitation: "Invitation",
  user: "Member",
  workspace: "Organisation",
  workspace_template: "Letter template",
  recipient: "Recipient",
  token: "Access token",
  bulk_job: "Bulk sending",
  incident: "Incident",
  inbox: "Inbox",
};

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
