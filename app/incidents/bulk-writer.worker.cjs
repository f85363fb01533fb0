// The storing half of a bulk letters run (issue 6, decision 046), in a worker thread with its own connection.
// The app's thread composes and renders a batch of letters from what it read; this thread encrypts them (with
// the data key the batch carries, before taking the lock) and stores the batch in one IMMEDIATE transaction
// while the app's thread composes the next. A letter is stored only if
// what it was composed from still holds under the write lock: its item is still pending, the case has no letter
// to that recipient yet, and every exposure it names is unchanged (same updated_at). A letter that fails those
// checks is sent back ("stale") to be composed again from fresh reads. Everything a letter needs (its rows,
// its item's new state, its audit rows) and the job's counters and heartbeat commit together, as before.
//
// Plain CommonJS started by path (app/incidents/bulk-writer.server.ts): the Remix build bundles app code into
// one file, and this thread needs only the SQLite driver, no app code.
const { createCipheriv, randomFillSync } = require("node:crypto");
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
db.pragma(`wal_autocheckpoint = ${workerData.autocheckpointPages}`);

const s = {
  job: db.prepare("SELECT state FROM bulk_jobs WHERE id = ?"),
  itemState: db.prepare("SELECT state FROM bulk_job_items WHERE job_id = ? AND seq = ?"),
  reference: db.prepare("SELECT 1 FROM letters WHERE reference = ?"),
  lettered: db.prepare("SELECT 1 FROM letters WHERE case_id = ? AND recipient_id = ? LIMIT 1"),
  exposure: db.prepare("SELECT updated_at FROM exposures WHERE id = ? AND case_id = ? AND workspace_id = ?"),
  letter: db.prepare(
    `INSERT INTO letters (id, workspace_id, case_id, recipient_id, kind, channel, address_enc, template_id,
      template_lang, template_version, workspace_template_version_id, regime, deadline_rule, reference, status,
      subject_enc, body_enc, template_body_enc, variables_enc, attachment_ids, paper, frozen_at, created_by,
      created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 'A4', ?, ?, ?, ?)`,
  ),
  letterExposure: db.prepare(
    "INSERT INTO letter_exposures (letter_id, exposure_id, workspace_id) VALUES (?, ?, ?)",
  ),
  outbox: db.prepare(
    "INSERT INTO outbox (id, workspace_id, letter_id, state, attempts, next_attempt_at, message_id, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?)",
  ),
  // The same row app/jobs/queue.server.ts enqueue writes for a letter's send job (one per letter by its key).
  sendJob: db.prepare(
    "INSERT INTO jobs (id, queue, key, payload, state, run_at, attempts, max_attempts, updated_at) VALUES (?, 'letter.send', ?, ?, 'pending', ?, 0, 5, ?) ON CONFLICT DO NOTHING",
  ),
  item: db.prepare(
    "UPDATE bulk_job_items SET state = ?, reason = ?, letter_id = ?, updated_at = ? WHERE job_id = ? AND seq = ? AND state = 'pending'",
  ),
  counters: db.prepare(
    "UPDATE bulk_jobs SET queued = queued + ?, generated = generated + ?, skipped = skipped + ?, failed = failed + ?, heartbeat_at = ?, updated_at = ? WHERE id = ?",
  ),
  // The same row app/audit/audit.server.ts writes.
  audit: db.prepare(
    "INSERT INTO audit_events (action, actor_user_id, workspace_id, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
  ),
};

// app/security/crypto.server.ts's format, `v1.<keyId>.<base64url(iv | tag | ciphertext)>`: AES-256-GCM with a
// fresh 96-bit IV from a CSPRNG pool (as app/utils/random.server.ts) and the column's context as associated
// data. The bulk tests read every letter back through the app's decrypt.
const IV_POOL = Buffer.alloc(4092);
let ivAt = IV_POOL.length;
function seal(key, plain, context) {
  if (ivAt + 12 > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivAt = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivAt, ivAt + 12));
  ivAt += 12;
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

// Where each sealed value goes in the letters INSERT (the `letter` array of app/incidents/bulk-writer.server.ts).
const SEALED_AT = { address: 6, subject: 14, body: 15, variables: 17 };

/** Fills in a letter's encrypted columns (outside the write lock). */
function sealLetter(op, key) {
  for (const [field, at] of Object.entries(SEALED_AT)) {
    if (op.letter[at] !== null) throw new Error(`letter value ${at} is not a sealed slot`);
    op.letter[at] = seal(key, op.sealed[field], `letter:${op.letterId}:${field}`);
  }
}

