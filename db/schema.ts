// The single source of Retract's data model. Migrations in db/migrations are generated from this file.
//
// Columns ending in `_enc` hold AES-256-GCM ciphertext (app/security/crypto.server.ts); columns ending in
// `_hmac` hold a keyed HMAC used for exact look-ups without storing the value. Nothing a person typed about
// themselves is stored in plain text.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { encrypted } from "../app/security/encrypted-type.server";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

// ── Accounts ────────────────────────────────────────────────────────────────
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  emailHmac: text("email_hmac").notNull().unique(),
  emailEnc: encrypted("users", "email_enc").notNull(),
  nameEnc: encrypted("users", "name_enc").notNull(),
  passwordHash: text("password_hash").notNull(),
  // The language of the pages (a code of app/i18n/languages.ts, e.g. "ko"); null: the browser's choice.
  // Not personal: a preference, not a fact about the person whose data leaked.
  locale: text("locale"),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the random session id: the cookie's value is never stored.
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userAgentEnc: encrypted("sessions", "user_agent_enc"),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

// ── Workspaces ──────────────────────────────────────────────────────────────
export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["personal", "organisation"] }).notNull(),
  name: text("name").notNull(),
  // Organisations only: a short unique handle (for the CLI and API), and whether members need 2FA.
  slug: text("slug").unique(),
  requireTwoFactor: integer("require_two_factor", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "caseworker", "viewer"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

// ── Case data ───────────────────────────────────────────────────────────────
export const subjects = sqliteTable(
  "subjects",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    nameEnc: encrypted("subjects", "name_enc").notNull(),
    // JSON arrays / strings, each encrypted as one value.
    aliasesEnc: encrypted("subjects", "aliases_enc").notNull(),
    emailsEnc: encrypted("subjects", "emails_enc").notNull(),
    phonesEnc: encrypted("subjects", "phones_enc").notNull(),
    addressesEnc: encrypted("subjects", "addresses_enc").notNull(),
    usernamesEnc: encrypted("subjects", "usernames_enc").notNull(),
    countryEnc: encrypted("subjects", "country_enc").notNull(),
    // The US state / German Land / UK nation, encrypted; null for people added before it existed.
    regionEnc: encrypted("subjects", "region_enc"),
    notesEnc: encrypted("subjects", "notes_enc").notNull(),
    assignedTo: text("assigned_to").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  // Workspace, then id (migration 0017): the case list looks up its page's 50 subjects by id inside
  // the workspace; with the workspace alone SQLite read all of an organisation's thousands of subjects.
  (t) => [index("subjects_workspace_idx").on(t.workspaceId, t.id)],
);

/**
 * "Not found on <date>": the person looked for themselves on a site of the directory and found nothing. Whether a
 * person was looked for on a given site could itself say something about them, so the site is kept only as a
 * keyed HMAC of its recipient id (decision 118); the date alone says nothing.
 */
export const subjectSiteChecks = sqliteTable(
  "subject_site_checks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    siteHmac: text("site_hmac").notNull(),
    notFoundOn: text("not_found_on").notNull(),
    checkedBy: text("checked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subject_site_checks_key_idx").on(t.subjectId, t.siteHmac)],
);

/** Keyed HMACs of a subject's emails, phones and usernames: exact matching without plaintext. */
export const subjectIdentifiers = sqliteTable(
  "subject_identifiers",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["email", "phone", "username"] }).notNull(),
    valueHmac: text("value_hmac").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectId, t.kind, t.valueHmac] }),
    index("subject_identifiers_lookup_idx").on(t.workspaceId, t.kind, t.valueHmac),
  ],
);

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    titleEnc: encrypted("cases", "title_enc").notNull(),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("cases_workspace_idx").on(t.workspaceId, t.updatedAt),
    index("cases_subject_idx").on(t.subjectId),
  ],
);

