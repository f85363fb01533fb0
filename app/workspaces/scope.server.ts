// Every query of case data goes through a Scope: the workspace it may touch and the member's role.
// The permission table below is the only place that says what a role may do; `inScope` applies it to
// queries, including the caseworker rule (only the subjects assigned to them, and what hangs off those).
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { QueryBuilder, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { cases, exposures, subjects } from "#db/schema";
import { prepared } from "~/db.server";

export type Role = "owner" | "admin" | "caseworker" | "viewer";

export type Scope = {
  userId: string;
  workspaceId: string;
  role: Role;
};

export type Permission =
  | "case:read"
  | "case:write"
  // Sees every subject of the workspace; without it only the subjects assigned to the member.
  | "case:read_all"
  | "subject:assign"
  | "workspace:manage"
  | "members:manage"
  // Make someone an owner, or change or remove an owner.
  | "owners:manage"
  // The workspace's audit log (who did what, when) and its CSV export.
  | "audit:read"
  // The workspace's own letter templates, which every member's letters use (decision 062).
  | "templates:manage";

// The one permission table.
const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set([
    "case:read",
    "case:write",
    "case:read_all",
    "subject:assign",
    "workspace:manage",
    "members:manage",
    "owners:manage",
    "audit:read",
    "templates:manage",
  ]),
  admin: new Set([
    "case:read",
    "case:write",
    "case:read_all",
    "subject:assign",
    "workspace:manage",
    "members:manage",
    "audit:read",
    "templates:manage",
  ]),
  caseworker: new Set(["case:read", "case:write"]),
  // Viewers read every client's case (supervision) and change nothing; the audit log is for owners and admins.
  viewer: new Set(["case:read", "case:read_all"]),
};

export function can(scope: Pick<Scope, "role">, permission: Permission) {
  return PERMISSIONS[scope.role].has(permission);
}

/** Throws 403 when the member lacks the permission (the row itself was already found in their workspace). */
export function requirePermission(scope: Scope, permission: Permission) {
  if (!can(scope, permission)) {
    throw new Response("You can look at this workspace but not change it.", { status: 403 });
  }
}

const qb = new QueryBuilder();

/**
 * For members who may not read all case data (caseworkers), the ids of the subjects assigned to them, as a
 * sub-select; undefined for everyone else.
 */
export function visibleSubjectIds(scope: Scope) {
  if (can(scope, "case:read_all")) return undefined;
  return qb
    .select({ id: subjects.id })
    .from(subjects)
    .where(and(eq(subjects.workspaceId, scope.workspaceId), eq(subjects.assignedTo, scope.userId)));
}

function visibleCaseIds(scope: Scope) {
  const subjectIds = visibleSubjectIds(scope);
  if (!subjectIds) return undefined;
  return qb
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.workspaceId, scope.workspaceId), inArray(cases.subjectId, subjectIds)));
}

function visibleExposureIds(scope: Scope) {
  const caseIds = visibleCaseIds(scope);
  if (!caseIds) return undefined;
  return qb
    .select({ id: exposures.id })
    .from(exposures)
    .where(and(eq(exposures.workspaceId, scope.workspaceId), inArray(exposures.caseId, caseIds)));
}

type ScopedTable = {
  workspaceId: SQLiteColumn;
  assignedTo?: SQLiteColumn;
  subjectId?: SQLiteColumn;
  caseId?: SQLiteColumn;
  exposureId?: SQLiteColumn;
};

/**
 * The subject-visibility condition for a table of case data, recognised by its columns: `assigned_to`
 * (subjects), `subject_id` (cases, identifiers…), `case_id` (exposures, letters…), `exposure_id` (evidence).
 */
export function visibilityCondition(table: ScopedTable, scope: Scope): SQL | undefined {
  if (can(scope, "case:read_all")) return undefined;
  if (table.assignedTo) return eq(table.assignedTo, scope.userId);
  if (table.subjectId) return inArray(table.subjectId, visibleSubjectIds(scope)!);
  if (table.caseId) return inArray(table.caseId, visibleCaseIds(scope)!);
  if (table.exposureId) return inArray(table.exposureId, visibleExposureIds(scope)!);
  return undefined;
}

/**
 * The WHERE clause that keeps a query inside the scope's workspace (and, for caseworkers, inside their
 * assigned subjects), combined with any other conditions.
 */
export function inScope(table: ScopedTable, scope: Scope, ...conditions: (SQL | undefined)[]) {
  return and(eq(table.workspaceId, scope.workspaceId), visibilityCondition(table, scope), ...conditions);
}

/** The one way to say "not found" for rows outside the scope: 404, never 403, so ids don't leak. */
export function notFound(what = "This page"): never {
  throw new Response(`${what} could not be found.`, { status: 404 });
}

type Runnable = {
  all: (values?: Record<string, unknown>) => unknown;
  get: (values?: Record<string, unknown>) => unknown;
};

/**
 * A prepared query (see `prepared` in db.server) kept inside a scope. `build` receives a scope whose workspace
 * and user ids are placeholders, and must use it only through `inScope` and the other scope helpers; each run
 * binds this scope's ids. The visibility rule differs by role (caseworkers see their assigned subjects only),
 * so each role has its own built query.
 */
export function scopedQuery<Q extends Runnable>(name: string, scope: Scope, build: (scope: Scope) => Q) {
  const query = prepared(`scoped:${name}:${scope.role}`, () =>
    build({
      role: scope.role,
      workspaceId: sql.placeholder("scopeWorkspaceId") as unknown as string,
      userId: sql.placeholder("scopeUserId") as unknown as string,
    }),
  );
  const bound = { scopeWorkspaceId: scope.workspaceId, scopeUserId: scope.userId };
  return {
    all: (values: Record<string, unknown> = {}) => query.all({ ...bound, ...values }) as ReturnType<Q["all"]>,
    get: (values: Record<string, unknown> = {}) => query.get({ ...bound, ...values }) as ReturnType<Q["get"]>,
  };
}
