// Bulk letters of an employer incident: "generate and queue letters for every empty cell" as a durable job.
// Start copies the empty cells of the matrix into items (one transaction); the worker turns items into letters
// batch by batch: it composes and renders a batch outside the write lock, then stores it on the app's one
// connection in one IMMEDIATE transaction through the store's insertLetter (decision 076), and yields to the
// event loop before the next. A letter, its exposures, its outbox row, its audit rows and its item's new state
// commit in one transaction, so a killed process repeats nothing and loses nothing: the next worker takes the
// items that are still pending. Letters are written with the letters module's own composer, renderer and
// send-time checks, so a bulk letter is exactly as valid as one written by hand; emails then go out through the
// outbox.

import type Database from "better-sqlite3";
import { and, desc, eq, inArray } from "drizzle-orm";
import { bulkJobItems, bulkJobs, memberships } from "#db/schema";
import { type AuditEntry, audit } from "~/audit/audit.server";
import { getUserProfile } from "~/auth/users.server";
import { getDb } from "~/db.server";
import type { ExposedKind } from "~/exposures/categories";
import type { Exposure } from "~/exposures/exposures.server";
import { inEnglish } from "~/i18n/english.server";
import type { MessageKey, Translator } from "~/i18n/translate";
import { enqueue } from "~/jobs/queue.server";
import type { JobHandler } from "~/jobs/runner.server";
import { wakeJobs } from "~/jobs/wake.server";
import { getRecipient, type RecipientDetail } from "~/recipients/directory.server";
import {
  type ComposeInput,
  type Destination,
  defaultAuthority,
  defaultLang,
  detailsFromSubject,
  type RecipientGroup,
  recipientGroups,
} from "~/requests/compose/compose.server";
import type { LetterDetails } from "~/requests/compose/forms";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { latestMandate } from "~/requests/compose/mandates.server";
import { stateLawOf } from "~/requests/compose/state-laws";
import type { Lang, LetterVariablesInput } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { generateReference } from "~/requests/reference";
import { runChecklist } from "~/requests/render/checklist";
import { getTemplate, type LetterTemplate } from "~/requests/render/templates.server";
import { enqueueLetter } from "~/requests/send/queue.server";
import { hasSmtpSettings, smtpSettingsFor } from "~/requests/send/smtp-settings.server";
import { insertLetter, type NewLetter } from "~/requests/store.server";
import { Sealed, sealFor } from "~/security/encrypted-type.server";
import { getSubject, type Subject } from "~/subjects/subjects.server";
import { newId } from "~/utils/ids.server";
import { randomBytes } from "~/utils/random.server";
import { can, notFound, type Role, requirePermission, type Scope } from "~/workspaces/scope.server";
import { getWorkspace } from "~/workspaces/workspaces.server";
import type { BulkOptions } from "./bulk-forms";
import { missingCode, type ReasonCode, reasonMessage, reasonText } from "./bulk-reasons";
import {
  detailsShapeKey,
  type LetterOutcome,
  LetterShapes,
  RenderFailed,
  type ShapedLetter,
} from "./letter-shapes.server";
import { incidentCells } from "./matrix.server";

export type BulkJobState = "queued" | "running" | "done" | "cancelled" | "failed";
type ItemState = "pending" | "queued" | "generated" | "skipped" | "failed";

/**
 * A job the user can correct before it starts (400 with the message). It carries a message key and, when no
 * letter can be written, the first reasons, so the page says it in its language (`translated`); its own message
 * is the English words.
 */
export class BulkStartError extends Error {
  readonly jobId?: string;
  constructor(
    readonly key: MessageKey,
    options: { jobId?: string; reasons?: { reason: string; count: number }[] } = {},
  ) {
    const reasons = options.reasons ?? [];
    super(
      [
        inEnglish(key),
        ...reasons.map((r) => `${reasonText(r.reason)} (${r.count.toLocaleString("en")})`),
      ].join(" "),
    );
    this.name = "BulkStartError";
    this.jobId = options.jobId;
    this.reasons = reasons;
  }

  readonly reasons: { reason: string; count: number }[];

  /** The message in the reader's words. */
  translated({ t }: Translator) {
    return [
      t(this.key),
      ...this.reasons.map((r) => {
        const m = reasonMessage(r.reason);
        return t("incidents.bulk.plan.reason", { reason: t(m.key, m.values), count: r.count });
      }),
    ].join(" ");
  }
}

const sealOptions = sealFor("bulk_jobs", "options_enc");

/** How often an item whose checks fail under the write lock (its exposures changed meanwhile) is composed again. */
const MAX_TRIES = 3;
/** A running job whose heartbeat is older than this belongs to a process that died. */
export const STALE_RUNNING_MS = 60_000;
/** How long composing one batch may hold the event loop before it is stored and the loop yields. */
export const DEFAULT_CHUNK_MS = 25;
/** A composer option value (`kind/regime`, from recipientGroups) as the letter form's parsed field. */
const optionOf = (value: string) => {
  const [kind, regime] = value.split("/") as [
    LetterDetails["option"]["kind"],
    LetterDetails["option"]["regime"],
  ];
  return { kind, regime };
};
/** When this process started: a `running` job claimed before that belongs to a process that is gone. */
const bootedAt = Date.now();

// ── Starting, reading and cancelling (scoped) ──────────────────────────────────────────────────────────

/** The incident's empty cells the member can see, person by person (in the order the matrix first names them). */
function emptyCells(scope: Scope, incidentId: string) {
  // The worker then reads each person's exposures and letters once per batch instead of once per cell.
  const byCase = new Map<string, ReturnType<typeof incidentCells>>();
  for (const c of incidentCells(scope, incidentId)) {
    if (c.letterId !== null) continue;
    const list = byCase.get(c.caseId);
    if (list) list.push(c);
    else byCase.set(c.caseId, [c]);
  }
  return [...byCase.values()].flat();
}

/** What a run with some options would do, counted before it starts. */
export type BulkPlan = {
  /** Empty cells the member can see. */
  cells: number;
  /** Cells a letter would be written for: by email, and as web-form or PDF letters. */
  email: number;
  documents: number;
  /** Cells not offered, by reason code (reasonText says it in words), most first. */
  notOffered: { reason: ReasonCode; count: number }[];
};

const cellKey = (c: { caseId: string; recipientId: string }) => `${c.caseId}|${c.recipientId}`;

