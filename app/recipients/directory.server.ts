// Reading and correcting the recipient directory: search, one recipient with its correction beside the
// original, URL → recipient, and a workspace's own recipients and corrections. The shared rows are read-only
// here; every workspace write is scoped to its workspace id, and another workspace never sees it.
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import * as schema from "#db/schema";
import { getDb } from "~/db.server";
import type { MessageKey } from "~/i18n/translate";
import { requirePermission, type Scope } from "~/workspaces/scope.server";
import type { DirectoryDb } from "./db-type";
import { searchTextFor } from "./import.server";
import {
  type DomainEntry,
  lookupCandidates,
  normaliseDomainKey,
  parseTarget,
  resolveParentChain,
} from "./match";
import {
  type Channel,
  channelSchema,
  countryCode,
  letterKinds,
  type Quality,
  type RecipientKind,
  recipientKinds,
  type SourceRef,
} from "./model.server";
import { KeyedUserError } from "./user-errors.server";

type Db = DirectoryDb;

/**
 * Who reads the directory: a member's scope (their workspace's own recipients and corrections count too), or
 * `null` for the shared directory alone (the public API, a visitor). Reading needs only the workspace; writes
 * take the full Scope and check its permission. The database is the app's unless a test or script passes its own.
 */
export type DirectoryScope = Pick<Scope, "workspaceId"> | null;
type RecipientRow = typeof schema.recipients.$inferSelect;

export const PAGE_SIZE = 25;

export type RecipientSummary = {
  id: string;
  name: string;
  kind: RecipientKind;
  countries: string[];
  categories: string[];
  domains: string[];
  quality: Quality | null;
  verifiedOn: string | null;
  source: RecipientRow["source"];
  parentId: string | null;
  /** True when the recipient is the asking workspace's own. */
  own: boolean;
  /** True when the asking workspace has corrected this shared recipient. */
  corrected: boolean;
};

export type SearchQuery = {
  q?: string | null;
  country?: string | null;
  kind?: RecipientKind | null;
  category?: string | null;
  page?: number | null;
  pageSize?: number | null;
};

/** Lower means earlier: curated records first, then brokers, companies and regulators. */
const SOURCE_RANK = sql`CASE ${schema.recipients.source} WHEN 'workspace' THEN 0 WHEN 'curated' THEN 1 WHEN 'data-brokers' THEN 2 ELSE 3 END`;

function visibleTo(workspaceId: string | null | undefined): SQL {
  return workspaceId
    ? or(isNull(schema.recipients.workspaceId), eq(schema.recipients.workspaceId, workspaceId))!
    : isNull(schema.recipients.workspaceId);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Searches name, legal entity, domains, aliases and categories (every word must appear), optionally by country
 * (recipients relevant everywhere, "ALL", are included), kind and category. Exact and prefix name matches first.
 */
export function searchRecipients(
  scope: DirectoryScope,
  query: SearchQuery,
  db: Db = getDb(),
): { items: RecipientSummary[]; total: number } {
  const workspaceId = scope?.workspaceId ?? null;
  const r = schema.recipients;
  const q = (query.q ?? "").trim().toLowerCase().slice(0, 200);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 8);
  const conditions: (SQL | undefined)[] = [isNull(r.retiredAt), visibleTo(workspaceId)];
  for (const word of words) conditions.push(sql`${r.searchText} LIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`);
  if (query.country) {
    const cc = query.country.trim().toUpperCase();
    conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${r.countries}) WHERE value IN (${cc}, 'ALL'))`);
  }
  if (query.kind) conditions.push(eq(r.kind, query.kind));
  if (query.category) {
    conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${r.categories}) WHERE value = ${query.category})`);
  }
  const where = and(...conditions);
  const pageSize = Math.min(Math.max(query.pageSize ?? PAGE_SIZE, 1), 100);
  const page = Math.max(Math.floor(query.page ?? 1), 1);

  const total = db.select({ n: sql<number>`count(*)` }).from(r).where(where).get()?.n ?? 0;
  const order: SQL[] = [SOURCE_RANK, sql`${r.name} COLLATE NOCASE`];
  if (q) {
    order.unshift(
      sql`CASE WHEN lower(${r.name}) = ${q} THEN 0 WHEN lower(${r.name}) LIKE ${`${escapeLike(q)}%`} ESCAPE '\\' THEN 1 ELSE 2 END`,
    );
  }
  const rows = db
    .select({
      id: r.id,
      name: r.name,
      kind: r.kind,
      countries: r.countries,
      categories: r.categories,
      quality: r.quality,
      verifiedOn: r.verifiedOn,
      source: r.source,
      parentId: r.parentId,
      workspaceId: r.workspaceId,
    })
    .from(r)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();

  const ids = rows.map((row) => row.id);
  const domains = domainsFor(db, ids, workspaceId);
  const corrected = new Set(
    workspaceId && ids.length
      ? db
          .select({ id: schema.recipientCorrections.recipientId })
          .from(schema.recipientCorrections)
          .where(
            and(
              eq(schema.recipientCorrections.workspaceId, workspaceId),
              inArray(schema.recipientCorrections.recipientId, ids),
            ),
          )
          .all()
          .map((c) => c.id)
      : [],
  );
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      countries: row.countries,
      categories: row.categories,
      domains: domains.get(row.id) ?? [],
      quality: row.quality,
      verifiedOn: row.verifiedOn,
      source: row.source,
      parentId: row.parentId,
      own: row.workspaceId !== null,
      corrected: corrected.has(row.id),
    })),
  };
}

