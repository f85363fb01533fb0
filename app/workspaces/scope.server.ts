// Every query of case data goes through a Scope: the workspace it may touch and the member's role.
import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export type Role = "owner" | "admin" | "caseworker" | "viewer";

export type Scope = {
  userId: string;
  workspaceId: string;
  role: Role;
};

export type Permission = "case:read" | "case:write" | "workspace:manage";

// The one permission table. Caseworker limits to assigned subjects arrive with organisations (issue 6).
const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(["case:read", "case:write", "workspace:manage"]),
  admin: new Set(["case:read", "case:write", "workspace:manage"]),
  caseworker: new Set(["case:read", "case:write"]),
  viewer: new Set(["case:read"]),
};

export function can(scope: Scope, permission: Permission) {
  return PERMISSIONS[scope.role].has(permission);
}

/** Throws 403 when the member lacks the permission (the row itself was already found in their workspace). */
export function requirePermission(scope: Scope, permission: Permission) {
  if (!can(scope, permission)) {
    throw new Response("You can look at this workspace but not change it.", { status: 403 });
  }
}

/** The WHERE clause that keeps a query inside the scope's workspace, combined with any other conditions. */
export function inScope(
  table: { workspaceId: SQLiteColumn },
  scope: Scope,
  ...conditions: (SQL | undefined)[]
) {
  return and(eq(table.workspaceId, scope.workspaceId), ...conditions);
}

/** The one way to say "not found" for rows outside the scope: 404, never 403, so ids don't leak. */
export function notFound(what = "This page"): never {
  throw new Response(`${what} could not be found.`, { status: 404 });
}