export const exposures = sqliteTable(
  "exposures",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    urlEnc: encrypted("exposures", "url_enc").notNull(),
    urlHmac: text("url_hmac").notNull(),
    hostEnc: encrypted("exposures", "host_enc").notNull(),
    // Only a known public platform's key (e.g. "telegram") is kept in plain text, for grouping and matching.
    platform: text("platform"),
    // The matched recipient in the directory (shared or the workspace's own); not a foreign key, so that a
    // directory re-import never blocks on or cascades into case data.
    recipientId: text("recipient_id"),
    exposed: text("exposed", { mode: "json" }).$type<string[]>().notNull(),
    callsForHarm: integer("calls_for_harm", { mode: "boolean" }).notNull().default(false),
    foundOn: text("found_on").notNull(),
    severity: text("severity", { enum: ["low", "medium", "high", "critical"] }).notNull(),
    severityOverride: text("severity_override", { enum: ["low", "medium", "high", "critical"] }),
    // The place's current state (app/exposures/categories.ts, EXPOSURE_STATUSES); every change is a row in
    // exposure_status_changes, written only by app/exposures/status.server.ts. "removed" means checked gone
    // (a re-check, or the person confirmed it); "said_removed" is the recipient's word, not yet checked.
    status: text("status", {
      enum: ["active", "requested", "said_removed", "removed", "reappeared", "unreachable"],
    })
      .notNull()
      .default("active"),
    notesEnc: encrypted("exposures", "notes_enc").notNull(),
    // Set when the exposure came from an employer incident's URL list: the same post, linked to each person.
    // Not a foreign key: SQLite cannot add one with ON DELETE to an existing table, and the link is only
    // used to group (an incident deleted leaves each person's exposure in their case).
    incidentUrlId: text("incident_url_id"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("exposures_case_url_idx").on(t.caseId, t.urlHmac),
    index("exposures_incident_url_idx").on(t.incidentUrlId),
    // A workspace's places, or those in one state (the dashboard's "said removed, not checked yet").
    index("exposures_workspace_status_idx").on(t.workspaceId, t.status),
    // Per-case counts by status (case list) and a case's exposures: without it SQLite scans the workspace.
    index("exposures_workspace_case_status_idx").on(t.workspaceId, t.caseId, t.status),
  ],
);

/**
 * The history of a place's state: one row per change (and one when it was recorded), so the dashboard can show
 * how many places were found, requested, said done, checked gone and back up over time. Only statuses, dates and
 * ids: nothing personal.
 */
export const exposureStatusChanges = sqliteTable(
  "exposure_status_changes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    exposureId: text("exposure_id")
      .notNull()
      .references(() => exposures.id, { onDelete: "cascade" }),
    // null for the row that records the place being found.
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    // The day it happened (YYYY-MM-DD): the day found, or a day the person gives ("I checked on 2 May").
    changedOn: text("changed_on").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    // What moved it (EXPOSURE_STATUS_SOURCES in app/exposures/status.server.ts).
    source: text("source").notNull(),
    letterId: text("letter_id"),
    checkId: text("check_id"),
    // The evidence file the person gave when they confirmed it gone (an id; the file stays in `evidence`).
    evidenceId: text("evidence_id"),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("exposure_status_changes_exposure_idx").on(t.exposureId, t.at),
    index("exposure_status_changes_workspace_idx").on(t.workspaceId, t.changedOn),
    // The dashboard's chart counts changes per day and state from this index alone (decision 112).
    index("exposure_status_changes_progress_idx").on(
      t.workspaceId,
      t.changedOn,
      t.fromStatus,
      t.toStatus,
      t.caseId,
    ),
    index("exposure_status_changes_case_idx").on(t.caseId, t.changedOn),
  ],
);

/**
 * The status history added up per workspace, day and change (from → to), kept by the database: triggers on
 * exposure_status_changes (migration 0026) add and subtract, so every writer agrees. The dashboard's chart reads
 * these few rows instead of every change (decision 112). `from_status` is '' for the row that records a place
 * being found. Counts only.
 */
export const exposureStatusDaily = sqliteTable(
  "exposure_status_daily",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.fromStatus, t.toStatus] })],
);

export const evidence = sqliteTable(
  "evidence",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    exposureId: text("exposure_id")
      .notNull()
      .references(() => exposures.id, { onDelete: "cascade" }),
    // The stripped copy points at the original it was made from.
    derivedFrom: text("derived_from"),
    filenameEnc: encrypted("evidence", "filename_enc").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    hasGps: integer("has_gps", { mode: "boolean" }).notNull().default(false),
    metadataEnc: encrypted("evidence", "metadata_enc").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_exposure_idx").on(t.exposureId)],
);

