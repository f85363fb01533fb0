// Every encrypted column, with the associated-data context its values were written with. Key rotation and
// export walk this list, so a new encrypted column must be added here (a test checks the schema against it).
export type EncryptedColumn = {
  table: string;
  idColumn: string;
  column: string;
  /** The context passed to encrypt() for this row, from its id (and the row, when the context needs more). */
  context: (id: string, row: Record<string, unknown>) => string;
};

const field = (prefix: string, name: string) => (id: string) => `${prefix}:${id}:${name}`;

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: "users", idColumn: "id", column: "email_enc", context: field("user", "email") },
  { table: "users", idColumn: "id", column: "name_enc", context: field("user", "name") },
  { table: "sessions", idColumn: "id_hash", column: "user_agent_enc", context: field("session", "ua") },
  ...["name", "aliases", "emails", "phones", "addresses", "usernames", "country", "region", "notes"].map(
    (f) => ({
      table: "subjects",
      idColumn: "id",
      column: `${f}_enc`,
      context: field("subject", f),
    }),
  ),
  { table: "cases", idColumn: "id", column: "title_enc", context: field("case", "title") },
  { table: "exposures", idColumn: "id", column: "url_enc", context: field("exposure", "url") },
  { table: "exposures", idColumn: "id", column: "host_enc", context: field("exposure", "host") },
  { table: "exposures", idColumn: "id", column: "notes_enc", context: field("exposure", "notes") },
  { table: "evidence", idColumn: "id", column: "filename_enc", context: field("evidence", "filename") },
  { table: "evidence", idColumn: "id", column: "metadata_enc", context: field("evidence", "metadata") },
  { table: "mandates", idColumn: "id", column: "filename_enc", context: field("mandate", "filename") },
  // Client intake answers: one JSON value per intake.
  { table: "client_intakes", idColumn: "id", column: "answers_enc", context: field("intake", "answers") },
  ...["address", "subject", "body", "template_body", "variables"].map((f) => ({
    table: "letters",
    idColumn: "id",
    column: `${f}_enc`,
    context: field("letter", f),
  })),
  ...["user", "password", "from", "reply_to"].map((f) => ({
    table: "workspace_smtp",
    idColumn: "workspace_id",
    column: `${f}_enc`,
    context: field("workspace_smtp", f),
  })),
  {
    table: "workspace_template_versions",
    idColumn: "id",
    column: "body_enc",
    context: field("workspace_template_version", "body"),
  },
  { table: "invitations", idColumn: "id", column: "email_enc", context: field("invitation", "email") },
  {
    table: "user_two_factor",
    idColumn: "user_id",
    column: "secret_enc",
    context: field("two_factor", "secret"),
  },
  // Tracking: request notes, the IMAP account, replies, re-check redirect targets.
  { table: "request_events", idColumn: "id", column: "note_enc", context: field("request_event", "note") },
  ...["user", "password"].map((f) => ({
    table: "workspace_imap",
    idColumn: "workspace_id",
    column: `${f}_enc`,
    context: field("workspace_imap", f),
  })),
  ...["from", "subject", "text", "raw"].map((f) => ({
    table: "inbound_messages",
    idColumn: "id",
    column: `${f}_enc`,
    context: field("inbound_message", f),
  })),
  {
    table: "exposure_checks",
    idColumn: "id",
    column: "final_url_enc",
    context: field("exposure_check", "final_url"),
  },
  // Employer incidents. A roster row is keyed by its case id (unique per incident person).
  { table: "incidents", idColumn: "id", column: "title_enc", context: field("incident", "title") },
  {
    table: "incidents",
    idColumn: "id",
    column: "description_enc",
    context: field("incident", "description"),
  },
  {
    table: "incident_people",
    idColumn: "case_id",
    column: "unit_enc",
    context: field("incident_person", "unit"),
  },
  { table: "incident_urls", idColumn: "id", column: "url_enc", context: field("incident_url", "url") },
  { table: "incident_urls", idColumn: "id", column: "host_enc", context: field("incident_url", "host") },
  // Bulk letters of an incident: the options chosen at start (they may carry a shared text about the leak).
  { table: "bulk_jobs", idColumn: "id", column: "options_enc", context: field("bulk_job", "options") },
];

/** Encrypted files on disk (all under evidence/<storage_key>): signed evidence and signed mandates. */
export const ENCRYPTED_FILES = [
  { table: "evidence", idColumn: "id", keyColumn: "storage_key", context: field("evidence", "file") },
  { table: "mandates", idColumn: "id", keyColumn: "storage_key", context: field("mandate", "file") },
];

/** The associated data of a row's encrypted file: the one place its context is spelled (ENCRYPTED_FILES). */
export function fileContext(table: (typeof ENCRYPTED_FILES)[number]["table"], id: string): string {
  const spec = ENCRYPTED_FILES.find((f) => f.table === table);
  if (!spec) throw new Error(`${table} has no encrypted file`);
  return spec.context(id);
}
