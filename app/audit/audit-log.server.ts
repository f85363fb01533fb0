// Reading the audit log: a workspace's events newest first, keyset-paginated by id (indexes
// audit_workspace_id_idx / _actor_idx / _action_idx), filtered by member, action, client and dates; and the
// same events as a streamed, size-capped CSV whose cells cannot start a spreadsheet formula.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { getDb } from "~/db.server";
import { inEnglish } from "~/i18n/english.server";
import type { Translator } from "~/i18n/translate";
import { isKind, kindLabel } from "~/requests/kinds";
import { langName } from "~/requests/languages";
import { listMembers } from "~/workspaces/members.server";
import { roleKeys } from "~/workspaces/roles";
import { requirePermission, type Scope } from "~/workspaces/scope.server";
import { audit } from "./audit.server";
import { ACTION_KEYS, type AuditFilters, targetKey } from "./log-filters";

export const PAGE_SIZE = 50;
/** The most events one CSV holds; a bigger selection exports the newest ones and says so in the file name. */
export const EXPORT_CAP = 100_000;

const DAY = 86_400_000;

/** Target types whose ids can be traced back to one client (the subject filter). */
const CLIENT_TARGETS = ["subject", "case", "exposure", "evidence", "letter", "inbound_message"];

/**
 * The condition "the event is about this client": the client itself, or one of their cases, leaked pages,
 * evidence files, letters or replies. Ids are resolved through the case data as it is now, so events about
 * rows erased since then are not found by this filter (they still show unfiltered).
 */
function aboutClient(workspaceId: string, subjectId: string): SQL {
  return and(
    inArray(auditEvents.targetType, CLIENT_TARGETS),
    sql`${auditEvents.targetId} IN (
      SELECT id FROM subjects WHERE id = ${subjectId} AND workspace_id = ${workspaceId}
      UNION ALL SELECT id FROM cases WHERE subject_id = ${subjectId} AND workspace_id = ${workspaceId}
      UNION ALL SELECT e.id FROM exposures e JOIN cases c ON c.id = e.case_id
        WHERE c.subject_id = ${subjectId} AND c.workspace_id = ${workspaceId}
      UNION ALL SELECT v.id FROM evidence v JOIN exposures e ON e.id = v.exposure_id JOIN cases c ON c.id = e.case_id
        WHERE c.subject_id = ${subjectId} AND c.workspace_id = ${workspaceId}
      UNION ALL SELECT l.id FROM letters l JOIN cases c ON c.id = l.case_id
        WHERE c.subject_id = ${subjectId} AND c.workspace_id = ${workspaceId}
      UNION ALL SELECT m.id FROM inbound_messages m JOIN letters l ON l.id = m.letter_id JOIN cases c ON c.id = l.case_id
        WHERE c.subject_id = ${subjectId} AND c.workspace_id = ${workspaceId}
    )`,
  )!;
}

function where(scope: Scope, f: AuditFilters, before?: number) {
  return and(
    eq(auditEvents.workspaceId, scope.workspaceId),
    f.member ? eq(auditEvents.actorUserId, f.member) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.subject ? aboutClient(scope.workspaceId, f.subject) : undefined,
    f.from ? gte(auditEvents.at, new Date(Date.parse(`${f.from}T00:00:00Z`))) : undefined,
    f.to ? lt(auditEvents.at, new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY)) : undefined,
    before ? lt(auditEvents.id, before) : undefined,
  );
}

const columns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorUserId: auditEvents.actorUserId,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  detail: auditEvents.detail,
};

function page(scope: Scope, f: AuditFilters, before: number | undefined, size: number) {
  return getDb()
    .select(columns)
    .from(auditEvents)
    .where(where(scope, f, before))
    .orderBy(desc(auditEvents.id))
    .limit(size)
    .all();
}

/**
 * Names of everyone who appears as an actor: current members from the member list, former members from their
 * account (decrypted here; the caller logs the view). Never a client's name.
 */
function actorNames(scope: Scope, ids: Iterable<string>, t: Translator["t"] = inEnglish) {
  const names = new Map(listMembers(scope).map((m) => [m.userId, { name: m.name, email: m.email }]));
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  if (missing.length) {
    for (const u of getDb()
      .select({ id: users.id, nameEnc: users.nameEnc, emailEnc: users.emailEnc })
      .from(users)
      .where(inArray(users.id, missing))
      .all())
      names.set(u.id, {
        name: t("audit.formerMember", { name: u.nameEnc.open(u.id) }),
        email: u.emailEnc.open(u.id),
      });
  }
  return names;
}

export type AuditRow = {
  id: number;
  at: string;
  actor: { name: string; email: string } | null;
  action: string;
  actionLabel: string;
  target: string;
  targetType: string | null;
  targetId: string | null;
  detail: string;
};

/** One pair of an event's detail; a letter's kind and language in words, not as their ids. */
function describePair(k: string, v: unknown): string {
  if (k === "kind" && isKind(v)) return `letter: ${inEnglish(kindLabel(v))}`;
  if (k === "lang" && typeof v === "string") return `language: ${langName(v)}`;
  return `${k}: ${String(v)}`;
}

/** `key: value` pairs of an event's detail (ids, counts, field names: never personal values by contract). */
const describeDetail = (d: Record<string, unknown> | null) =>
  d
    ? Object.entries(d)
        .map(([k, v]) => describePair(k, v))
        .join(", ")
    : "";

/**
 * The detail in the page's language: a letter's kind, a language, roles and the counts of an audit view in
 * words; other pairs (ids, field names, counts) as they are.
 */