// ── Audit log (append-only: triggers in a custom migration refuse UPDATE and DELETE) ────────────
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorUserId: text("actor_user_id"),
    workspaceId: text("workspace_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    // Never personal values: ids, counts, field names.
    detail: text("detail", { mode: "json" }).$type<Record<string, string | number | boolean>>(),
  },
  (t) => [
    index("audit_workspace_idx").on(t.workspaceId, t.at),
    index("audit_target_idx").on(t.targetId),
    // The audit log page: newest first by id, keyset-paginated, optionally one member or action.
    index("audit_workspace_id_idx").on(t.workspaceId, t.id),
    index("audit_workspace_actor_idx").on(t.workspaceId, t.actorUserId, t.id),
    index("audit_workspace_action_idx").on(t.workspaceId, t.action, t.id),
  ],
);

// ── Recipient directory ─────────────────────────────────────────────────────
// Who to write to. Rows with workspace_id NULL are the shared directory (imported from open data and
// curated records, read-only to users); a workspace's own recipients carry its id. A workspace corrects a
// shared recipient in recipient_corrections, shown beside the original, never by editing the row.
export const recipients = sqliteTable(
  "recipients",
  {
    id: text("id").primaryKey(),
    // "<source>:<id in the source>" for imported and curated records; NULL for a workspace's own.
    sourceId: text("source_id").unique(),
    source: text("source", { enum: ["datenanfragen", "data-brokers", "curated", "workspace"] }).notNull(),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", {
      enum: ["platform", "host", "data_broker", "search_engine", "company", "regulator"],
    }).notNull(),
    name: text("name").notNull(),
    legalEntity: text("legal_entity"),
    countries: text("countries", { mode: "json" }).$type<string[]>().notNull(),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull(),
    parentId: text("parent_id"),
    address: text("address"),
    phone: text("phone"),
    web: text("web"),
    letterKinds: text("letter_kinds", { mode: "json" }).$type<string[]>().notNull(),
    quality: text("quality", { enum: ["verified", "tested", "scraped"] }),
    verifiedOn: text("verified_on"),
    sources: text("sources", { mode: "json" }).$type<{ url: string; date?: string }[]>().notNull(),
    notes: text("notes"),
    extra: text("extra", { mode: "json" }).$type<Record<string, unknown>>(),
    // Lower-cased name, legal entity, domains, aliases and categories: what a directory search scans.
    searchText: text("search_text").notNull(),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    // Set when a re-import no longer contains the record: kept for letters that name it, hidden from search.
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("recipients_workspace_idx").on(t.workspaceId),
    index("recipients_kind_idx").on(t.kind),
    index("recipients_parent_idx").on(t.parentId),
    index("recipients_name_idx").on(t.name),
  ],
);

/** Domain keys a recipient answers for: "facebook.com", a host "people.yellowpages.com", or "google.*". */
export const recipientDomains = sqliteTable(
  "recipient_domains",
  {
    domain: text("domain").notNull(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => recipients.id, { onDelete: "cascade" }),
    // NULL for the shared directory; a workspace may map a domain to any recipient for itself.
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("recipient_domains_key_idx").on(t.domain, t.recipientId, t.workspaceId),
    index("recipient_domains_recipient_idx").on(t.recipientId),
  ],
);

export const recipientChannels = sqliteTable(
  "recipient_channels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => recipients.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: ["email", "webform", "inapp", "postal"] }).notNull(),
    purpose: text("purpose", { enum: ["privacy", "abuse", "copyright", "dsa", "general"] }).notNull(),
    address: text("address").notNull(),
    label: text("label"),
  },
  (t) => [index("recipient_channels_recipient_idx").on(t.recipientId, t.position)],
);

/** A workspace's correction of a shared recipient: the changed fields only, shown beside the original. */
export const recipientCorrections = sqliteTable(
  "recipient_corrections",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => recipients.id, { onDelete: "cascade" }),
    fields: text("fields", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    note: text("note"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("recipient_corrections_workspace_recipient_idx").on(t.workspaceId, t.recipientId)],
);