/** A letter's rows could not be stored in a batch written without savepoints: the batch is redone with them. */
class StoreFailed extends Error {}

function writeAudits(entries) {
  for (const e of entries)
    s.audit.run(
      e.action,
      e.actorUserId ?? null,
      e.workspaceId ?? null,
      e.targetType ?? null,
      e.targetId ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
    );
}

/**
 * What the letter was composed from still holds: "ok", "already_requested" or "stale" (an exposure changed,
 * or another letter took its reference meanwhile: the reference is written into its text).
 */
function check(op, workspaceId) {
  if (s.lettered.get(op.caseId, op.recipientId)) return "already_requested";
  if (s.reference.get(op.reference)) return "stale";
  for (const [id, updatedAt] of op.exposures) {
    const row = s.exposure.get(id, op.caseId, workspaceId);
    if (!row || row.updated_at !== updatedAt) return "stale";
  }
  return "ok";
}

function storeLetter(op, workspaceId) {
  s.letter.run(...op.letter);
  for (const [id] of op.exposures) s.letterExposure.run(op.letterId, id, workspaceId);
  if (op.outbox) {
    s.outbox.run(op.outbox.id, workspaceId, op.letterId, op.t, op.outbox.messageId, op.t, op.t);
    s.sendJob.run(op.outbox.jobId, op.letterId, JSON.stringify({ letterId: op.letterId }), op.t, op.t);
  }
}

/**
 * One batch in one IMMEDIATE transaction. `careful`: a savepoint per letter, so a letter whose rows cannot be
 * stored leaves nothing behind and fails alone; otherwise the first such letter rolls the batch back
 * (StoreFailed) and it is redone carefully (a savepoint costs about as much as a letter's inserts).
 */
function writeBatch(batch, careful) {
  return db
    .transaction(() => {
      const job = s.job.get(batch.jobId);
      if (job?.state !== "running") return { result: job?.state === "failed" ? "failed" : "cancelled" };
      const counts = { queued: 0, generated: 0, skipped: 0, failed: 0 };
      const stale = [];
      let errors = 0;
      for (const op of batch.ops) {
        const item = s.itemState.get(batch.jobId, op.seq);
        if (item?.state !== "pending") continue; // written already (a run before this one)
        if (!op.letter) {
          s.item.run(op.state, op.reason, null, op.t, batch.jobId, op.seq);
          counts[op.state] += 1;
          continue;
        }
        const verdict = check(op, batch.workspaceId);
        if (verdict === "stale") {
          stale.push(op.seq);
          continue;
        }
        if (verdict === "already_requested") {
          s.item.run("skipped", "already_requested", null, op.t, batch.jobId, op.seq);
          counts.skipped += 1;
          continue;
        }
        try {
          if (careful) db.transaction(() => storeLetter(op, batch.workspaceId))();
          else storeLetter(op, batch.workspaceId);
        } catch {
          if (!careful) throw new StoreFailed();
          errors += 1;
          s.item.run("failed", "error", null, op.t, batch.jobId, op.seq);
          counts.failed += 1;
          continue;
        }
        s.item.run(op.state, null, op.letterId, op.t, batch.jobId, op.seq);
        writeAudits(op.audits);
        counts[op.state] += 1;
      }
      writeAudits(batch.audits);
      s.counters.run(
        counts.queued,
        counts.generated,
        counts.skipped,
        counts.failed,
        batch.t,
        batch.t,
        batch.jobId,
      );
      return { result: "more", stale, counts, errors };
    })
    .immediate();
}

parentPort.on("message", (m) => {
  if (m.type === "stop") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const key = { id: m.batch.key.id, bytes: Buffer.from(m.batch.key.bytes) };
    for (const op of m.batch.ops) if (op.letter) sealLetter(op, key);
    let out;
    try {
      out = writeBatch(m.batch, false);
    } catch (e) {
      if (!(e instanceof StoreFailed)) throw e;
      out = writeBatch(m.batch, true);
    }
    parentPort.postMessage({ id: m.id, ...out });
  } catch (e) {
    // The error's name and SQLite code only: a message may quote a value.
    parentPort.postMessage({ id: m.id, error: `${e.name}${e.code ? ` ${e.code}` : ""}` });
  }
});