/**
 * Each empty cell's outcome under these options, by the worker's own rules (BulkRun.check: the same composer,
 * required variables, authority and checklist as the run): the cells a run would write and why the others
 * would get no letter. The people's details read for it are audited, once per person for all the options.
 */
function planCells(scope: Scope, incidentId: string, variants: BulkOptions[]) {
  const cells = emptyCells(scope, incidentId);
  const now = new Date();
  const reads = new Map<string, AuditEntry>();
  const plans = variants.map((options) => {
    const run = BulkRun.forPlan(scope, options);
    const offered = new Set<string>();
    const plan: BulkPlan = { cells: cells.length, email: 0, documents: 0, notOffered: [] };
    const reasons = new Map<ReasonCode, number>();
    cells.forEach((c, seq) => {
      const outcome = run.planCell(
        {
          seq,
          subject_id: c.subjectId,
          case_id: c.caseId,
          recipient_id: c.recipientId,
          exposure_ids: JSON.stringify(c.exposureIds),
        },
        now,
      );
      if ("reason" in outcome) {
        reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1);
        return;
      }
      offered.add(cellKey(c));
      if (outcome.channel === "email") plan.email += 1;
      else plan.documents += 1;
    });
    plan.notOffered = [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count);
    for (const e of run.takeReadAudits()) reads.set(`${e.action}|${e.targetType}|${e.targetId}`, e);
    return { plan, offered };
  });
  audit([...reads.values()]);
  return plans;
}

/** What a run with these options would write and skip, counted by the run's own rules. */
export function planBulkLetters(scope: Scope, incidentId: string, options: BulkOptions): BulkPlan {
  return planCells(scope, incidentId, [options])[0]!.plan;
}

export type SenderChoice = BulkOptions["sender"];

/**
 * The plan of each choice of "who the letters are from" (the rest of the options as given), and the choice
 * that writes the most letters (on a tie, each person in their own name: it needs no letter of authority).
 */
export function planBulkSenders(scope: Scope, incidentId: string, options: BulkOptions) {
  const choices: SenderChoice[] = ["self", "representative"];
  const plans = planCells(
    scope,
    incidentId,
    choices.map((sender) => ({ ...options, sender })),
  );
  const byChoice = { self: plans[0]!.plan, representative: plans[1]!.plan };
  const written = (p: BulkPlan) => p.email + p.documents;
  const best: SenderChoice =
    written(byChoice.representative) > written(byChoice.self) ? "representative" : "self";
  return { byChoice, best };
}

/**
 * Snapshots the incident's empty cells the member can see and a letter can be written for into a new job;
 * returns its id. The others are not offered (planBulkLetters names why, before the run). Viewers cannot
 * (403); caseworkers only get their own people's cells (incidentCells scopes them); another workspace's
 * incident is a 404.
 */