function domainsFor(db: Db, ids: string[], workspaceId: string | null | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const d = schema.recipientDomains;
  const rows = db
    .select({ recipientId: d.recipientId, domain: d.domain })
    .from(d)
    .where(
      and(
        inArray(d.recipientId, ids),
        workspaceId ? or(isNull(d.workspaceId), eq(d.workspaceId, workspaceId)) : isNull(d.workspaceId),
      ),
    )
    .orderBy(asc(d.domain))
    .all();
  for (const row of rows) {
    const list = out.get(row.recipientId) ?? [];
    if (!list.includes(row.domain)) list.push(row.domain);
    out.set(row.recipientId, list);
  }
  return out;
}

// ── One recipient ───────────────────────────────────────────────────────────

/** Fields a workspace may correct on a shared recipient (and set on its own). */
export const correctionFieldsSchema = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(recipientKinds),
    legalEntity: z.string().trim().max(300).nullable(),
    countries: z.array(countryCode).max(60),
    categories: z.array(z.string().trim().min(1).max(60)).max(20),
    address: z.string().trim().max(1000).nullable(),
    phone: z.string().trim().max(60).nullable(),
    web: z.url().max(2000).nullable(),
    notes: z.string().trim().max(4000).nullable(),
    channels: z.array(channelSchema).max(30),
    domains: z.array(z.string()).max(50),
    letterKinds: z.array(z.enum(letterKinds)).max(letterKinds.length),
    parentId: z.string().max(200).nullable(),
  })
  .partial();
export type CorrectionFields = z.infer<typeof correctionFieldsSchema>;

export type RecipientFields = {
  name: string;
  kind: RecipientKind;
  legalEntity: string | null;
  countries: string[];
  categories: string[];
  address: string | null;
  phone: string | null;
  web: string | null;
  notes: string | null;
  channels: Channel[];
  domains: string[];
  letterKinds: string[];
  parentId: string | null;
};

export type RecipientDetail = RecipientFields & {
  id: string;
  source: RecipientRow["source"];
  sourceId: string | null;
  own: boolean;
  quality: Quality | null;
  verifiedOn: string | null;
  sources: SourceRef[];
  extra: Record<string, unknown> | null;
  importedAt: Date | null;
  updatedAt: Date;
  retired: boolean;
  parent: { id: string; name: string; kind: RecipientKind } | null;
  /** Front sites and services that point here as their parent. */
  children: { id: string; name: string; kind: RecipientKind }[];
  /** The asking workspace's correction, beside the original (the fields above stay the original). */
  correction: { fields: CorrectionFields; note: string | null; updatedAt: Date } | null;
  /** The original with the correction applied: what letters to this workspace should use. */
  effective: RecipientFields;
};