function describeDetailIn({ t, locale }: Translator, d: Record<string, unknown> | null) {
  if (!d) return "";
  const role = (v: unknown) => t(roleKeys(String(v)).name);
  const languages = new Intl.DisplayNames([locale], { type: "language" });
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === "kind" && isKind(v)) parts.push(t("audit.detail.letter", { kind: t(kindLabel(v)) }));
    else if (k === "lang" && typeof v === "string")
      parts.push(t("audit.detail.language", { language: languages.of(v) ?? v }));
    else if (k === "role") parts.push(t("audit.detail.role", { role: role(v) }));
    else if (k === "from" && "to" in d && typeof v === "string" && !/^\d{4}-/.test(v))
      parts.push(t("audit.detail.roleChange", { from: role(v), to: role(d.to) }));
    else if (k === "to" && "from" in d && typeof d.from === "string" && !/^\d{4}-/.test(d.from)) continue;
    else if (k === "access" && (v === "read" || v === "write"))
      parts.push(
        t("audit.detail.access", { access: t(v === "write" ? "tokens.access.write" : "tokens.access.read") }),
      );
    else if (k === "expires" && typeof v === "boolean")
      parts.push(t(v ? "audit.detail.expiring" : "audit.detail.notExpiring"));
    else if (k === "events" && typeof v === "number") parts.push(t("audit.detail.events", { count: v }));
    else if (k === "memberNamesShown" && typeof v === "number")
      parts.push(t("audit.detail.names", { count: v }));
    else parts.push(`${k}: ${String(v)}`);
  }
  return parts.join(", ");
}

/** An event as a row: in English for the CSV (no translator), or in the page's language. */
function toRow(
  e: ReturnType<typeof page>[number],
  names: Map<string, { name: string; email: string }>,
  translator?: Translator,
): AuditRow {
  const t = translator?.t ?? inEnglish;
  const key = ACTION_KEYS[e.action as keyof typeof ACTION_KEYS];
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actorUserId
      ? (names.get(e.actorUserId) ?? { name: t("audit.deletedAccount"), email: "" })
      : null,
    action: e.action,
    actionLabel: key ? t(key) : e.action,
    // The CSV keeps a type it has no words for as its code; the page says "Other".
    target: e.targetType
      ? translator || targetKey(e.targetType) !== "audit.target.other"
        ? t(targetKey(e.targetType))
        : e.targetType
      : "",
    targetType: e.targetType,
    targetId: e.targetId,
    detail: translator ? describeDetailIn(translator, e.detail) : describeDetail(e.detail),
  };
}

/**
 * One page of events, newest first, in the page's language; `next` is the cursor for older events (undefined on
 * the last page).
 */
export function listAuditEvents(scope: Scope, f: AuditFilters, translator: Translator) {
  requirePermission(scope, "audit:read");
  const rows = page(scope, f, f.before, PAGE_SIZE + 1);
  const more = rows.length > PAGE_SIZE;
  const shown = rows.slice(0, PAGE_SIZE);
  const names = actorNames(
    scope,
    shown.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])),
    translator.t,
  );
  audit({
    action: "audit.view",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace",
    targetId: scope.workspaceId,
    detail: { ...filterDetail(f), events: shown.length, memberNamesShown: names.size },
  });
  return { events: shown.map((e) => toRow(e, names, translator)), next: more ? shown.at(-1)!.id : undefined };
}

function filterDetail(f: AuditFilters) {
  const d: Record<string, string> = {};
  if (f.member) d.member = f.member;
  if (f.action) d.filterAction = f.action;
  if (f.subject) d.subject = f.subject;
  if (f.from) d.from = f.from;
  if (f.to) d.to = f.to;
  return d;
}

/** A cell a spreadsheet would run as a formula (= + - @, tab, carriage return) gets a leading apostrophe. */
export function safeCell(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_HEADER = [
  "time (UTC)",
  "member",
  "member email",
  "action",
  "what happened",
  "about",
  "record id",
  "detail",
];

function countEvents(scope: Scope, f: AuditFilters) {
  return getDb().select({ n: sql<number>`count(*)` }).from(auditEvents).where(where(scope, f)).get()?.n ?? 0;
}

/**
 * The filtered events as CSV, streamed in batches of 1,000 (keyset, newest first) so memory stays flat; at most
 * EXPORT_CAP rows. The export is logged before the first byte leaves.
 */
export function exportAuditCsv(scope: Scope, f: AuditFilters) {
  requirePermission(scope, "audit:read");
  const total = countEvents(scope, f);
  const rows = Math.min(total, EXPORT_CAP);
  audit({
    action: "audit.export",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace",
    targetId: scope.workspaceId,
    detail: { ...filterDetail(f), rows, capped: total > EXPORT_CAP },
  });
  const names = actorNames(scope, []);
  let before: number | undefined = f.before;
  let left = rows;
  async function* lines() {
    yield CSV_HEADER;
    while (left > 0) {
      const batch = page(scope, f, before, Math.min(1000, left));
      if (batch.length === 0) return;
      const unknown = batch.flatMap((e) =>
        e.actorUserId && !names.has(e.actorUserId) ? [e.actorUserId] : [],
      );
      if (unknown.length) for (const [k, v] of actorNames(scope, unknown)) names.set(k, v);
      for (const e of batch) {
        const r = toRow(e, names);
        yield [
          r.at,
          r.actor?.name ?? "System",
          r.actor?.email ?? "",
          r.action,
          r.actionLabel,
          r.target,
          r.targetId ?? "",
          r.detail,
        ].map(safeCell);
      }
      left -= batch.length;
      before = batch.at(-1)!.id;
      // Let other requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const stream = Readable.from(lines()).pipe(stringify({ bom: true, eof: true }));
  return { stream, rows, capped: total > EXPORT_CAP };
}