// ── Letters and outbox ──────────────────────────────────────────────────────
// A letter is written from a template for exposures at one recipient, edited, then sent (email through the
// outbox, PDF, or pasted into a web form). From `frozen_at` on (the moment it is queued or marked sent) its
// text, recipient, channel and template are fixed: app/requests/store.server.ts refuses, and a trigger in a
// custom migration makes the database refuse too. `status` is plain text so the tracking issue can extend it.
/** A letter's template_body_enc while its body is unedited: the body is the template's text (decision 046). */
export const UNEDITED = "";

export const letters = sqliteTable(
  "letters",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    // The directory recipient (shared or the workspace's own); not a foreign key, like exposures.recipient_id.
    recipientId: text("recipient_id"),
    kind: text("kind").notNull(),
    channel: text("channel", { enum: ["email", "pdf", "webform"] }).notNull(),
    // Email address, form URL or postal address the letter goes to.
    addressEnc: encrypted("letters", "address_enc").notNull(),
    templateId: text("template_id").notNull(),
    templateLang: text("template_lang").notNull(),
    templateVersion: integer("template_version").notNull(),
    // Set when the letter was written from a workspace's own template.
    workspaceTemplateVersionId: text("workspace_template_version_id"),
    regime: text("regime").notNull(),
    deadlineRule: text("deadline_rule"),
    reference: text("reference").notNull().unique(),
    status: text("status").notNull().default("draft"),
    subjectEnc: encrypted("letters", "subject_enc").notNull(),
    bodyEnc: encrypted("letters", "body_enc").notNull(),
    // The text as the template rendered it, so the user's edits (the difference) are kept. UNEDITED ("")
    // while the body is still that text: most letters are never edited, and a second copy of a 4 KB body
    // was almost half of every letter's bytes (decision 046). The first edit stores the template's text here.
    templateBodyEnc: encrypted("letters", "template_body_enc").notNull(),
    // The variables the letter was rendered with (JSON), for re-rendering and the send-time checks.
    variablesEnc: encrypted("letters", "variables_enc").notNull(),
    // Evidence ids the user picked as attachments (ids only).
    attachmentIds: text("attachment_ids", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Paper size of the PDF.
    paper: text("paper", { enum: ["A4", "LETTER"] })
      .notNull()
      .default("A4"),
    frozenAt: integer("frozen_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    // Calendar dates computed at send from the deadline rule (YYYY-MM-DD). sentOn: the day it went out (posted,
    // submitted, or sent by email); receivedOn: the day the recipient got it (email: the day sent; post and
    // letters sent outside Retract: the date the user enters). Deadlines count from receivedOn.
    sentOn: text("sent_on"),
    receivedOn: text("received_on"),
    dueOn: text("due_on"),
    extendedDueOn: text("extended_due_on"),
    // The latest date the recipient announced (request_events of kind announce_extension), kept by the
    // database: a trigger on request_events writes it (migration 0019), so every writer agrees.
    announcedDueOn: text("announced_due_on"),
    // The date the answer is due now: the announced date, else the one computed at sending.
    effectiveDueOn: text("effective_due_on").generatedAlwaysAs(sql`coalesce(announced_due_on, due_on)`, {
      mode: "virtual",
    }),
    acknowledgeBy: text("acknowledge_by"),
    messageId: text("message_id"),
    // A follow-up or complaint written from a request: that request. Its follow_up / escalate event is applied
    // when this letter is sent (not when the draft is written). Not a foreign key, like recipient_id.
    followsLetterId: text("follows_letter_id"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("letters_case_idx").on(t.caseId, t.createdAt),
    // The dashboard's lists by state: unsent drafts oldest first, "asked for more information" newest first;
    // the ordering column in the index reads only the rows shown, not every letter in that state (decision 130).
    index("letters_workspace_status_created_idx").on(t.workspaceId, t.status, t.createdAt, t.id),
    index("letters_workspace_status_updated_idx").on(t.workspaceId, t.status, t.updatedAt),
    // Reminders (dashboard, digest) and upcoming deadlines: waiting requests by the date due now, answered
    // from the index alone, without reading the letters' long encrypted rows.
    index("letters_effective_due_idx").on(t.workspaceId, t.status, t.effectiveDueOn, t.id),
    // Recipient scorecards (decision 113): one recipient's sent requests without reading other letters.
    index("letters_recipient_idx").on(t.recipientId, t.workspaceId, t.sentOn),
  ],
);

export const letterExposures = sqliteTable(
  "letter_exposures",
  {
    letterId: text("letter_id")
      .notNull()
      .references(() => letters.id, { onDelete: "cascade" }),
    exposureId: text("exposure_id")
      .notNull()
      .references(() => exposures.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.letterId, t.exposureId] }),
    index("letter_exposures_exposure_idx").on(t.exposureId),
  ],
);