function visibleRow(db: Db, id: string, workspaceId: string | null | undefined): RecipientRow | null {
  return (
    db
      .select()
      .from(schema.recipients)
      .where(and(eq(schema.recipients.id, id), visibleTo(workspaceId)))
      .get() ?? null
  );
}

function channelsOf(db: Db, ids: string[]): Map<string, Channel[]> {
  const out = new Map<string, Channel[]>();
  if (!ids.length) return out;
  const c = schema.recipientChannels;
  const rows = db
    .select({
      recipientId: c.recipientId,
      kind: c.kind,
      purpose: c.purpose,
      address: c.address,
      label: c.label,
    })
    .from(c)
    .where(inArray(c.recipientId, ids))
    .orderBy(asc(c.recipientId), asc(c.position))
    .all();
  for (const row of rows) {
    const list = out.get(row.recipientId) ?? [];
    list.push({
      kind: row.kind,
      purpose: row.purpose,
      address: row.address,
      ...(row.label ? { label: row.label } : {}),
    });
    out.set(row.recipientId, list);
  }
  return out;
}

function correctionOf(db: Db, id: string, workspaceId: string | null | undefined) {
  if (!workspaceId) return null;
  const row = db
    .select({
      fields: schema.recipientCorrections.fields,
      note: schema.recipientCorrections.note,
      updatedAt: schema.recipientCorrections.updatedAt,
    })
    .from(schema.recipientCorrections)
    .where(
      and(
        eq(schema.recipientCorrections.workspaceId, workspaceId),
        eq(schema.recipientCorrections.recipientId, id),
      ),
    )
    .get();
  if (!row) return null;
  const parsed = correctionFieldsSchema.safeParse(row.fields);
  return { fields: parsed.success ? parsed.data : {}, note: row.note, updatedAt: row.updatedAt };
}

