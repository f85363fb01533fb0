// The incident matrix: people on the roster × recipients of the incident's URLs. A cell is a (person,
// recipient) pair where the person has at least one exposure from this incident at that recipient, with the
// latest letter (request) for that case and recipient. Built from three queries whatever the size (no query
// per cell, nothing decrypted); only the page's names are decrypted for display, each read logged.
// `incidentCells` is the contract the bulk-letters job relies on: keep its name and types.
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { exposures, incidentPeople, incidents, incidentUrls, letters } from "#db/schema";
import { getDb } from "~/db.server";
import { recipientNames } from "~/exposures/recipient.server";
import { isRequestState, type RequestState } from "~/requests/tracking/lifecycle";
import { listSubjectNames } from "~/subjects/subjects.server";
import { inScope, notFound, type Scope } from "~/workspaces/scope.server";
import { PAGE_SIZE } from "./limits";
import type { MatrixFilter } from "./schemas.server";

export type MatrixCell = {
  subjectId: string;
  caseId: string;
  recipientId: string;
  exposureIds: string[];
  letterId: string | null;
  letterStatus: string | null;
};

/**
 * Every (person, recipient) pair where the person has at least one exposure from this incident at that
 * recipient, with the latest letter for that case+recipient (null when none = an "empty cell"). Respects the
 * scope (caseworkers: only their assigned people).
 */
