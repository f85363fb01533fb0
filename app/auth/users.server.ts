// Accounts: sign-up creates the user, their personal workspace and owner membership in one transaction.
import { eq } from "drizzle-orm";
import { memberships, users, workspaces } from "#db/schema";
import { getDb } from "~/db.server";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { newId } from "~/utils/ids.server";
import { dummyHash, hashPassword, verifyPassword } from "./password.server";

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

export function emailIndex(email: string) {
  return blindIndex("user-email", normaliseEmail(email));
}

const sealEmail = sealFor("users", "email_enc");
const sealName = sealFor("users", "name_enc");

export class EmailTakenError extends Error {}

export async function createUser(input: { email: string; name: string; password: string }) {
  const db = getDb();
  const id = newId();
  const workspaceId = newId();
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const emailHmac = emailIndex(email);
  db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.emailHmac, emailHmac)).get()) {
      throw new EmailTakenError("An account with this email already exists.");
    }
    tx.insert(users)
      .values({
        id,
        emailHmac,
        emailEnc: sealEmail(id, email),
        nameEnc: sealName(id, input.name.trim()),
        passwordHash,
      })
      .run();
    tx.insert(workspaces).values({ id: workspaceId, kind: "personal", name: "My workspace" }).run();
    tx.insert(memberships).values({ workspaceId, userId: id, role: "owner" }).run();
  });
  return { id, workspaceId };
}

/** Returns the user id when the password is right; spends the same time when the account is unknown. */
export async function verifyLogin(email: string, password: string) {
  const row = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.emailHmac, emailIndex(email)))
    .get();
  if (!row) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  return (await verifyPassword(row.passwordHash, password)) ? row.id : null;
}

export function findUserIdByEmail(email: string) {
  return (
    getDb()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.emailHmac, emailIndex(email)))
      .get()?.id ?? null
  );
}

export function getUserProfile(userId: string) {
  const row = getDb()
    .select({ id: users.id, emailEnc: users.emailEnc, nameEnc: users.nameEnc })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  return {
    id: row.id,
    email: row.emailEnc.open(row.id),
    name: row.nameEnc.open(row.id),
  };
}

export async function setPassword(userId: string, password: string) {
  getDb()
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId))
    .run();
}

/** The account's page language (a code of app/i18n/languages.ts), or null when the browser chooses. */
export function getUserLocale(userId: string): string | null {
  return (
    getDb().select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? null
  );
}

export function setUserLocale(userId: string, locale: string) {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