function applyCorrection(original: RecipientFields, fields: CorrectionFields | undefined): RecipientFields {
  if (!fields) return original;
  const out = { ...original };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** One recipient as the workspace sees it; `null` when it doesn't exist or belongs to another workspace. */
export function getRecipient(scope: DirectoryScope, id: string, db: Db = getDb()): RecipientDetail | null {
  const workspaceId = scope?.workspaceId ?? null;
  const row = visibleRow(db, id, workspaceId);
  if (!row) return null;
  const domains = domainsFor(db, [id], null).get(id) ?? [];
  const original: RecipientFields = {
    name: row.name,
    kind: row.kind,
    legalEntity: row.legalEntity,
    countries: row.countries,
    categories: row.categories,
    address: row.address,
    phone: row.phone,
    web: row.web,
    notes: row.notes,
    channels: channelsOf(db, [id]).get(id) ?? [],
    domains,
    letterKinds: row.letterKinds,
    parentId: row.parentId,
  };
  const correction = correctionOf(db, id, workspaceId);
  const effective = applyCorrection(original, correction?.fields);
  // Domains the workspace mapped to this shared recipient count as part of its effective domains.
  if (workspaceId && row.workspaceId === null) {
    const mine = db
      .select({ domain: schema.recipientDomains.domain })
      .from(schema.recipientDomains)
      .where(
        and(
          eq(schema.recipientDomains.recipientId, id),
          eq(schema.recipientDomains.workspaceId, workspaceId),
        ),
      )
      .all()
      .map((d) => d.domain);
    effective.domains = [...new Set([...effective.domains, ...mine])];
  }
  const parentRow = effective.parentId ? visibleRow(db, effective.parentId, workspaceId) : null;
  const children = db
    .select({ id: schema.recipients.id, name: schema.recipients.name, kind: schema.recipients.kind })
    .from(schema.recipients)
    .where(
      and(eq(schema.recipients.parentId, id), visibleTo(workspaceId), isNull(schema.recipients.retiredAt)),
    )
    .orderBy(sql`${schema.recipients.name} COLLATE NOCASE`)
    .all();
  return {
    ...original,
    id: row.id,
    source: row.source,
    sourceId: row.sourceId,
    own: row.workspaceId !== null,
    quality: row.quality,
    verifiedOn: row.verifiedOn,
    sources: row.sources,
    extra: row.extra ?? null,
    importedAt: row.importedAt,
    updatedAt: row.updatedAt,
    retired: row.retiredAt !== null,
    parent: parentRow ? { id: parentRow.id, name: parentRow.name, kind: parentRow.kind } : null,
    children,
    correction,
    effective,
  };
}

// ── URL → recipient ─────────────────────────────────────────────────────────

export type MatchedRecipient = {
  id: string;
  name: string;
  kind: RecipientKind;
  countries: string[];
  channels: Channel[];
  letterKinds: string[];
  quality: Quality | null;
  verifiedOn: string | null;
  /** The recipient that holds the data for a front site (or the company behind a service), if any. */
  parent: MatchedRecipient | null;
};

export type UrlMatch = {
  /** The domain the URL belongs to (registrable, private suffixes respected), to show or prefill. */
  domain: string;
  /** The directory key that matched (a host, the domain, or "google.*"), `null` when nothing did. */
  matchedDomain: string | null;
  recipient: MatchedRecipient | null;
};

/**
 * Names the recipient responsible for a pasted URL, with the workspace's own recipients, domain mappings and
 * corrections taking precedence. `null` for something that is no web address. The URL is neither stored nor
 * logged here.
 */
export function matchUrl(scope: DirectoryScope, url: string, db: Db = getDb()): UrlMatch | null {
  const workspaceId = scope?.workspaceId ?? null;
  const target = parseTarget(url);
  if (!target.ok) return null;
  const d = schema.recipientDomains;
  const r = schema.recipients;
  const rows = db
    .select({
      domain: d.domain,
      recipientId: d.recipientId,
      mapping: d.workspaceId,
      owner: r.workspaceId,
      source: r.source,
    })
    .from(d)
    .innerJoin(r, eq(r.id, d.recipientId))
    .where(
      and(
        inArray(d.domain, target.candidates),
        isNull(r.retiredAt),
        workspaceId ? or(isNull(d.workspaceId), eq(d.workspaceId, workspaceId)) : isNull(d.workspaceId),
        visibleTo(workspaceId),
      ),
    )
    .all();
  const rank = (row: (typeof rows)[number]) =>
    row.owner ? 0 : row.mapping ? 1 : row.source === "curated" ? 10 : row.source === "data-brokers" ? 20 : 30;
  const byDomain = new Map<string, DomainEntry[]>();
  for (const row of rows) {
    const list = byDomain.get(row.domain) ?? [];
    list.push({ domain: row.domain, recipientId: row.recipientId, rank: rank(row) });
    byDomain.set(row.domain, list);
  }
  const entry = lookupCandidates(target.candidates, (key) => byDomain.get(key));
  return {
    domain: target.domain,
    matchedDomain: entry?.domain ?? null,
    recipient: entry ? matchedRecipient(db, entry.recipientId, workspaceId) : null,
  };
}

function matchedRecipient(
  db: Db,
  id: string,
  workspaceId: string | null | undefined,
): MatchedRecipient | null {
  const seen = new Map<string, RecipientDetail | null>();
  const detail = (rid: string) => {
    if (!seen.has(rid)) seen.set(rid, getRecipient(workspaceId ? { workspaceId } : null, rid, db));
    return seen.get(rid) ?? null;
  };
  const chain = resolveParentChain(id, (rid) => detail(rid)?.effective.parentId ?? null).filter((rid) =>
    detail(rid),
  );
  let parent: MatchedRecipient | null = null;
  for (const rid of [...chain].reverse()) {
    const r = detail(rid)!;
    parent = {
      id: r.id,
      name: r.effective.name,
      kind: r.effective.kind,
      countries: r.effective.countries,
      channels: r.effective.channels,
      letterKinds: r.effective.letterKinds,
      quality: r.quality,
      verifiedOn: r.verifiedOn,
      parent,
    };
  }
  return parent;
}

// ── A workspace's own recipients and corrections ────────────────────────────

export const workspaceRecipientSchema = z.object({
  name: z.string().trim().min(1).max(300),
  kind: z.enum(recipientKinds),
  legalEntity: z.string().trim().max(300).nullish(),
  countries: z.array(countryCode).max(60).default([]),
  categories: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  domains: z.array(z.string()).max(50).default([]),
  channels: z.array(channelSchema).max(30).default([]),
  address: z.string().trim().max(1000).nullish(),
  phone: z.string().trim().max(60).nullish(),
  web: z.url().max(2000).nullish(),
  notes: z.string().trim().max(4000).nullish(),
  letterKinds: z.array(z.enum(letterKinds)).default([]),
  parentId: z.string().max(200).nullish(),
});
export type WorkspaceRecipientInput = z.input<typeof workspaceRecipientSchema>;

/** Bad input for a directory write, under the form field it belongs to. */
export class DirectoryInputError extends KeyedUserError {
  constructor(key: MessageKey, field: string, values?: Record<string, string>) {
    super(key, { field, ...(values ? { values } : {}) });
  }
}

function cleanDomains(domains: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of domains) {
    if (!raw.trim()) continue;
    const key = normaliseDomainKey(raw);
    if (!key) throw new DirectoryInputError("errors.directory.domain", "domains", { domain: raw });
    out.add(key);
  }
  return [...out];
}

