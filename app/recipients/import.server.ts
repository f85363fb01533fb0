// Imports the shared recipient directory (vendored seed data or a newer upstream snapshot) into the database:
// upserts by source id, replaces each record's shared channels and domains, retires records a source no longer
// has, and never touches workspace recipients, workspace domain mappings or corrections.
import { and, eq, inArray, isNull } from "drizzle-orm";
import * as schema from "#db/schema";
import type { DirectoryDb } from "./db-type";
import { eeaEntityOf } from "./entities.server";
import type { DirectoryRecord } from "./model.server";
import { loadSnapshot, type Snapshot } from "./sources.server";

type Db = DirectoryDb;

/** The vendored snapshot, relative to the project root (where npm scripts run). */
export const SEED_DIRECTORY = "db/seed-data/directory";

export type ImportCounts = {
  /** Records read per source part; a part absent from `fromDir` is left as it was and counted `null`. */
  companies: number | null;
  authorities: number | null;
  brokers: number | null;
  curated: number | null;
  /** Shared records marked retired because their source part no longer lists them. */
  retired: number;
};

/** Lower-cased text a directory search scans (name, legal entity, domains, aliases, services run). */
export function searchTextFor(r: {
  name: string;
  legalEntity?: string | null;
  domains: readonly string[];
  categories: readonly string[];
  extra?: Record<string, unknown> | null;
}): string {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  return [
    r.name,
    r.legalEntity ?? "",
    ...r.domains,
    ...r.categories,
    ...list(r.extra?.aliases),
    ...list(r.extra?.runs),
    // The entity that answers people in the EEA (decision 054) is found by its name too.
    eeaEntityOf(r.extra)?.legalEntity ?? "",
  ]
    .join(" \u001f ")
    .toLowerCase();
}

type Part = { key: keyof Snapshot; records: DirectoryRecord[] | null; scope: ReturnType<typeof partScope> };

function partScope(source: DirectoryRecord["source"], kind?: DirectoryRecord["kind"]) {
  return and(
    eq(schema.recipients.source, source),
    isNull(schema.recipients.workspaceId),
    kind ? eq(schema.recipients.kind, kind) : undefined,
  );
}

export function importDirectory(
  db: Db,
  fromDir: string = SEED_DIRECTORY,
  now: Date = new Date(),
): ImportCounts {
  const snapshot = loadSnapshot(fromDir);
  return importSnapshot(db, snapshot, now);
}

export function importSnapshot(db: Db, snapshot: Snapshot, now: Date = new Date()): ImportCounts {
  const parts: Part[] = [
    { key: "companies", records: snapshot.companies, scope: partScope("datenanfragen", "company") },
    { key: "authorities", records: snapshot.authorities, scope: partScope("datenanfragen", "regulator") },
    { key: "brokers", records: snapshot.brokers, scope: partScope("data-brokers") },
    { key: "curated", records: snapshot.curated, scope: partScope("curated") },
  ];
  const counts: ImportCounts = {
    companies: null,
    authorities: null,
    brokers: null,
    curated: null,
    retired: 0,
  };
  const known = new Set(parts.flatMap((p) => p.records ?? []).map((r) => r.sourceId));
  // Thousands of rows: prepared statements on the driver (drizzle's query builder costs ~1 ms a statement).
  const write = prepareWriters(db);

  db.transaction((tx) => {
    for (const part of parts) {
      if (!part.records) continue;
      for (const record of part.records) write(record, known, now);
      counts[part.key] = part.records.length;
      const ids = new Set(part.records.map((r) => r.sourceId));
      const current = tx
        .select({ id: schema.recipients.id })
        .from(schema.recipients)
        .where(and(part.scope, isNull(schema.recipients.retiredAt)))
        .all()
        .filter((r) => !ids.has(r.id))
        .map((r) => r.id);
      for (let i = 0; i < current.length; i += 500) {
        const retired = tx
          .update(schema.recipients)
          .set({ retiredAt: now, updatedAt: now })
          .where(inArray(schema.recipients.id, current.slice(i, i + 500)))
          .run();
        counts.retired += retired.changes;
      }
    }
  });
  return counts;
}