export function startBulkLetters(scope: Scope, incidentId: string, options: BulkOptions, now = new Date()) {
  requirePermission(scope, "case:write");
  const db = getDb();
  const sqlite = db.$client;
  const id = newId();
  if (options.channel === "email" && !hasSmtpSettings(scope.workspaceId))
    throw new BulkStartError("incidents.bulk.errors.needsEmail");
  // Planned outside the write lock (it composes every cell); a cell lettered meanwhile is left out below.
  const [{ plan, offered }] = planCells(scope, incidentId, [options]) as [ReturnType<typeof planCells>[0]];
  const count = sqlite
    .transaction(() => {
      const active = db
        .select({ id: bulkJobs.id })
        .from(bulkJobs)
        .where(
          and(
            eq(bulkJobs.workspaceId, scope.workspaceId),
            eq(bulkJobs.incidentId, incidentId),
            inArray(bulkJobs.state, ["queued", "running"]),
          ),
        )
        .get();
      const all = emptyCells(scope, incidentId);
      if (active) throw new BulkStartError("incidents.bulk.errors.running", { jobId: active.id });
      if (!all.length) throw new BulkStartError("incidents.bulk.errors.nothingLeft");
      const cells = all.filter((c) => offered.has(cellKey(c)));
      if (!cells.length) {
        throw new BulkStartError("incidents.bulk.errors.noLetter", { reasons: plan.notOffered.slice(0, 3) });
      }
      db.insert(bulkJobs)
        .values({
          id,
          workspaceId: scope.workspaceId,
          incidentId,
          state: "queued",
          optionsEnc: sealOptions(id, JSON.stringify(options)),
          total: cells.length,
          createdBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      enqueue(db, { queue: BULK_QUEUE, key: id, payload: { bulkJobId: id }, now });
      const insert = sqlite.prepare(
        "INSERT INTO bulk_job_items (job_id, seq, workspace_id, subject_id, case_id, recipient_id, exposure_ids, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
      );
      cells.forEach((c, seq) => {
        insert.run(
          id,
          seq,
          scope.workspaceId,
          c.subjectId,
          c.caseId,
          c.recipientId,
          JSON.stringify(c.exposureIds),
        );
      });
      return cells.length;
    })
    .immediate();
  audit({
    action: "bulk.start",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "bulk_job",
    targetId: id,
    detail: {
      incidentId,
      items: count,
      notOffered: plan.cells - count,
      letter: options.letter,
      channel: options.channel,
    },
  });
  kickBulkWorker();
  return id;
}

export type BulkJob = {
  id: string;
  incidentId: string;
  state: BulkJobState;
  total: number;
  queued: number;
  generated: number;
  skipped: number;
  failed: number;
  done: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  options: BulkOptions;
};

function toJob(row: typeof bulkJobs.$inferSelect): BulkJob {
  const done = row.queued + row.generated + row.skipped + row.failed;
  return {
    id: row.id,
    incidentId: row.incidentId,
    state: row.state,
    total: row.total,
    queued: row.queued,
    generated: row.generated,
    skipped: row.skipped,
    failed: row.failed,
    done,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    options: row.optionsEnc.openJson<BulkOptions>(row.id),
  };
}

/** Who sees a job: members who see every case, and the caseworker who started it (its cells are theirs). */
function visible(scope: Scope, row: { createdBy: string | null }) {
  return can(scope, "case:read_all") || row.createdBy === scope.userId;
}

/** One job of an incident in the scope's workspace, or 404. */
export function getBulkJob(scope: Scope, incidentId: string, jobId: string): BulkJob {
  const row = getDb()
    .select()
    .from(bulkJobs)
    .where(
      and(
        eq(bulkJobs.id, jobId),
        eq(bulkJobs.incidentId, incidentId),
        eq(bulkJobs.workspaceId, scope.workspaceId),
      ),
    )
    .get();
  if (!row || !visible(scope, row)) notFound("This run");
  return toJob(row);
}

/** The incident's jobs the member may see, newest first. */
export function listBulkJobs(scope: Scope, incidentId: string): BulkJob[] {
  return getDb()
    .select()
    .from(bulkJobs)
    .where(and(eq(bulkJobs.workspaceId, scope.workspaceId), eq(bulkJobs.incidentId, incidentId)))
    .orderBy(desc(bulkJobs.createdAt))
    .limit(20)
    .all()
    .filter((r) => visible(scope, r))
    .map(toJob);
}

/** Stops a job: items not written yet are skipped as cancelled (letters already written stay). */
export function cancelBulkJob(scope: Scope, incidentId: string, jobId: string, now = new Date()) {
  requirePermission(scope, "case:write");
  getBulkJob(scope, incidentId, jobId); // 404 outside the scope
  const sqlite = getDb().$client;
  const changed = sqlite
    .transaction(() => {
      const res = sqlite
        .prepare(
          "UPDATE bulk_jobs SET state = 'cancelled', finished_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
        )
        .run(now.getTime(), now.getTime(), jobId);
      if (res.changes !== 1) return false;
      const items = sqlite
        .prepare(
          "UPDATE bulk_job_items SET state = 'skipped', reason = 'cancelled', updated_at = ? WHERE job_id = ? AND state = 'pending'",
        )
        .run(now.getTime(), jobId);
      sqlite.prepare("UPDATE bulk_jobs SET skipped = skipped + ? WHERE id = ?").run(items.changes, jobId);
      return true;
    })
    .immediate();
  if (changed)
    audit({
      action: "bulk.cancel",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "bulk_job",
      targetId: jobId,
    });
  return changed;
}

export type BulkSummary = {
  /** Emails handed to the outbox, by the outbox's state now. */
  email: { sent: number; waiting: number; failed: number };
  /** Web form and PDF letters, ready for the user. */
  generated: number;
  skipped: { reason: string; count: number }[];
  failed: { reason: string; count: number }[];
  pending: number;
};

/** What became of every item: counted from the items and the outbox rows of their letters. */
export function bulkSummary(scope: Scope, incidentId: string, jobId: string): BulkSummary {
  getBulkJob(scope, incidentId, jobId);
  const sqlite = getDb().$client;
  const byState = sqlite
    .prepare(
      "SELECT state, reason, count(*) AS n FROM bulk_job_items WHERE job_id = ? GROUP BY state, reason ORDER BY n DESC",
    )
    .all(jobId) as { state: ItemState; reason: string | null; n: number }[];
  const outboxStates = sqlite
    .prepare(
      "SELECT o.state AS state, count(*) AS n FROM bulk_job_items i JOIN outbox o ON o.letter_id = i.letter_id WHERE i.job_id = ? AND i.state = 'queued' GROUP BY o.state",
    )
    .all(jobId) as { state: string; n: number }[];
  const out = (s: string) => outboxStates.filter((r) => r.state === s).reduce((a, r) => a + r.n, 0);
  const group = (state: ItemState) =>
    byState.filter((r) => r.state === state).map((r) => ({ reason: r.reason ?? "error", count: r.n }));
  return {
    email: { sent: out("sent"), waiting: out("pending") + out("sending"), failed: out("failed") },
    generated: byState.filter((r) => r.state === "generated").reduce((a, r) => a + r.n, 0),
    skipped: group("skipped"),
    failed: group("failed"),
    pending: byState.filter((r) => r.state === "pending").reduce((a, r) => a + r.n, 0),
  };
}

// ── The worker ─────────────────────────────────────────────────────────────────────────────────────────

type ItemRow = {
  seq: number;
  subject_id: string;
  case_id: string;
  recipient_id: string;
  exposure_ids: string;
};

type Person = {
  subject: Subject | null;
  residence: string | null;
  /** The US state / German Land / UK nation, where given. */
  region: string | null;
  mandateDate: string | null;
  defaults: Partial<Record<string, string>>;
};

/** A cell's letter as checked and rendered, before it is stored. */
type Checked = {
  channel: Destination["channel"];
  address: string;
  template: LetterTemplate;
  made: { subject: string; body: string; variables: LetterVariablesInput };
  reference: string;
  chosen: Exposure[];
  recipient: RecipientDetail;
  d: LetterDetails;
};

/** A cell's letter, composed and rendered, ready to store. */
export type LetterOp = {
  seq: number;
  state: "queued" | "generated";
  letter: NewLetter;
  /** The exposures it names, with the updated_at (ms) it was composed from. */
  exposures: [id: string, updatedAt: number][];
  audits: AuditEntry[];
};

/** A cell that gets no letter, and why. */
type ItemOp = { seq: number; state: "skipped" | "failed"; reason: string; letter?: never };

export type Batch = {
  t: number;
  ops: (LetterOp | ItemOp)[];
  /** Reads made while composing (subject.read), logged with the letters written from them. */
  audits: AuditEntry[];
};

type Counts = { queued: number; generated: number; skipped: number; failed: number };
type BatchResult = { result: "more"; stale: number[]; counts: Counts } | { result: "cancelled" | "failed" };

type Statements = ReturnType<typeof prepare>;

function prepare(sqlite: Database.Database) {
  return {
    state: sqlite.prepare("SELECT state FROM bulk_jobs WHERE id = ?"),
    leftover: sqlite.prepare(
      "SELECT count(*) AS n FROM bulk_job_items WHERE job_id = ? AND state = 'pending'",
    ),
    pending: sqlite.prepare(
      "SELECT seq, subject_id, case_id, recipient_id, exposure_ids FROM bulk_job_items WHERE job_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
    ),
    item: sqlite.prepare(
      "SELECT seq, subject_id, case_id, recipient_id, exposure_ids FROM bulk_job_items WHERE job_id = ? AND seq = ? AND state = 'pending'",
    ),
    caseLetterRecipients: sqlite.prepare("SELECT DISTINCT recipient_id FROM letters WHERE case_id = ?"),
    exposures: sqlite.prepare(
      "SELECT id, case_id, url_enc, platform, recipient_id, exposed, calls_for_harm, found_on, severity, severity_override, status, updated_at FROM exposures WHERE workspace_id = ? AND case_id = ?",
    ),
    itemState: sqlite.prepare("SELECT state FROM bulk_job_items WHERE job_id = ? AND seq = ?"),
    reference: sqlite.prepare("SELECT 1 FROM letters WHERE reference = ?"),
    // `+recipient_id` keeps SQLite on the case's index (a case has tens of letters). Without planner
    // statistics it otherwise picks letters_recipient_idx and reads every letter to that recipient, a list
    // the run itself grows by one per person (decision 129).
    lettered: sqlite.prepare("SELECT 1 FROM letters WHERE case_id = ? AND +recipient_id = ? LIMIT 1"),
    exposureVersion: sqlite.prepare(
      "SELECT updated_at FROM exposures WHERE id = ? AND case_id = ? AND workspace_id = ?",
    ),
    setItem: sqlite.prepare(
      "UPDATE bulk_job_items SET state = ?, reason = ?, letter_id = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'pending'",
    ),
    counters: sqlite.prepare(
      "UPDATE bulk_jobs SET queued = queued + ?, generated = generated + ?, skipped = skipped + ?, failed = failed + ?, heartbeat_at = ?, updated_at = ? WHERE id = ?",
    ),
    finish: sqlite.prepare(
      "UPDATE bulk_jobs SET state = ?, error = ?, finished_at = ?, heartbeat_at = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
    ),
  };
}

const statements = new WeakMap<object, Statements>();
function stmts(): Statements {
  const sqlite = getDb().$client;
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * What one run of a job reads once: the options, the member it writes as, each person decrypted once, each
 * recipient and its letter options once, the workspace's mail domain. Lives for one run (seconds to minutes).
 */
export class BulkRun {
  readonly jobId: string;
  readonly scope: Scope;
  readonly options: BulkOptions;
  private readonly people = new Map<string, Person>();
  private readonly groups = new Map<string, RecipientGroup | null>();
  private readonly recipients = new Map<string, RecipientDetail | null>();
  private readonly authorities = new Map<string, string>();
  private readonly templates = new Map<string, LetterTemplate | undefined>();
  private readonly cases = new Map<
    string,
    { exposures: Map<string, Record<string, unknown>>; lettered: Set<string> }
  >();
  private readonly references = new Set<string>();
  private readonly checked = new Set<string>();
  private readonly shapes = new LetterShapes();
  private readonly detailCache = new Map<string, { details: LetterDetails; key: string } | ReasonCode>();
  private readonly rep: { name: string; email: string; organisation: string };
  readonly mailDomain: string | undefined;
  private readonly hasSmtp: boolean;
  private readAudits: AuditEntry[] = [];
  private lastSeq = -1;
  /** Items storeBatch sent back (what they were composed from changed): composed again, with their tries. */
  private readonly retries: number[] = [];
  private readonly tries = new Map<number, number>();

  /** A run that only plans (planCells): it checks cells and stores nothing. */
  static forPlan(scope: Scope, options: BulkOptions): BulkRun {
    return new BulkRun(
      {
        id: "plan",
        workspaceId: scope.workspaceId,
        createdBy: scope.userId,
        role: scope.role,
      },
      options,
    );
  }

  constructor(
    job: { id: string; workspaceId: string; createdBy: string; role: Role; optionsEnc?: Sealed },
    options?: BulkOptions,
  ) {
    this.jobId = job.id;
    this.scope = { userId: job.createdBy, workspaceId: job.workspaceId, role: job.role };
    const opened = options ?? job.optionsEnc?.openJson<BulkOptions>(job.id);
    if (!opened) throw new Error("A bulk run needs its options");
    this.options = opened;
    const me = getUserProfile(job.createdBy);
    const ws = getWorkspace(job.workspaceId);
    this.rep = {
      name: me?.name ?? "",
      email: me?.email ?? "",
      organisation: ws?.kind === "organisation" ? ws.name : "",
    };
    const from = smtpSettingsFor(job.workspaceId)?.from ?? "";
    this.hasSmtp = from !== "";
    this.mailDomain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1];
  }

  private person(subjectId: string): Person {
    let p = this.people.get(subjectId);
    if (!p) {
      let subject: Subject | null = null;
      try {
        // The read is logged once per person per run, in the transaction of the next batch stored.
        subject = getSubject(this.scope, subjectId, (e) => this.readAudits.push(e));
      } catch (e) {
        if (!(e instanceof Response)) throw e;
      }
      p = {
        subject,
        residence: subject?.country || null,
        region: subject?.region || null,
        mandateDate: subject ? (latestMandate(this.scope.workspaceId, subjectId)?.signedOn ?? null) : null,
        defaults: {
          ...detailsFromSubject(subject),
          // A US state letter names the law of the state the person lives in.
          stateLaw: subject?.country === "US" ? (stateLawOf(subject.region)?.code ?? "") : "",
        },
      };
      this.people.set(subjectId, p);
    }
    return p;
  }

  private recipient(id: string): RecipientDetail | null {
    if (!this.recipients.has(id)) this.recipients.set(id, getRecipient(this.scope, id));
    return this.recipients.get(id)!;
  }

  /** The letters and destinations the composer offers for this recipient and person (memoised). */
  private group(
    recipientId: string,
    residence: string | null,
    region: string | null,
    photos: boolean,
  ): RecipientGroup | null {
    const key = `${recipientId}|${residence ?? ""}|${region ?? ""}|${photos}`;
    if (!this.groups.has(key)) {
      const probe = {
        recipientId,
        url: "",
        host: "",
        exposed: photos ? ["photos"] : [],
      } as unknown as Exposure;
      const g = this.recipient(recipientId)
        ? (recipientGroups(this.scope.workspaceId, [probe], { residence, region })[0] ?? null)
        : null;
      this.groups.set(key, g?.recipientId ? g : null);
    }
    return this.groups.get(key)!;
  }

  /** The catalogue's template for a kind in a language, or in English (looked up once per run). */
  private template(kind: string, lang: Lang): LetterTemplate | undefined {
    const key = `${kind}|${lang}`;
    if (!this.templates.has(key)) this.templates.set(key, getTemplate(kind, lang) ?? getTemplate(kind, "en"));
    return this.templates.get(key);
  }

  private authority(regime: string, residence: string | null, region: string | null): string {
    const key = `${regime}|${residence ?? ""}|${region ?? ""}`;
    if (!this.authorities.has(key))
      this.authorities.set(
        key,
        defaultAuthority(regime as never, residence, region) || this.options.authorityName,
      );
    return this.authorities.get(key)!;
  }

  /**
   * What a batch knows of a case: its exposure rows and the recipients it already has a letter to. Read once
   * per case per batch, outside the write lock: storeBatch checks them again under the lock before storing,
   * and the letters the batch writes itself are added as it goes. Forgotten at
   * every batch's start.
   */
  private caseState(caseId: string) {
    let c = this.cases.get(caseId);
    if (!c) {
      const s = stmts();
      const exposures = new Map<string, Record<string, unknown>>();
      for (const r of s.exposures.all(this.scope.workspaceId, caseId) as Record<string, unknown>[])
        exposures.set(r.id as string, r);
      const lettered = new Set(
        (s.caseLetterRecipients.all(caseId) as { recipient_id: string }[]).map((r) => r.recipient_id),
      );
      c = { exposures, lettered };
      this.cases.set(caseId, c);
    }
    return c;
  }

  private exposure(caseId: string, id: string): Exposure | null {
    // Every exposure belongs to one cell (its case × its recipient), so it is decrypted once per run.
    const r = this.caseState(caseId).exposures.get(id);
    if (!r) return null;
    // The row comes from a raw prepared statement (caseState): its token is opened as the column type would.
    const url = new Sealed("exposures", "url_enc", r.url_enc as string).open(id);
    const severity = r.severity as Exposure["severity"];
    return {
      id,
      caseId,
      url,
      // The host is not written into letters; the URL's own is enough here (no second decryption).
      host: URL.canParse(url) ? new URL(url).host : "",
      platform: (r.platform as string | null) ?? null,
      recipientId: (r.recipient_id as string | null) ?? null,
      exposed: JSON.parse(r.exposed as string) as ExposedKind[],
      callsForHarm: Boolean(r.calls_for_harm),
      foundOn: r.found_on as string,
      severity: (r.severity_override as Exposure["severity"] | null) ?? severity,
      computedSeverity: severity,
      severityOverridden: r.severity_override !== null,
      status: r.status as Exposure["status"],
      notes: "",
      updatedAt: new Date(r.updated_at as number),
    };
  }

  /**
   * A reference no letter of this run has. Whether another letter in the database has it is checked by
   * storeBatch under the write lock (such a letter is sent back and composed again with a new reference).
   */
  private freshReference(): string {
    for (let i = 0; i < 20; i++) {
      const ref = generateReference(randomBytes);
      if (this.references.has(ref)) continue;
      this.references.add(ref);
      return ref;
    }
    throw new Error("could not find a free letter reference");
  }

  /** The destination a cell's letter goes to, by the job's channel preference and what the template allows. */
  private destination(destinations: Destination[], template: LetterTemplate): Destination | null {
    const order: Destination["channel"][] =
      this.options.channel === "email" ? ["email", "webform", "pdf"] : ["webform", "pdf"];
    for (const channel of order) {
      if (!template.meta.channels.includes(channel)) continue;
      const d = destinations.find((x) => x.channel === channel && x.value.length > channel.length + 1);
      if (d) return d;
    }
    return null;
  }

  /**
   * The letter form's details for a person and a kind of letter, validated by the same schema as the form a
   * user fills in by hand (once per person, letter and language), or the invalid field's reason code.
   */
  private details(
    subjectId: string,
    person: Person,
    option: string,
    lang: Lang,
    regime: string,
  ): { details: LetterDetails; key: string } | ReasonCode {
    // Only a US state letter's check depends on the kind (it needs the state); the rest once per person.
    const stateBound = option.startsWith("us-state-deletion/");
    const cacheKey = `${subjectId}|${stateBound ? option : ""}`;
    // The language and the authority differ per letter but are not the person's: chosen from fixed lists or
    // the job's own validated options, so they replace the parsed ones.
    const authorityName = this.authority(regime, person.residence, person.region);
    const perLetter = (c: { details: LetterDetails; key: string }) => ({
      details: { ...c.details, option: optionOf(option), lang, authorityName },
      key: c.key,
    });
    const cached = this.detailCache.get(cacheKey);
    if (cached) return typeof cached === "string" ? cached : perLetter(cached);
    const represented = this.options.sender === "representative";
    const parsed = LetterDetailsSchema.safeParse({
      ...person.defaults,
      exposureIds: ["placeholder"],
      option,
      lang,
      destination: "pdf|",
      represented: represented ? "on" : undefined,
      repName: this.rep.name,
      repOrganisation: this.rep.organisation,
      repEmail: this.rep.email,
      // Decision 057: no home address or phone (detailsFromSubject fills neither, nothing chooses one); the
      // organisation's address only where the operator entered it.
      repAddress: represented ? (this.options.repAddress ?? "") : "",
      repMandateDate: person.mandateDate ?? "",
      particularSituation: this.options.particularSituation,
      illegalityExplanation: this.options.illegalityExplanation,
      delistingReason: this.options.delistingReason,
      authorityName,
    });
    // The letter-shapes key leaves out what perLetter sets: it names those itself.
    const out = parsed.success
      ? { details: parsed.data, key: detailsShapeKey(parsed.data) }
      : (`invalid:${parsed.error.issues[0]?.path.join(".") || "details"}` as ReasonCode);
    if (this.detailCache.size > 5000) this.detailCache.clear();
    this.detailCache.set(cacheKey, out);
    return typeof out === "string" ? out : perLetter(out);
  }

  /** The read audits of the people this run decrypted so far (a plan writes them itself). */
  takeReadAudits(): AuditEntry[] {
    const out = this.readAudits;
    this.readAudits = [];
    return out;
  }

  /**
   * Whether a cell gets a letter, by every rule a letter must pass (the composer's options, a template, an
   * address, the letter of authority, every required variable filled, the legal checklist): the composed and
   * rendered letter, or why not. Both the plan shown before a run and the run itself decide with this.
   */
  check(item: ItemRow, now: Date): Checked | { state: "skipped" | "failed"; reason: ReasonCode } {
    return this.examine(item, now, true) as Checked | { state: "skipped" | "failed"; reason: ReasonCode };
  }

  /**
   * The outcome `check` gives a cell, without the letter's text where it is not needed: a plan counts every
   * cell and keeps no letter (LetterShapes.outcome). The text is still made for the checklist's first letter
   * of each kind, language and regime, and where LetterShapes compares a letter with one made in full.
   */
  planCell(
    item: ItemRow,
    now: Date,
  ): { channel: Destination["channel"] } | { state: "skipped" | "failed"; reason: ReasonCode } {
    return this.examine(item, now, false);
  }

  private examine(
    item: ItemRow,
    now: Date,
    needText: boolean,
  ): Checked | { channel: Destination["channel"] } | { state: "skipped" | "failed"; reason: ReasonCode } {
    if (this.caseState(item.case_id).lettered.has(item.recipient_id))
      return { state: "skipped", reason: "already_requested" };
    const person = this.person(item.subject_id);
    if (!person.subject) return { state: "skipped", reason: "person_unavailable" };
    const chosen = (JSON.parse(item.exposure_ids) as string[]).flatMap(
      (id) => this.exposure(item.case_id, id) ?? [],
    );
    if (!chosen.length) return { state: "skipped", reason: "exposures_removed" };
    const photos = chosen.some((e) => e.exposed.includes("photos"));
    const group = this.group(item.recipient_id, person.residence, person.region, photos);
    const recipient = this.recipient(item.recipient_id);
    if (!group || !recipient) return { state: "skipped", reason: "recipient_unknown" };
    const option =
      this.options.letter === "suggested"
        ? group.options[0]
        : group.options.find((o) => o.kind === this.options.letter);
    if (!option) return { state: "skipped", reason: "no_letter_for_recipient" };
    const lang: Lang = this.options.lang === "auto" ? defaultLang(person.residence) : this.options.lang;
    // As by hand: a kind not written in the chosen language yet is written in English.
    const template = this.template(option.kind, lang);
    if (!template?.meta.regimes.includes(option.regime)) return { state: "skipped", reason: "no_template" };
    const dest = this.destination(option.destinations, template);
    if (!dest) return { state: "skipped", reason: "no_contact_address" };
    if (dest.channel === "email" && !this.hasSmtp) return { state: "failed", reason: "no_email_account" };
    const represented = this.options.sender === "representative";
    // docs/legal.md §2: a letter sent for someone else states the representative and encloses the signed mandate.
    if (represented && !person.mandateDate) return { state: "skipped", reason: "no_mandate" };

    const base = this.details(item.subject_id, person, option.value, template.meta.lang, option.regime);
    if (typeof base === "string") return { state: "failed", reason: base };
    // Per cell only the places and the destination change; both come from the case and the directory.
    const d: LetterDetails = {
      ...base.details,
      exposureIds: chosen.map((e) => e.id),
      destination: { channel: dest.channel, address: dest.value.slice(dest.value.indexOf("|") + 1) },
    };
    const { channel, address } = d.destination;
    const reference = this.freshReference();
    // docs/legal.md §2 checklist, once per kind, language and regime of this run (the wording is the same template).
    const checkKey = `${template.meta.id}|${template.meta.lang}|${d.option.regime}|${represented}`;
    const checklistDue = !this.checked.has(checkKey);
    // Composed, checked and rendered as by hand (composeVariables, then the send-time gate of sendable.ts: no
    // empty required variable, no marker left), once per letter shape (letter-shapes.server.ts, decision 047;
    // kept by decision 076: rendering every letter in full is ~20 times slower). The variables are checked
    // before rendering: a cell that cannot be sent (a broker without an opt-out form, a site without a
    // platform name) is skipped without rendering its letter.
    let shaped: ShapedLetter | LetterOutcome;
    /** The letter's text: made by `check`, and by a plan only for the checklist. */
    let text: ShapedLetter | null = null;
    try {
      const input: ComposeInput = {
        meta: template.meta,
        details: d,
        regime: d.option.regime,
        reference,
        today: now.toISOString().slice(0, 10),
        exposures: chosen,
        recipient,
        channel,
        address,
        workspaceId: this.scope.workspaceId,
      };
      if (needText || checklistDue) {
        text = this.shapes.letter(template, input, base.key);
        shaped = text;
      } else shaped = this.shapes.outcome(template, input, base.key);
    } catch (e) {
      // A template that cannot be filled for this recipient (the same letter written by hand fails too).
      if (e instanceof RenderFailed) return { state: "failed", reason: "render_error" };
      throw e;
    }
    if (shaped.missing) return { state: "skipped", reason: missingCode(shaped.missing) };
    if (shaped.unfilled) return { state: "failed", reason: "unfilled_marker" };
    if (text?.missing !== null) return { channel };
    // The same value composeVariables made (letter-shapes checks it), as insertLetter stores it.
    const variables = JSON.parse(text.variablesJson) as LetterVariablesInput;
    const made = { subject: text.subject, body: text.body, variables };
    if (checklistDue) {
      const result = runChecklist({
        kind: template.meta.kind,
        lang: template.meta.lang,
        subject: made.subject,
        body: made.body,
        variables: LetterVariables.parse(variables),
      });
      if (!result.ok) {
        const bad = result.checks.find((c) => c.status === "fail");
        return { state: "failed", reason: `checklist:${bad?.id ?? "unknown"}` as ReasonCode };
      }
      this.checked.add(checkKey);
    }
    return { channel, address, template, made, reference, chosen, recipient, d };
  }

  /** Composes one cell's letter (not yet stored: storeBatch stores it) or says why not. */
  private compose(item: ItemRow, now: Date): LetterOp | { state: "skipped" | "failed"; reason: ReasonCode } {
    const checked = this.check(item, now);
    if ("reason" in checked) return checked;
    const { channel, address, template, made, reference, chosen, recipient, d } = checked;
    const id = newId();
    const ws = this.scope.workspaceId;
    const state = channel === "email" ? ("queued" as const) : ("generated" as const);
    const meta = template.meta;
    const audits: AuditEntry[] = [
      {
        action: "letter.create",
        actorUserId: this.scope.userId,
        workspaceId: ws,
        targetType: "letter",
        targetId: id,
        detail: { kind: meta.kind, lang: meta.lang, channel, exposures: chosen.length, bulkJob: this.jobId },
      },
    ];
    if (state === "queued")
      audits.push({
        action: "letter.queue",
        actorUserId: this.scope.userId,
        workspaceId: ws,
        targetType: "letter",
        targetId: id,
      });
    return {
      seq: item.seq,
      state,
      letter: {
        id,
        workspaceId: ws,
        caseId: item.case_id,
        recipientId: recipient.id,
        template: meta,
        channel,
        address,
        regime: d.option.regime,
        reference,
        status: state === "queued" ? "queued" : "draft",
        subject: made.subject,
        body: made.body,
        variables: made.variables,
        exposureIds: chosen.map((e) => e.id),
        createdBy: this.scope.userId,
        now,
        createdAt: now,
      },
      exposures: chosen.map((e) => [e.id, e.updatedAt.getTime()]),
      audits,
    };
  }

  /** Items storeBatch sent back are composed again (from fresh reads), a few times at most. */
  requeue(stale: number[]) {
    this.retries.push(...stale);
  }

  /**
   * Composes the next batch: items until the time budget is spent, each as a letter to store or the reason it
   * gets none. Null when no item is left. Each case's exposures and letters are read afresh for every batch;
   * storeBatch checks them again under the write lock before storing.
   */
  composeBatch(budgetMs = DEFAULT_CHUNK_MS): Batch | null {
    const s = stmts();
    const started = performance.now();
    this.cases.clear();
    const now = new Date();
    const t = now.getTime();
    const ops: (LetterOp | ItemOp)[] = [];
    const add = (item: ItemRow) => {
      let op: LetterOp | ItemOp;
      try {
        const outcome = this.compose(item, now);
        op = "letter" in outcome ? outcome : { seq: item.seq, state: outcome.state, reason: outcome.reason };
      } catch (e) {
        // The error's name only: a message may quote a value of the letter.
        console.error(`[bulk-letters] item ${item.seq} of ${this.jobId}: ${(e as Error).name}`);
        op = { seq: item.seq, state: "failed", reason: "error" };
      }
      ops.push(op);
    };
    const spent = () => performance.now() - started >= budgetMs;
    while (this.retries.length && !spent()) {
      const seq = this.retries.shift()!;
      const tries = (this.tries.get(seq) ?? 0) + 1;
      this.tries.set(seq, tries);
      if (tries > MAX_TRIES) {
        ops.push({ seq, state: "failed", reason: "changed_during_run" });
        continue;
      }
      const item = s.item.get(this.jobId, seq) as ItemRow | undefined;
      if (item) add(item);
    }
    while (!spent()) {
      const items = s.pending.all(this.jobId, this.lastSeq, 64) as ItemRow[];
      if (!items.length) break;
      for (const item of items) {
        this.lastSeq = item.seq;
        add(item);
        if (spent()) break;
      }
    }
    if (!ops.length && !this.readAudits.length) return null;
    const audits = this.readAudits;
    this.readAudits = [];
    return { t, ops, audits };
  }

  /**
   * Ends the job once no item is pending: done, with its audit row. "again" if an item is still pending (one
   * storeBatch sent back after this run passed it): the run goes on from the start. A job cancelled or failed
   * meanwhile keeps that state.
   */
  finish(): "done" | "cancelled" | "failed" | "again" {
    const s = stmts();
    const sqlite = getDb().$client;
    return sqlite
      .transaction(() => {
        if ((s.leftover.get(this.jobId) as { n: number }).n > 0) {
          this.lastSeq = -1;
          return "again" as const;
        }
        const t = Date.now();
        if (s.finish.run("done", null, t, t, this.jobId).changes !== 1) {
          const job = s.state.get(this.jobId) as { state: BulkJobState } | undefined;
          return job?.state === "failed" ? "failed" : "cancelled";
        }
        audit({
          action: "bulk.finish",
          actorUserId: this.scope.userId,
          workspaceId: this.scope.workspaceId,
          targetType: "bulk_job",
          targetId: this.jobId,
        });
        return "done" as const;
      })
      .immediate();
  }
}
/** Takes a job for this process: queued, or running under a process that is gone. */
function claim(jobId: string, now = Date.now()): boolean {
  const cutoff = Math.max(bootedAt, now - STALE_RUNNING_MS);
  const res = getDb()
    .$client.prepare(
      `UPDATE bulk_jobs SET state = 'running', started_at = coalesce(started_at, ?), heartbeat_at = ?, updated_at = ?
       WHERE id = ? AND (state = 'queued' OR (state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)))`,
    )
    .run(now, now, now, jobId, cutoff);
  return res.changes === 1;
}

/** Hands a job back (a worker stopping between chunks): the next worker resumes it. */
function release(jobId: string) {
  getDb()
    .$client.prepare(
      "UPDATE bulk_jobs SET state = 'queued', heartbeat_at = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
    )
    .run(Date.now(), jobId);
}

function fail(jobId: string, error: string) {
  const t = Date.now();
  stmts().finish.run("failed", error, t, t, jobId);
}

/** The run context of a claimed job, or null when it cannot run (its member left or lost write access). */
function runFor(jobId: string): BulkRun | null {
  const job = getDb().select().from(bulkJobs).where(eq(bulkJobs.id, jobId)).get();
  if (!job) return null;
  if (!job.createdBy) {
    fail(jobId, "member_gone");
    return null;
  }
  const member = getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, job.workspaceId), eq(memberships.userId, job.createdBy)))
    .get();
  if (!member || !can(member, "case:write")) {
    fail(jobId, "member_gone");
    return null;
  }
  return new BulkRun({ ...job, createdBy: job.createdBy, role: member.role });
}