/** Transactional outbox: one row per emailed letter (letter_id unique = a letter is never queued twice). */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    letterId: text("letter_id")
      .notNull()
      .unique()
      .references(() => letters.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    // When a worker claimed the row (state sending); a stale claim is retried after a restart.
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    // SMTP reply code and text or a network error code; never personal data.
    lastError: text("last_error"),
    // Generated before the first attempt, reused by every retry.
    messageId: text("message_id").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("outbox_due_idx").on(t.state, t.nextAttemptAt)],
);

/** A workspace's own SMTP account: letters go out from the user's mailbox, not Retract's. */
export const workspaceSmtp = sqliteTable("workspace_smtp", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  host: text("host").notNull(),
  port: integer("port").notNull(),
  // true = TLS from the start (465); false = STARTTLS when the server offers it (587, 25).
  secure: integer("secure", { mode: "boolean" }).notNull().default(false),
  userEnc: encrypted("workspace_smtp", "user_enc").notNull(),
  passwordEnc: encrypted("workspace_smtp", "password_enc").notNull(),
  fromEnc: encrypted("workspace_smtp", "from_enc").notNull(),
  replyToEnc: encrypted("workspace_smtp", "reply_to_enc").notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** A workspace's copy of a built-in template; its text lives in versions. */
export const workspaceTemplates = sqliteTable(
  "workspace_templates",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    baseTemplateId: text("base_template_id").notNull(),
    lang: text("lang").notNull(),
    title: text("title").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("workspace_templates_workspace_idx").on(t.workspaceId)],
);

export const workspaceTemplateVersions = sqliteTable(
  "workspace_template_versions",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    templateId: text("template_id")
      .notNull()
      .references(() => workspaceTemplates.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    // Front matter copied from the built-in (no personal data), the Liquid body encrypted.
    frontMatter: text("front_matter", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    bodyEnc: encrypted("workspace_template_versions", "body_enc").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspace_template_versions_idx").on(t.templateId, t.version)],
);

// ── Organisations: invitations, two-factor, access tokens ────────
/** An invitation to join a workspace: a single-use link whose token is stored only as a hash. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    emailHmac: text("email_hmac").notNull(),
    emailEnc: encrypted("invitations", "email_enc").notNull(),
    role: text("role", { enum: ["owner", "admin", "caseworker", "viewer"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("invitations_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/** A user's TOTP secret; `enabled_at` is set once a code from the authenticator app was confirmed. */
export const userTwoFactor = sqliteTable("user_two_factor", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEnc: encrypted("user_two_factor", "secret_enc").notNull(),
  enabledAt: integer("enabled_at", { mode: "timestamp_ms" }),
  // The last 30-second step a code was accepted for: a code is never accepted twice.
  lastUsedStep: integer("last_used_step"),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** One-time recovery codes, stored as keyed HMACs. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHmac: text("code_hmac").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_idx").on(t.userId, t.codeHmac)],
);

/** Password checked, code still to come: a short-lived, single-use state that is not a session. */
export const twoFactorChallenges = sqliteTable(
  "two_factor_challenges",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    redirectTo: text("redirect_to").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("two_factor_challenges_user_idx").on(t.userId)],
);

/** Personal access tokens for the API: per user and workspace, stored as a hash, read or write. */
export const accessTokens = sqliteTable(
  "access_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // A label the user chose ("CI import"); not personal data.
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    access: text("access", { enum: ["read", "write"] }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    // API completion: an optional expiry chosen when the token is made; null = until revoked.
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("access_tokens_workspace_idx").on(t.workspaceId, t.userId)],
);

/**
 * Calendar feeds (RFC 5545): a secret link per member, for all the cases they can see in one workspace
 * (case_id NULL) or for one case. Like access tokens, only the SHA-256 of the token is kept; it is shown
 * once. Making a new one revokes the member's earlier one for the same workspace and case (decision 116).
 */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id").references(() => cases.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("calendar_feeds_owner_idx").on(t.workspaceId, t.userId, t.caseId)],
);

