// The single source of Retract's data model. Migrations in db/migrations are generated from this file.
//
// Columns ending in `_enc` hold AES-256-GCM ciphertext (app/security/crypto.server.ts); columns ending in
// `_hmac` hold a keyed HMAC used for exact look-ups without storing the value. Nothing a person typed about
// themselves is stored in plain text.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ── Accounts ────────────────────────────────────────────────────────────────
export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  emailHmac: text("email_hmac").notNull().unique(),
  emailEnc: text("email_enc").notNull(),
  nameEnc: text("name_enc").notNull(),
  passwordHash: text("password_hash").notNull(),
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
    userAgentEnc: text("user_agent_enc"),
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
    nameEnc: text("name_enc").notNull(),
    // JSON arrays / strings, each encrypted as one value.
    aliasesEnc: text("aliases_enc").notNull(),
    emailsEnc: text("emails_enc").notNull(),
    phonesEnc: text("phones_enc").notNull(),
    addressesEnc: text("addresses_enc").notNull(),
    usernamesEnc: text("usernames_enc").notNull(),
    countryEnc: text("country_enc").notNull(),
    notesEnc: text("notes_enc").notNull(),
    assignedTo: text("assigned_to").references(() => users.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("subjects_workspace_idx").on(t.workspaceId)],
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
    titleEnc: text("title_enc").notNull(),
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
    urlEnc: text("url_enc").notNull(),
    urlHmac: text("url_hmac").notNull(),
    hostEnc: text("host_enc").notNull(),
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
    status: text("status", { enum: ["active", "requested", "removed", "reappeared", "unreachable"] })
      .notNull()
      .default("active"),
    notesEnc: text("notes_enc").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("exposures_case_url_idx").on(t.caseId, t.urlHmac),
    index("exposures_workspace_idx").on(t.workspaceId),
  ],
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
    filenameEnc: text("filename_enc").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    hasGps: integer("has_gps", { mode: "boolean" }).notNull().default(false),
    metadataEnc: text("metadata_enc").notNull(),
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
  (t) => [index("audit_workspace_idx").on(t.workspaceId, t.at), index("audit_target_idx").on(t.targetId)],
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