/** A letter's rows could not be stored in a batch written without savepoints: the batch is redone with them. */
class StoreFailed extends Error {}

/**
 * What a letter was composed from still holds under the write lock: "ok", "already_requested", or "stale" (an
 * exposure changed, or another letter took its reference meanwhile: the reference is written into its text).
 */
function verdict(s: Statements, op: LetterOp): "ok" | "already_requested" | "stale" {
  const l = op.letter;
  if (s.lettered.get(l.caseId, l.recipientId)) return "already_requested";
  if (s.reference.get(l.reference)) return "stale";
  for (const [id, updatedAt] of op.exposures) {
    const row = s.exposureVersion.get(id, l.caseId, l.workspaceId) as { updated_at: number } | undefined;
    if (row?.updated_at !== updatedAt) return "stale";
  }
  return "ok";
}

/** Letters' own rows: the letters through the store's one write path, and the outbox rows of those emailed. */
function storeLetters(
  tx: Parameters<typeof insertLetter>[0],
  ops: LetterOp[],
  mailDomain: string | undefined,
) {
  insertLetter(
    tx,
    ops.map((op) => op.letter),
  );
  const emailed = ops.filter((op) => op.state === "queued");
  if (emailed.length)
    enqueueLetter(tx, {
      workspaceId: emailed[0]!.letter.workspaceId,
      letterId: emailed.map((op) => op.letter.id),
      now: emailed[0]!.letter.now,
      domain: mailDomain,
    });
}