// ── Tracking: request timeline, replies, mailbox, re-checks, reminders ────────────────
// A letter is a request; its lifecycle state lives in letters.status (app/requests/tracking/lifecycle.ts). What the
// letters table does not hold (extensions, replies, notes, escalations) is a row here.
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    letterId: text("letter_id")
      .notNull()
      .references(() => letters.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    // A lifecycle event name (reply, acknowledge, follow_up, …) or "note".
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    // Reply outcome and refusal reason: fixed vocabularies, not personal data.
    outcome: text("outcome"),
    refusalReason: text("refusal_reason"),
    // Extension: the new due date the recipient announced (YYYY-MM-DD).
    dueOn: text("due_on"),
    noteEnc: encrypted("request_events", "note_enc"),
    inboundMessageId: text("inbound_message_id"),
    // The letter this event produced (the follow-up or the complaint).
    relatedLetterId: text("related_letter_id"),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("request_events_letter_idx").on(t.letterId, t.at),
    index("request_events_case_idx").on(t.caseId, t.at),
  ],
);

/** A workspace's IMAP mailbox, read for replies to its letters. */
export const workspaceImap = sqliteTable("workspace_imap", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  host: text("host").notNull(),
  port: integer("port").notNull(),
  // true = TLS from the start (993); false = STARTTLS when offered (143).
  secure: integer("secure", { mode: "boolean" }).notNull().default(true),
  userEnc: encrypted("workspace_imap", "user_enc").notNull(),
  passwordEnc: encrypted("workspace_imap", "password_enc").notNull(),
  mailbox: text("mailbox").notNull().default("INBOX"),
  // Resume point: messages with a UID above last_uid in this UIDVALIDITY are new.
  uidValidity: text("uid_validity"),
  lastUid: integer("last_uid").notNull().default(0),
  lastPolledAt: integer("last_polled_at", { mode: "timestamp_ms" }),
  // Error code or server response text of the last poll; never personal data.
  lastError: text("last_error"),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** Replies: read from the mailbox or recorded by hand. Unmatched ones (letter_id NULL) wait in the inbox. */
export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Replies go with their letter (erasing a case or a person erases the replies about them).
    letterId: text("letter_id").references(() => letters.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["imap", "manual"] }).notNull(),
    // Keyed HMAC of the Message-ID header: the same mail is never stored twice.
    messageIdHmac: text("message_id_hmac"),
    matchedBy: text("matched_by", { enum: ["message_id", "reference", "manual"] }),
    fromEnc: encrypted("inbound_messages", "from_enc").notNull(),
    subjectEnc: encrypted("inbound_messages", "subject_enc").notNull(),
    textEnc: encrypted("inbound_messages", "text_enc").notNull(),
    // The whole message as received (RFC 822), encrypted; NULL for replies recorded by hand.
    rawEnc: encrypted("inbound_messages", "raw_enc"),
    size: integer("size").notNull().default(0),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    // What the reply looks like to the classifier (app/requests/replies/classify.ts): a suggestion only, and
    // the refusal reason it shows. NULL on replies stored before classification.
    replyClass: text("reply_class"),
    replyReason: text("reply_reason"),
    // When the suggestion was settled: the person confirmed or changed it, or it was applied on arrival (an
    // acknowledgement, a delivery failure report). NULL while it waits for the person.
    settledAt: integer("settled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("inbound_messages_message_id_idx").on(t.workspaceId, t.messageIdHmac),
    index("inbound_messages_letter_idx").on(t.letterId),
    index("inbound_messages_inbox_idx").on(t.workspaceId, t.letterId, t.receivedAt),
  ],
);

