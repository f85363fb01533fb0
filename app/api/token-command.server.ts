// `npm run cli -- token:create --email E [--workspace SLUG] [--name N] [--read-only]`: prints a new access
// token alone on stdout (so `TOKEN=$(npm run -s cli -- token:create …)` works).
import { parseArgs } from "node:util";
import { and, asc, eq } from "drizzle-orm";
import { memberships, workspaces } from "#db/schema";
import { findUserIdByEmail } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { createAccessToken } from "./tokens.server";

export function runTokenCreate(args: string[]) {
  const o = parseArgs({
    args,
    options: {
      email: { type: "string" },
      workspace: { type: "string" },
      name: { type: "string" },
      "read-only": { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
  if (!o.email) throw new Error("--email E is needed: the account the token acts as.");
  const userId = findUserIdByEmail(o.email);
  if (!userId) throw new Error("No account has this email address.");
  const db = getDb();
  // Without --workspace: the account's first (personal) workspace.
  const row = db
    .select({ id: workspaces.id })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), o.workspace ? eq(workspaces.slug, o.workspace) : undefined))
    .orderBy(asc(memberships.createdAt))
    .get();
  if (!row)
    throw new Error(
      o.workspace ? `This account is not a member of "${o.workspace}".` : "This account has no workspace.",
    );
  const { token } = createAccessToken({
    userId,
    workspaceId: row.id,
    name: o.name ?? "Command line",
    access: o["read-only"] ? "read" : "write",
  });
  return token;
}