/**
 * Stores one batch in one IMMEDIATE transaction on the app's connection. A letter is stored only if its item
 * is still pending and what it was composed from still holds (verdict); a letter that fails that is sent back
 * ("stale") to be composed again. Everything a letter needs (its rows, its item's new state, its audit rows)
 * and the job's counters and heartbeat commit together. The batch's letters are written together; `careful`
 * writes each in a savepoint instead, so a letter whose rows cannot be stored leaves nothing behind and fails
 * alone. Without it the first such letter rolls the batch back (StoreFailed) and the caller redoes it
 * carefully (decision 040).
 */
function storeBatch(run: BulkRun, batch: Batch, careful: boolean): BatchResult {
  const s = stmts();
  const jobId = run.jobId;
  return getDb().transaction(
    (tx) => {
      const job = s.state.get(jobId) as { state: BulkJobState } | undefined;
      if (job?.state !== "running") return { result: job?.state === "failed" ? "failed" : "cancelled" };
      const counts: Counts = { queued: 0, generated: 0, skipped: 0, failed: 0 };
      const stale: number[] = [];
      const t = batch.t;
      const accepted: LetterOp[] = [];
      for (const op of batch.ops) {
        const item = s.itemState.get(jobId, op.seq) as { state: ItemState } | undefined;
        if (item?.state !== "pending") continue; // written already (a run before this one)
        if (!op.letter) {
          s.setItem.run(op.state, op.reason, null, t, jobId, op.seq);
          counts[op.state] += 1;
          continue;
        }
        const v = verdict(s, op);
        if (v === "stale") stale.push(op.seq);
        else if (v === "already_requested") {
          s.setItem.run("skipped", "already_requested", null, t, jobId, op.seq);
          counts.skipped += 1;
        } else accepted.push(op);
      }
      let stored = accepted;
      if (!careful) {
        try {
          storeLetters(tx, accepted, run.mailDomain);
        } catch {
          throw new StoreFailed();
        }
      } else {
        stored = accepted.filter((op) => {
          try {
            tx.transaction((sp) => storeLetters(sp, [op], run.mailDomain));
            return true;
          } catch (e) {
            console.error(`[bulk-letters] item ${op.seq} of ${jobId}: ${(e as Error).name}`);
            s.setItem.run("failed", "error", null, t, jobId, op.seq);
            counts.failed += 1;
            return false;
          }
        });
      }
      for (const op of stored) {
        s.setItem.run(op.state, null, op.letter.id, t, jobId, op.seq);
        counts[op.state] += 1;
      }
      audit([...stored.flatMap((op) => op.audits), ...batch.audits]);
      s.counters.run(counts.queued, counts.generated, counts.skipped, counts.failed, t, t, jobId);
      return { result: "more", stale, counts };
    },
    { behavior: "immediate" },
  );
}