export function incidentCells(scope: Scope, incidentId: string): MatrixCell[] {
  const db = getDb();
  const incident = db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.id, incidentId), eq(incidents.workspaceId, scope.workspaceId)))
    .get();
  if (!incident) notFound("This incident");
  const rosterCases = db
    .select({ caseId: incidentPeople.caseId })
    .from(incidentPeople)
    .where(and(eq(incidentPeople.workspaceId, scope.workspaceId), eq(incidentPeople.incidentId, incidentId)));
  // Driven from the incident's URLs through exposures.incident_url_id (indexed), so the cost follows the
  // incident's size, not the workspace's.
  const rows = db
    .select({
      id: exposures.id,
      caseId: exposures.caseId,
      recipientId: exposures.recipientId,
      subjectId: incidentPeople.subjectId,
    })
    .from(incidentUrls)
    .innerJoin(exposures, eq(exposures.incidentUrlId, incidentUrls.id))
    .innerJoin(
      incidentPeople,
      and(eq(incidentPeople.caseId, exposures.caseId), eq(incidentPeople.incidentId, incidentId)),
    )
    .where(
      and(
        eq(incidentUrls.workspaceId, scope.workspaceId),
        eq(incidentUrls.incidentId, incidentId),
        isNotNull(exposures.recipientId),
        // The scope (workspace, and a caseworker's assigned people) is applied to the roster row: an exposure
        // joined to a visible roster row's case is in that case, so in the workspace. Filtering on
        // exposures.workspace_id instead makes SQLite walk every exposure of the workspace (measured: slower).
        inScope(incidentPeople, scope),
      ),
    )
    .all();
  const cells = new Map<string, MatrixCell>();
  for (const r of rows) {
    const key = `${r.caseId}\u0000${r.recipientId}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        subjectId: r.subjectId,
        caseId: r.caseId,
        recipientId: r.recipientId!,
        exposureIds: [],
        letterId: null,
        letterStatus: null,
      };
      cells.set(key, cell);
    }
    cell.exposureIds.push(r.id);
  }
  if (!cells.size) return [];
  // 2. The letters of those cases, newest first: the first one seen for a cell is its latest.
  const sent = db
    .select({
      id: letters.id,
      caseId: letters.caseId,
      recipientId: letters.recipientId,
      status: letters.status,
    })
    .from(letters)
    .where(inScope(letters, scope, inArray(letters.caseId, rosterCases), isNotNull(letters.recipientId)))
    .orderBy(desc(letters.createdAt), desc(letters.id))
    .all();
  for (const l of sent) {
    const cell = cells.get(`${l.caseId}\u0000${l.recipientId}`);
    if (cell && !cell.letterId) {
      cell.letterId = l.id;
      cell.letterStatus = l.status;
    }
  }
  return [...cells.values()];
}

/** A cell's state for display and filtering: the letter's request state, or "none" for an empty cell. */
export type CellState = RequestState | "none" | "other";
export const cellState = (c: Pick<MatrixCell, "letterId" | "letterStatus">): CellState =>
  !c.letterId ? "none" : c.letterStatus && isRequestState(c.letterStatus) ? c.letterStatus : "other";

export type MatrixView = {
  recipients: { id: string; name: string }[];
  rows: { subjectId: string; caseId: string; name: string; cells: Record<string, MatrixCell> }[];
  totals: Partial<Record<CellState, number>>;
  cellCount: number;
  peopleCount: number;
  page: number;
  pages: number;
  /** Recipients and units for the filter lists (all of the incident's, not only the filtered ones). */
  allRecipients: { id: string; name: string }[];
};

/**
 * One page of the matrix after the filters. Names are decrypted only for the page shown, unless a name search
 * needs them all; units filter by their keyed HMAC (never decrypted here).
 */
export function matrixView(
  scope: Scope,
  incidentId: string,
  filter: MatrixFilter,
  /** What a recipient no longer in the directory is called, in the page's language. */
  unknownRecipient = "Unknown recipient",
): MatrixView {
  const db = getDb();
  let cells = incidentCells(scope, incidentId);
  const people = db
    .select({
      subjectId: incidentPeople.subjectId,
      caseId: incidentPeople.caseId,
      unitHmac: incidentPeople.unitHmac,
    })
    .from(incidentPeople)
    .where(inScope(incidentPeople, scope, eq(incidentPeople.incidentId, incidentId)))
    .orderBy(asc(incidentPeople.addedAt), asc(incidentPeople.caseId))
    .all();
  const names = recipientNames(scope.workspaceId, [...new Set(cells.map((c) => c.recipientId))]);
  const nameOf = (id: string) => names.get(id) ?? unknownRecipient;
  const allRecipients = [...new Set(cells.map((c) => c.recipientId))]
    .map((id) => ({ id, name: nameOf(id) }))
    .sort((a, b) => a.name.localeCompare(b.name));

  if (filter.recipient) cells = cells.filter((c) => c.recipientId === filter.recipient);
  let shown = people;
  if (filter.unit) shown = shown.filter((p) => p.unitHmac === filter.unit);
  let decrypted: Map<string, string> | null = null;
  if (filter.q) {
    decrypted = new Map(
      listSubjectNames(
        scope,
        shown.map((p) => p.subjectId),
      ).map((s) => [s.id, s.name]),
    );
    const q = filter.q.toLocaleLowerCase();
    shown = shown.filter((p) => (decrypted!.get(p.subjectId) ?? "").toLocaleLowerCase().includes(q));
  }
  const shownIds = new Set(shown.map((p) => p.subjectId));
  cells = cells.filter((c) => shownIds.has(c.subjectId));
  if (filter.state) {
    const withState = new Set(cells.filter((c) => cellState(c) === filter.state).map((c) => c.subjectId));
    shown = shown.filter((p) => withState.has(p.subjectId));
    cells = cells.filter((c) => withState.has(c.subjectId));
  }
  // With a recipient or state filter, people without any matching cell are not rows of the table.
  if (filter.recipient || filter.state) {
    const withCells = new Set(cells.map((c) => c.subjectId));
    shown = shown.filter((p) => withCells.has(p.subjectId));
  }
  const totals: MatrixView["totals"] = {};
  const counted = filter.state ? cells.filter((c) => cellState(c) === filter.state) : cells;
  for (const c of counted) totals[cellState(c)] = (totals[cellState(c)] ?? 0) + 1;

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const pageRows = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const pageNames =
    decrypted ??
    new Map(
      listSubjectNames(
        scope,
        pageRows.map((p) => p.subjectId),
      ).map((s) => [s.id, s.name]),
    );
  const bySubject = new Map<string, Record<string, MatrixCell>>();
  for (const c of cells) {
    let m = bySubject.get(c.subjectId);
    if (!m) {
      m = {};
      bySubject.set(c.subjectId, m);
    }
    m[c.recipientId] = c;
  }
  const recipients = [...new Set(cells.map((c) => c.recipientId))]
    .map((id) => ({ id, name: nameOf(id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    recipients,
    rows: pageRows.map((p) => ({
      subjectId: p.subjectId,
      caseId: p.caseId,
      name: pageNames.get(p.subjectId) ?? "",
      cells: bySubject.get(p.subjectId) ?? {},
    })),
    totals,
    cellCount: counted.length,
    peopleCount: shown.length,
    page,
    pages,
    allRecipients,
  };
}

/** Cell totals per state for the overview page (no names decrypted). */
export function cellTotals(scope: Scope, incidentId: string) {
  const totals: Partial<Record<CellState, number>> = {};
  const cells = incidentCells(scope, incidentId);
  for (const c of cells) totals[cellState(c)] = (totals[cellState(c)] ?? 0) + 1;
  return { totals, cells: cells.length, recipients: new Set(cells.map((c) => c.recipientId)).size };
}