/** Re-checks of an exposure's URL, fetched by the server (never the user's browser). */
export const exposureChecks = sqliteTable(
  "exposure_checks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    exposureId: text("exposure_id")
      .notNull()
      .references(() => exposures.id, { onDelete: "cascade" }),
    checkedAt: integer("checked_at", { mode: "timestamp_ms" }).notNull(),
    trigger: text("trigger", { enum: ["manual", "scheduled"] }).notNull(),
    // up = still there with identifiers; removed; reappeared; unreachable; inconclusive = loads, nothing found.
    outcome: text("outcome", {
      enum: ["up", "removed", "reappeared", "unreachable", "inconclusive"],
    }).notNull(),
    statusCode: integer("status_code"),
    // Which kinds of identifier were found (name, email, phone, username, address): kinds only, no values.
    foundKinds: text("found_kinds", { mode: "json" }).$type<string[]>().notNull(),
    sha256: text("sha256"),
    bytes: integer("bytes"),
    // Where the redirects ended, when that differs from the exposure's URL.
    finalUrlEnc: encrypted("exposure_checks", "final_url_enc"),
    // An error code (timeout, too_large, blocked_address, dns, too_many_redirects, onion); never personal data.
    error: text("error"),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("exposure_checks_exposure_idx").on(t.exposureId, t.checkedAt),
    index("exposure_checks_workspace_idx").on(t.workspaceId, t.checkedAt),
  ],
);

/** One reminder digest per user and day, so a restarted server or the CLI never sends it twice. */
export const reminderDigests = sqliteTable(
  "reminder_digests",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sentOn: text("sent_on").notNull(),
    items: integer("items").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.sentOn] })],
);

// ── Seed bookkeeping: which version of each reference data set was loaded, so starts skip unchanged ones.
export const seedState = sqliteTable("seed_state", {
  name: text("name").primaryKey(),
  fingerprint: text("fingerprint").notNull(),
  appliedAt: integer("applied_at", { mode: "timestamp_ms" }).notNull(),
});

// ── Letters of authority (mandates): the signed copy a client returns, stored encrypted like evidence ──────
export const mandates = sqliteTable(
  "mandates",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    /** The member the client authorised (the representative named in the letter of authority). */
    representativeUserId: text("representative_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The date the client signed, as YYYY-MM-DD (goes into the letters as `representative.mandateDate`). */
    signedOn: text("signed_on").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    filenameEnc: encrypted("mandates", "filename_enc").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("mandates_subject_idx").on(t.workspaceId, t.subjectId, t.signedOn)],
);

// ── Employer incidents ────────────────────────────────────────────
// One leak, many people: each person on the roster is a subject with a case for this incident; each leaked
// URL is stored once here and linked to a person by an exposure row in that person's case (exposures.
// incident_url_id), so letters, re-checks and tracking work exactly as for a single case.
export const incidents = sqliteTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    titleEnc: encrypted("incidents", "title_enc").notNull(),
    descriptionEnc: encrypted("incidents", "description_enc").notNull(),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("incidents_workspace_idx").on(t.workspaceId, t.updatedAt)],
);

/** A person on an incident's roster: the subject, the case opened for them, and their unit. */
export const incidentPeople = sqliteTable(
  "incident_people",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Team or unit from the roster (encrypted: with the employer's name it narrows down who someone is). */
    unitEnc: encrypted("incident_people", "unit_enc").notNull(),
    /** Keyed HMAC of the unit, lower-cased, so the matrix can filter by unit without decrypting. */
    unitHmac: text("unit_hmac"),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.subjectId] }),
    uniqueIndex("incident_people_case_idx").on(t.caseId),
    index("incident_people_subject_idx").on(t.subjectId),
  ],
);

/** A leaked URL, stored once per incident. Who it exposes is the set of exposures pointing at it. */
export const incidentUrls = sqliteTable(
  "incident_urls",
  {
    id: text("id").primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    urlEnc: encrypted("incident_urls", "url_enc").notNull(),
    urlHmac: text("url_hmac").notNull(),
    hostEnc: encrypted("incident_urls", "host_enc").notNull(),
    platform: text("platform"),
    recipientId: text("recipient_id"),
    exposed: text("exposed", { mode: "json" }).$type<string[]>().notNull(),
    callsForHarm: integer("calls_for_harm", { mode: "boolean" }).notNull().default(false),
    foundOn: text("found_on").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("incident_urls_url_idx").on(t.incidentId, t.urlHmac)],
);

