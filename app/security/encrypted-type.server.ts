// One drizzle column type for encrypted fields (decision 082). `encrypted(table, column)` derives the
// associated data from the table and column through ENCRYPTED_COLUMNS, so no module spells a context string.
// The row id stays bound into the associated data (decision 082): a value read from the database is a
// Sealed token that opens only with the id of the row it was read from, and a value is sealed for a row id.
// Tokens are byte-for-byte what encrypt() writes today, so existing rows, rotation and backups are unchanged.
import { customType } from "drizzle-orm/sqlite-core";
import { decrypt, encrypt, type Keyring } from "./crypto.server";
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from "./encrypted-columns.server";

function specOf(table: string, column: string): EncryptedColumn {
  const spec = ENCRYPTED_COLUMNS.find((c) => c.table === table && c.column === column);
  if (!spec) throw new Error(`${table}.${column} is not in ENCRYPTED_COLUMNS`);
  return spec;
}

/** A ciphertext of one encrypted column. Decrypting is lazy: a row read without this field costs nothing. */
export class Sealed {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly token: string,
  ) {}

  /** The plaintext, for the row with this id (the id is part of the associated data). */
  open(rowId: string, row: Record<string, unknown> = {}, ring?: Keyring): string {
    return decrypt(this.token, specOf(this.table, this.column).context(rowId, row), ring);
  }

  openJson<T>(rowId: string, row: Record<string, unknown> = {}, ring?: Keyring): T {
    return JSON.parse(this.open(rowId, row, ring)) as T;
  }

  static seal(table: string, column: string, rowId: string, plain: string, ring?: Keyring): Sealed {
    const context = specOf(table, column).context(rowId, {});
    return new Sealed(table, column, encrypt(plain, context, ring));
  }
}

/** The column type for `<name>_enc` columns: stores a Sealed token's text, reads it back as a Sealed. */
export function encrypted(table: string, column: string) {
  specOf(table, column); // a name that is not registered fails when the schema module loads
  return customType<{ data: Sealed; driverData: string }>({
    dataType: () => "text",
    toDriver(value) {
      if (!(value instanceof Sealed)) throw new Error(`${table}.${column} takes a Sealed value`);
      if (value.table !== table || value.column !== column)
        throw new Error(
          `A value sealed for ${value.table}.${value.column} cannot be written to ${table}.${column}`,
        );
      return value.token;
    },
    fromDriver(value) {
      return new Sealed(table, column, value);
    },
  })(column);
}

/** Seals a value for a column of a row; `sealFor("users", "email_enc")(id, email)`. */
export const sealFor = (table: string, column: string) => (rowId: string, plain: string, ring?: Keyring) =>
  Sealed.seal(table, column, rowId, plain, ring);
