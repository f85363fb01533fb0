// Cases: one incident about one subject. Titles are encrypted (they often describe the leak).
import { desc, eq, inArray, sql } from "drizzle-orm";
import { cases, exposures } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import { sealFor } from "~/security/encrypted-type.server";
import { listSubjectNames } from "~/subjects/subjects.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope, scopedQuery } from "~/workspaces/scope.server";

/** Seals a case title for the case with this id (the one place its encryption context is chosen). */
export const sealCaseTitle = sealFor("cases", "title_enc");

export function createCase(scope: Scope, input: { subjectId: string; title: string }) {
  requirePermission(scope, "case:write");
  const id = newId();
  const now = new Date();
  getDb()
    .insert(cases)
    .values({
      id,
      workspaceId: scope.workspaceId,
      subjectId: input.subjectId,
      titleEnc: sealCaseTitle(id, input.title),
      createdBy: scope.userId,
      updatedAt: now,
    })
    .run();
  audit({
    action: "case.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "case",
    targetId: id,
  });
  return id;
}

export function getCase(scope: Scope, id: string) {
  const row = getDb()
    .select({
      id: cases.id,
      subjectId: cases.subjectId,
      titleEnc: cases.titleEnc,
      status: cases.status,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.id, id)))
    .get();
  if (!row) notFound("This case");
  audit({
    action: "case.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "case",
    targetId: id,
  });
  const { titleEnc, ...rest } = row;
  return { ...rest, title: titleEnc.open(id) };
}

export function setCaseStatus(scope: Scope, id: string, status: "open" | "closed") {
  requirePermission(scope, "case:write");
  const res = getDb()
    .update(cases)
    .set({ status, updatedAt: new Date() })
    .where(inScope(cases, scope, eq(cases.id, id)))
    .run();
  if (res.changes !== 1) notFound("This case");
  audit({
    action: "case.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "case",
    targetId: id,
    detail: { status },
  });
}

export function touchCase(scope: Scope, id: string) {
  getDb()
    .update(cases)
    .set({ updatedAt: new Date() })
    .where(inScope(cases, scope, eq(cases.id, id)))
    .run();
}

/** The home page list: newest activity first, with counts per status. */
export function listCases(scope: Scope, { limit = 50, offset = 0 } = {}) {
  const db = getDb();
  // The two fixed-shape queries of every dashboard view are built once (decision 050).
  const rows = scopedQuery("cases.list", scope, (s) =>
    db
      .select({
        id: cases.id,
        subjectId: cases.subjectId,
        titleEnc: cases.titleEnc,
        status: cases.status,
        updatedAt: cases.updatedAt,
      })
      .from(cases)
      .where(inScope(cases, s))
      .orderBy(desc(cases.updatedAt))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  ).all({ limit, offset });
  const total =
    scopedQuery("cases.count", scope, (s) =>
      db.select({ n: sql<number>`count(*)` }).from(cases).where(inScope(cases, s)).prepare(),
    ).get()?.n ?? 0;
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? db
        .select({ caseId: exposures.caseId, status: exposures.status, n: sql<number>`count(*)` })
        .from(exposures)
        .where(inScope(exposures, scope, inArray(exposures.caseId, ids)))
        .groupBy(exposures.caseId, exposures.status)
        .all()
    : [];
  const names = new Map(
    listSubjectNames(scope, [...new Set(rows.map((r) => r.subjectId))]).map((s) => [s.id, s.name]),
  );
  return {
    total,
    items: rows.map((r) => {
      const mine = counts.filter((c) => c.caseId === r.id);
      return {
        id: r.id,
        subjectId: r.subjectId,
        title: r.titleEnc.open(r.id),
        status: r.status,
        updatedAt: r.updatedAt,
        subjectName: names.get(r.subjectId) ?? "",
        exposures: mine.reduce((a, c) => a + c.n, 0),
        stillUp: mine
          .filter((c) => c.status === "active" || c.status === "reappeared")
          .reduce((a, c) => a + c.n, 0),
        removed: mine.filter((c) => c.status === "removed").reduce((a, c) => a + c.n, 0),
      };
    }),
  };
}
