// Subjects: the people whose details leaked. Every personal field is encrypted; every read is audited.
import { desc, eq, inArray, sql } from "drizzle-orm";
import { subjectIdentifiers, subjects } from "#db/schema";
import { type AuditEntry, audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { blindIndex } from "~/security/crypto.server";
import { sealFor } from "~/security/encrypted-type.server";
import { newId } from "~/utils/ids.server";
import { can, inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";

export { SubjectFieldsSchema } from "./schemas.server";

import type { SubjectFields } from "./schemas.server";

export type { SubjectFields };

/** What a write takes: the form's fields, the region optional (callers from before regions existed). */
export type SubjectInput = Omit<SubjectFields, "region"> & { region?: string };

export type Subject = SubjectFields & { id: string; createdAt: Date; updatedAt: Date };

const seal = {
  name: sealFor("subjects", "name_enc"),
  aliases: sealFor("subjects", "aliases_enc"),
  emails: sealFor("subjects", "emails_enc"),
  phones: sealFor("subjects", "phones_enc"),
  addresses: sealFor("subjects", "addresses_enc"),
  usernames: sealFor("subjects", "usernames_enc"),
  country: sealFor("subjects", "country_enc"),
  region: sealFor("subjects", "region_enc"),
  notes: sealFor("subjects", "notes_enc"),
};

/** The encrypted columns of a subject row, sealed for that row (lists as one JSON value each). */
export function sealSubjectFields(id: string, f: SubjectInput) {
  return {
    nameEnc: seal.name(id, f.name),
    aliasesEnc: seal.aliases(id, JSON.stringify(f.aliases)),
    emailsEnc: seal.emails(id, JSON.stringify(f.emails)),
    phonesEnc: seal.phones(id, JSON.stringify(f.phones)),
    addressesEnc: seal.addresses(id, JSON.stringify(f.addresses)),
    usernamesEnc: seal.usernames(id, JSON.stringify(f.usernames)),
    countryEnc: seal.country(id, f.country),
    regionEnc: seal.region(id, f.region ?? ""),
    notesEnc: seal.notes(id, f.notes),
  };
}

export const normalisePhone = (p: string) => p.replace(/[^+0-9]/g, "");

function identifierRows(workspaceId: string, subjectId: string, f: SubjectInput) {
  const rows = [
    ...f.emails.map((v) => ({ kind: "email" as const, value: v.toLowerCase() })),
    ...f.phones.map((v) => ({ kind: "phone" as const, value: normalisePhone(v) })),
    ...f.usernames.map((v) => ({ kind: "username" as const, value: v.replace(/^@/, "").toLowerCase() })),
  ];
  const seen = new Set<string>();
  return rows
    .map((r) => ({
      workspaceId,
      subjectId,
      kind: r.kind,
      valueHmac: blindIndex(`subject-${r.kind}`, r.value),
    }))
    .filter((r) => !seen.has(r.kind + r.valueHmac) && seen.add(r.kind + r.valueHmac));
}

type Row = typeof subjects.$inferSelect;

function openRow(row: Row): Subject {
  const id = row.id;
  return {
    id,
    name: row.nameEnc.open(id),
    aliases: row.aliasesEnc.openJson(id),
    emails: row.emailsEnc.openJson(id),
    phones: row.phonesEnc.openJson(id),
    addresses: row.addressesEnc.openJson(id),
    usernames: row.usernamesEnc.openJson(id),
    country: row.countryEnc.open(id),
    region: row.regionEnc ? row.regionEnc.open(id) : "",
    notes: row.notesEnc.open(id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function createSubject(scope: Scope, fields: SubjectInput) {
  requirePermission(scope, "case:write");
  const id = newId();
  const db = getDb();
  db.transaction((tx) => {
    tx.insert(subjects)
      .values({
        id,
        workspaceId: scope.workspaceId,
        ...sealSubjectFields(id, fields),
        // A caseworker sees only assigned subjects, so the people they add are assigned to them.
        assignedTo: can(scope, "case:read_all") ? null : scope.userId,
        createdBy: scope.userId,
        updatedAt: new Date(),
      })
      .run();
    const ids = identifierRows(scope.workspaceId, id, fields);
    if (ids.length) tx.insert(subjectIdentifiers).values(ids).run();
  });
  audit({
    action: "subject.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: id,
  });
  return id;
}

export function updateSubject(scope: Scope, id: string, fields: SubjectInput) {
  requirePermission(scope, "case:write");
  const db = getDb();
  db.transaction((tx) => {
    const res = tx
      .update(subjects)
      .set({ ...sealSubjectFields(id, fields), updatedAt: new Date() })
      .where(inScope(subjects, scope, eq(subjects.id, id)))
      .run();
    if (res.changes !== 1) notFound("This person");
    tx.delete(subjectIdentifiers).where(eq(subjectIdentifiers.subjectId, id)).run();
    const ids = identifierRows(scope.workspaceId, id, fields);
    if (ids.length) tx.insert(subjectIdentifiers).values(ids).run();
  });
  audit({
    action: "subject.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: id,
  });
}

/**
 * Reads and decrypts one subject of the scope's workspace; the read is logged (by `log`: the bulk worker hands its read to the transaction
 * that stores the letters written from it).
 */
export function getSubject(scope: Scope, id: string, log: (e: AuditEntry) => void = audit): Subject {
  const row = getDb()
    .select()
    .from(subjects)
    .where(inScope(subjects, scope, eq(subjects.id, id)))
    .get();
  if (!row) notFound("This person");
  log({
    action: "subject.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: id,
  });
  return openRow(row);
}

/** Names of the workspace's subjects (for lists and pickers); each decrypted name is logged as a read. */
export function listSubjectNames(scope: Scope, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  const rows = getDb()
    .select({ id: subjects.id, nameEnc: subjects.nameEnc })
    .from(subjects)
    .where(inScope(subjects, scope, ids ? inArray(subjects.id, ids) : undefined))
    .orderBy(desc(subjects.updatedAt))
    .all();
  audit(
    rows.map((r) => ({
      action: "subject.read" as const,
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "subject",
      targetId: r.id,
      detail: { fields: "name" },
    })),
  );
  return rows.map((r) => ({ id: r.id, name: r.nameEnc.open(r.id) }));
}

export function subjectExists(scope: Scope, id: string) {
  return Boolean(
    getDb()
      .select({ id: subjects.id })
      .from(subjects)
      .where(inScope(subjects, scope, eq(subjects.id, id)))
      .get(),
  );
}

export type Residence = { country: string; region: string | null };

/**
 * Where the subject lives: the country and, where given, the US state / German Land / UK nation (for which
 * laws and which authority apply). Null when no country is recorded. The read is logged.
 */
export function getSubjectResidence(scope: Scope, id: string): Residence | null {
  const row = getDb()
    .select({ countryEnc: subjects.countryEnc, regionEnc: subjects.regionEnc })
    .from(subjects)
    .where(inScope(subjects, scope, eq(subjects.id, id)))
    .get();
  if (!row) return null;
  audit({
    action: "subject.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "subject",
    targetId: id,
    detail: { fields: row.regionEnc ? "country,region" : "country" },
  });
  const country = row.countryEnc.open(id);
  if (!country) return null;
  const region = row.regionEnc ? row.regionEnc.open(id) : "";
  return { country, region: region || null };
}

/** A page of the scope's subjects (id and name, newest activity first) and how many there are in all. */
export function pageSubjectNames(scope: Scope, { limit, offset }: { limit: number; offset: number }) {
  const db = getDb();
  const ids = db
    .select({ id: subjects.id })
    .from(subjects)
    .where(inScope(subjects, scope))
    .orderBy(desc(subjects.updatedAt), subjects.id)
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id);
  const total =
    db.select({ n: sql<number>`count(*)` }).from(subjects).where(inScope(subjects, scope)).get()?.n ?? 0;
  const names = new Map(listSubjectNames(scope, ids).map((s) => [s.id, s.name]));
  return { items: ids.map((id) => ({ id, name: names.get(id) ?? "" })), total };
}