/** Stores a composed batch (runBulkJob; tests call it between composing and storing). */
export function storeBulkBatch(run: BulkRun, batch: Batch): BatchResult {
  try {
    return storeBatch(run, batch, false);
  } catch (e) {
    if (!(e instanceof StoreFailed)) throw e;
    return storeBatch(run, batch, true);
  }
}

const inProcess = new Set<string>();
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export type RunOptions = {
  budgetMs?: number;
  /** Stop (and hand the job back) after this many chunks: tests simulate a worker that stops. */
  maxChunks?: number;
  /** Checked between chunks; true = stop and hand the job back. */
  shouldStop?: () => boolean;
  /** Called after every committed chunk (progress output for the CLI and the crash test). */
  onChunk?: (n: number) => void;
};

/**
 * Runs a job to its end, batch by batch: composes and renders a batch (outside the write lock, for about
 * `budgetMs`), stores it in one transaction, and yields to the event loop before the next, so pages are
 * served between batches.
 */
export async function runBulkJob(
  jobId: string,
  opts: RunOptions = {},
): Promise<"done" | "cancelled" | "failed" | "stopped" | "busy"> {
  if (inProcess.has(jobId) || !claim(jobId)) return "busy";
  inProcess.add(jobId);
  try {
    const run = runFor(jobId);
    if (!run) return "failed";
    let chunks = 0;
    for (;;) {
      const batch = run.composeBatch(opts.budgetMs);
      if (!batch) {
        const end = run.finish();
        if (end !== "again") return end;
        continue;
      }
      // Back to the event loop between composing and storing too: each half holds the thread for about a
      // chunk's budget, and storeBatch checks again under the lock what the batch was composed from.
      await yieldToLoop();
      const stored = storeBulkBatch(run, batch);
      chunks += 1;
      opts.onChunk?.(chunks);
      if (stored.result !== "more") return stored.result;
      run.requeue(stored.stale);
      await yieldToLoop();
      if ((opts.maxChunks && chunks >= opts.maxChunks) || opts.shouldStop?.()) {
        release(jobId);
        return "stopped";
      }
    }
  } catch (e) {
    console.error(`[bulk-letters] job ${jobId}: ${(e as Error).name}`);
    release(jobId);
    return "stopped";
  } finally {
    inProcess.delete(jobId);
  }
}