// ── Bulk letters of an incident: a durable background job ─────────
// "Generate and queue letters for every empty cell" of an incident's matrix. The cells are copied into items
// when the job starts (a snapshot), then a worker turns items into letters chunk by chunk; a letter, its
// exposures, its outbox row and its item's new state commit in one transaction, so a crash repeats nothing.
export const bulkJobs = sqliteTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    state: text("state", { enum: ["queued", "running", "done", "cancelled", "failed"] })
      .notNull()
      .default("queued"),
    /** The options chosen at start (letter, language, channel, shared texts), encrypted as one JSON value. */
    optionsEnc: encrypted("bulk_jobs", "options_enc").notNull(),
    total: integer("total").notNull().default(0),
    queued: integer("queued").notNull().default(0),
    generated: integer("generated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** Why the whole job stopped (a code, never personal data). */
    error: text("error"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    /** Set by the worker after every chunk: a running job with an old heartbeat belongs to a dead process. */
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("bulk_jobs_incident_idx").on(t.workspaceId, t.incidentId, t.createdAt),
    index("bulk_jobs_state_idx").on(t.state),
  ],
);

/** One cell of the matrix (person × recipient) to write a letter for. Ids and codes only. */
export const bulkJobItems = sqliteTable(
  "bulk_job_items",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    recipientId: text("recipient_id").notNull(),
    exposureIds: text("exposure_ids", { mode: "json" }).$type<string[]>().notNull(),
    state: text("state", { enum: ["pending", "queued", "generated", "skipped", "failed"] })
      .notNull()
      .default("pending"),
    /** Why an item was skipped or failed: a code from app/incidents/bulk-reasons.ts, never personal data. */
    reason: text("reason"),
    letterId: text("letter_id").references(() => letters.id, { onDelete: "set null" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    index("bulk_job_items_state_idx").on(t.jobId, t.state, t.seq),
    index("bulk_job_items_case_idx").on(t.caseId),
    index("bulk_job_items_letter_idx").on(t.letterId),
  ],
);

// ── Client intake ─────────────────────────────────────────────────
// What a legal-aid caseworker asks at first contact, kept beside the client (subject) it created. The answers
// (safe contact channel and times, who else reads their mail, what leaked and where) are one encrypted JSON
// value; `urgent` (the leak calls for harm) and `consent` (may we act for them) drive the next steps.
export const clientIntakes = sqliteTable(
  "client_intakes",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    caseId: text("case_id").references(() => cases.id, { onDelete: "set null" }),
    answersEnc: encrypted("client_intakes", "answers_enc").notNull(),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    consent: text("consent", { enum: ["yes", "not_yet", "no"] }).notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("client_intakes_subject_idx").on(t.workspaceId, t.subjectId, t.createdAt)],
);

// ── Background jobs ───────────────────────────────────────────
// One runner (app/jobs/runner.server.ts) claims due rows with a lease it renews while the job runs; a row whose
// lease ran out belongs to a process that is gone and is claimed again. `key` makes a job unique among those
// waiting or running (one send per letter, one poll per mailbox). The payload holds ids only, never personal
// data; `last_error` holds an error's name or code, never its message.
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    key: text("key"),
    payload: text("payload").notNull().default("{}"),
    state: text("state", { enum: ["pending", "running", "failed"] })
      .notNull()
      .default("pending"),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: integer("lease_expires_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("jobs_due_idx").on(t.state, t.runAt),
    uniqueIndex("jobs_key_idx")
      .on(t.queue, t.key)
      .where(sql`${t.state} IN ('pending', 'running') AND ${t.key} IS NOT NULL`),
  ],
);

// ── Request limits ───────────────────────────────────────────
// The fixed-window counters of app/auth/rate-limit.server.ts (log-in tries, two-factor codes, invitations,
// public endpoints), here rather than in process memory so every worker of `npm start` counts the same tries.
// `key` is a keyed hash (blindIndex) of the address, account or workspace, never the value itself.
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    hits: integer("hits").notNull(),
    resetAt: integer("reset_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index("rate_limits_reset_idx").on(t.resetAt)],
);