const newRecipientId = () => `ws_${randomBytes(12).toString("base64url")}`;

/** Adds a recipient only this workspace sees (e.g. from an unknown domain's "add a recipient"). */
export function createWorkspaceRecipient(
  scope: Scope,
  args: { input: WorkspaceRecipientInput; now?: Date },
  db: Db = getDb(),
): { id: string } {
  requirePermission(scope, "case:write");
  const input = workspaceRecipientSchema.parse(args.input);
  const domains = cleanDomains(input.domains);
  if (input.parentId && !visibleRow(db, input.parentId, scope.workspaceId)) {
    throw new DirectoryInputError("errors.directory.parentMissing", "parentId");
  }
  const id = newRecipientId();
  const now = args.now ?? new Date();
  db.transaction((tx) => {
    tx.insert(schema.recipients)
      .values({
        id,
        sourceId: null,
        source: "workspace",
        workspaceId: scope.workspaceId,
        kind: input.kind,
        name: input.name,
        legalEntity: input.legalEntity ?? null,
        countries: input.countries,
        categories: input.categories,
        parentId: input.parentId ?? null,
        address: input.address ?? null,
        phone: input.phone ?? null,
        web: input.web ?? null,
        letterKinds: input.letterKinds,
        quality: null,
        verifiedOn: null,
        sources: [],
        notes: input.notes ?? null,
        extra: null,
        searchText: searchTextFor({ ...input, domains }),
        updatedAt: now,
      })
      .run();
    writeChannels(tx, id, input.channels);
    for (const domain of domains) {
      tx.insert(schema.recipientDomains)
        .values({ domain, recipientId: id, workspaceId: scope.workspaceId })
        .run();
    }
  });
  return { id };
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function writeChannels(tx: Tx, recipientId: string, channels: readonly Channel[]) {
  tx.delete(schema.recipientChannels).where(eq(schema.recipientChannels.recipientId, recipientId)).run();
  if (!channels.length) return;
  tx.insert(schema.recipientChannels)
    .values(channels.map((c, position) => ({ recipientId, position, ...c, label: c.label ?? null })))
    .run();
}

/**
 * Corrects a recipient for one workspace. A shared recipient keeps its original: the changed fields are stored
 * as the workspace's correction (replacing an earlier one) and domains it adds map to the recipient for this
 * workspace only. The workspace's own recipient is simply updated. `null` when the recipient isn't visible.
 */
export function correctRecipient(
  scope: Scope,
  args: { recipientId: string; fields: CorrectionFields; note?: string | null; now?: Date },
  db: Db = getDb(),
): { kind: "correction" | "updated" } | null {
  requirePermission(scope, "case:write");
  const row = visibleRow(db, args.recipientId, scope.workspaceId);
  if (!row) return null;
  const fields = correctionFieldsSchema.parse(args.fields);
  const domains = fields.domains ? cleanDomains(fields.domains) : undefined;
  if (fields.parentId) {
    if (!visibleRow(db, fields.parentId, scope.workspaceId)) {
      throw new DirectoryInputError("errors.directory.parentMissing", "parentId");
    }
    const chain = resolveParentChain(fields.parentId, (id) =>
      id === row.id ? fields.parentId : visibleRow(db, id, scope.workspaceId)?.parentId,
    );
    if (chain.includes(row.id)) throw new DirectoryInputError("errors.directory.parentSelf", "parentId");
  }
  const now = args.now ?? new Date();

  if (row.workspaceId === scope.workspaceId) {
    db.transaction((tx) => {
      const { channels, domains: _domains, ...columns } = fields;
      const merged = { ...row, ...columns };
      tx.update(schema.recipients)
        .set({
          ...columns,
          searchText: searchTextFor({
            ...merged,
            domains: domains ?? domainsFor(db, [row.id], null).get(row.id) ?? [],
          }),
          updatedAt: now,
        })
        .where(and(eq(schema.recipients.id, row.id), eq(schema.recipients.workspaceId, scope.workspaceId)))
        .run();
      if (channels) writeChannels(tx, row.id, channels);
      if (domains) {
        tx.delete(schema.recipientDomains).where(eq(schema.recipientDomains.recipientId, row.id)).run();
        for (const domain of domains) {
          tx.insert(schema.recipientDomains)
            .values({ domain, recipientId: row.id, workspaceId: scope.workspaceId })
            .run();
        }
      }
    });
    return { kind: "updated" };
  }

  db.transaction((tx) => {
    const stored = { ...fields, ...(domains ? { domains } : {}) };
    tx.insert(schema.recipientCorrections)
      .values({
        id: newRecipientId().replace(/^ws_/, "rc_"),
        workspaceId: scope.workspaceId,
        recipientId: row.id,
        fields: stored,
        note: args.note ?? null,
        createdBy: scope.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [schema.recipientCorrections.workspaceId, schema.recipientCorrections.recipientId],
        set: { fields: stored, note: args.note ?? null, updatedAt: now },
      })
      .run();
    if (domains) {
      tx.delete(schema.recipientDomains)
        .where(
          and(
            eq(schema.recipientDomains.recipientId, row.id),
            eq(schema.recipientDomains.workspaceId, scope.workspaceId),
          ),
        )
        .run();
      const shared = new Set(domainsFor(db, [row.id], null).get(row.id) ?? []);
      for (const domain of domains.filter((dm) => !shared.has(dm))) {
        tx.insert(schema.recipientDomains)
          .values({ domain, recipientId: row.id, workspaceId: scope.workspaceId })
          .run();
      }
    }
  });
  return { kind: "correction" };
}

/** Withdraws a workspace's correction of a shared recipient (and the domains it mapped). */
export function removeCorrection(scope: Scope, recipientId: string, db: Db = getDb()): boolean {
  requirePermission(scope, "case:write");
  let changed = false;
  db.transaction((tx) => {
    const res = tx
      .delete(schema.recipientCorrections)
      .where(
        and(
          eq(schema.recipientCorrections.workspaceId, scope.workspaceId),
          eq(schema.recipientCorrections.recipientId, recipientId),
        ),
      )
      .run();
    tx.delete(schema.recipientDomains)
      .where(
        and(
          eq(schema.recipientDomains.recipientId, recipientId),
          eq(schema.recipientDomains.workspaceId, scope.workspaceId),
          sql`EXISTS (SELECT 1 FROM recipients WHERE id = ${recipientId} AND workspace_id IS NULL)`,
        ),
      )
      .run();
    changed = res.changes > 0;
  });
  return changed;
}
