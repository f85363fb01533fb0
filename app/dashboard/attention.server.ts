// What needs the person, beside the overdue and unsent reminders (app/requests/tracking/reminders.server.ts):
// requests where the recipient asked for more information, and requests whose places the recipient says are
// removed but nobody has checked yet. References and recipient names only (no personal data), the most recent
// few of each, for the dashboard's one "needs you" list (decision 114).
import { and, desc, eq, sql } from "drizzle-orm";
import { exposures, letterExposures, letters } from "#db/schema";
import { getDb } from "~/db.server";
import { recipientNames } from "~/exposures/recipient.server";
import { inScope, type Scope } from "~/workspaces/scope.server";

export type NeedsYou = {
  letterId: string;
  caseId: string;
  reference: string;
  recipientName: string;
  reason: "more_info" | "check_removed";
};

export function needsYou(scope: Scope, limit = 10): NeedsYou[] {
  const db = getDb();
  const columns = {
    letterId: letters.id,
    caseId: letters.caseId,
    reference: letters.reference,
    recipientId: letters.recipientId,
  };
  // letters_workspace_status_updated_idx (workspace, status, updated) gives the newest few directly.
  const moreInfo = db
    .select(columns)
    .from(letters)
    .where(inScope(letters, scope, eq(letters.status, "more_info_requested")))
    .orderBy(desc(letters.updatedAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, reason: "more_info" as const }));
  // Places said removed (exposures_workspace_status_idx), then the sent requests about them.
  const toCheck = db
    .selectDistinct(columns)
    .from(exposures)
    .innerJoin(letterExposures, eq(letterExposures.exposureId, exposures.id))
    .innerJoin(letters, and(eq(letters.id, letterExposures.letterId), sql`${letters.sentOn} is not null`))
    .where(inScope(exposures, scope, eq(exposures.status, "said_removed")))
    .orderBy(desc(letters.updatedAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, reason: "check_removed" as const }));
  const rows = [...moreInfo, ...toCheck];
  const names = recipientNames(
    scope.workspaceId,
    rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])),
  );
  return rows.map(({ recipientId, ...r }) => ({
    ...r,
    recipientName: recipientId ? (names.get(recipientId) ?? "Unknown recipient") : "Unknown site",
  }));
}