function prepareWriters(db: Db) {
  const client = db.$client;
  const upsert = client.prepare(`
    INSERT INTO recipients (id, source_id, source, workspace_id, kind, name, legal_entity, countries, categories,
      parent_id, address, phone, web, letter_kinds, quality, verified_on, sources, notes, extra, search_text,
      imported_at, retired_at, updated_at)
    VALUES (@id, @sourceId, @source, NULL, @kind, @name, @legalEntity, @countries, @categories,
      @parentId, @address, @phone, @web, @letterKinds, @quality, @verifiedOn, @sources, @notes, @extra, @searchText,
      @now, NULL, @now)
    ON CONFLICT (source_id) DO UPDATE SET source = excluded.source, kind = excluded.kind, name = excluded.name,
      legal_entity = excluded.legal_entity, countries = excluded.countries, categories = excluded.categories,
      parent_id = excluded.parent_id, address = excluded.address, phone = excluded.phone, web = excluded.web,
      letter_kinds = excluded.letter_kinds, quality = excluded.quality, verified_on = excluded.verified_on,
      sources = excluded.sources, notes = excluded.notes, extra = excluded.extra,
      search_text = excluded.search_text, imported_at = excluded.imported_at, retired_at = NULL,
      updated_at = excluded.updated_at`);
  const clearChannels = client.prepare("DELETE FROM recipient_channels WHERE recipient_id = ?");
  const addChannel = client.prepare(
    "INSERT INTO recipient_channels (recipient_id, position, kind, purpose, address, label) VALUES (?, ?, ?, ?, ?, ?)",
  );
  // Only the shared mappings: a workspace's own domain mappings survive every import.
  const clearDomains = client.prepare(
    "DELETE FROM recipient_domains WHERE recipient_id = ? AND workspace_id IS NULL",
  );
  const addDomain = client.prepare(
    "INSERT INTO recipient_domains (domain, recipient_id, workspace_id) VALUES (?, ?, NULL)",
  );
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

  return (r: DirectoryRecord, known: Set<string>, now: Date) => {
    const domains = [...new Set(r.domains)];
    upsert.run({
      id: r.sourceId,
      sourceId: r.sourceId,
      source: r.source,
      kind: r.kind,
      name: r.name,
      legalEntity: r.legalEntity ?? null,
      countries: json(r.countries),
      categories: json(r.categories),
      // A parent outside this import would dangle: keep it only when the snapshot has it.
      parentId: r.parentSourceId && known.has(r.parentSourceId) ? r.parentSourceId : null,
      address: r.address ?? null,
      phone: r.phone ?? null,
      web: r.web ?? null,
      letterKinds: json(r.letterKinds),
      quality: r.quality,
      verifiedOn: r.verified ?? null,
      sources: json(r.sources),
      notes: r.notes ?? null,
      // The search URL template rides in extra (decision 119): no column of its own for one optional value.
      extra: json(r.searchUrl ? { ...r.extra, searchUrl: r.searchUrl } : r.extra),
      searchText: searchTextFor({ ...r, domains }),
      now: now.getTime(),
    });
    clearChannels.run(r.sourceId);
    r.channels.forEach((c, position) => {
      addChannel.run(r.sourceId, position, c.kind, c.purpose, c.address, c.label ?? null);
    });
    clearDomains.run(r.sourceId);
    for (const domain of domains) addDomain.run(domain, r.sourceId);
  };
}

/** For the start script's seeder: imports the vendored snapshot and says what it did, in one line. */
export function seedDirectory(db: Db): string {
  const c = importDirectory(db, SEED_DIRECTORY);
  return `directory: ${c.companies} companies, ${c.authorities} authorities, ${c.brokers} brokers, ${c.curated} curated, ${c.retired} retired`;
}

/**
 * `npm run cli -- directory:import --from DIR`: the CLI passes the arguments after the command name.
 * Returns the report line; throws on a missing or unreadable directory.
 */
export function runDirectoryImportCommand(db: Db, args: readonly string[]): string {
  const i = args.indexOf("--from");
  const inline = args.find((a) => a.startsWith("--from="));
  const from = inline ? inline.slice("--from=".length) : i >= 0 ? args[i + 1] : SEED_DIRECTORY;
  if (!from) throw new Error("directory:import --from DIR: DIR is missing");
  const c = importDirectory(db, from);
  const part = (n: number | null, what: string) =>
    n === null ? `${what} not in snapshot (kept)` : `${n} ${what}`;
  return [
    `Imported the recipient directory from ${from}:`,
    part(c.companies, "companies"),
    part(c.authorities, "supervisory authorities"),
    part(c.brokers, "data brokers"),
    part(c.curated, "curated records"),
    `${c.retired} retired`,
  ].join(" ");
}
