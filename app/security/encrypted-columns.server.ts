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
  ...["name", "aliases", "emails", "phones", "addresses", "usernames", "country", "notes"].map((f) => ({
    table: "subjects",
    idColumn: "id",
    column: `${f}_enc`,
    context: field("subject", f),
  })),
  { table: "cases", idColumn: "id", column: "title_enc", context: field("case", "title") },
  { table: "exposures", idColumn: "id", column: "url_enc", context: field("exposure", "url") },
  { table: "exposures", idColumn: "id", column: "host_enc", context: field("exposure", "host") },
  { table: "exposures", idColumn: "id", column: "notes_enc", context: field("exposure", "notes") },
  { table: "evidence", idColumn: "id", column: "filename_enc", context: field("evidence", "filename") },
  { table: "evidence", idColumn: "id", column: "metadata_enc", context: field("evidence", "metadata") },
];

/** Encrypted files on disk: evidence/<storage_key>, context evidence:<id>:file. */
export const ENCRYPTED_FILES = [
  { table: "evidence", idColumn: "id", keyColumn: "storage_key", context: field("evidence", "file") },
];