/** Jobs waiting for a worker (or left running by a process that died). */
export function runnableJobIds(): string[] {
  return getDb()
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(inArray(bulkJobs.state, ["queued", "running"]))
    .orderBy(bulkJobs.createdAt)
    .all()
    .map((r) => r.id);
}

/** The job queue of bulk runs: one job per bulk job (its id is the key), queued with it by startBulkLetters. */
export const BULK_QUEUE = "bulk-letters";

/** Wakes this process's job runner at once (after a start) instead of at its next poll. */
export function kickBulkWorker() {
  wakeJobs();
}

/**
 * The runner's job of one bulk run: runs it to its end, handing it back between chunks when the runner stops
 * (the next runner resumes it). "busy": the run is held by a process whose heartbeat is still fresh.
 */
export const bulkLettersJob: JobHandler = {
  queue: BULK_QUEUE,
  async run({ payload, stopping }) {
    const result = await runBulkJob(String(payload.bulkJobId), { shouldStop: stopping });
    if (result === "busy") return { again: true, runAt: new Date(Date.now() + STALE_RUNNING_MS) };
    // Stopped by the runner: at once, for the next one; stopped by an error: a little later.
    if (result === "stopped") return { again: true, runAt: new Date(Date.now() + (stopping() ? 0 : 10_000)) };
  },
  // Bulk jobs queued before the runner existed, or whose runner job was lost.
  adopt(db) {
    for (const id of runnableJobIds())
      enqueue(db, { queue: BULK_QUEUE, key: id, payload: { bulkJobId: id } });
  },
};

/** Items of a job (ids and codes only), in order: for tests and the CLI. */
export function jobItems(jobId: string) {
  return getDb()
    .select()
    .from(bulkJobItems)
    .where(eq(bulkJobItems.jobId, jobId))
    .orderBy(bulkJobItems.seq)
    .all();
}
