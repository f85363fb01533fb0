// Putting a letter in the outbox: called inside the transaction that freezes the letter, so the letter and its
// outbox row exist together or not at all. The Message-ID is made here, before any attempt, so every retry of
// the same letter carries the same one. Its send job (app/jobs) is queued in the same transaction, one per letter.

import { outbox } from "#db/schema";
import { type getDb, insertEach } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { wakeJobs } from "~/jobs/wake.server";
import { newId } from "~/utils/ids.server";
import { randomBytes } from "~/utils/random.server";

/** The job queue of letter sends (app/requests/send/outbox.server.ts sendLetterJob). */
export const SEND_QUEUE = "letter.send";

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** `<random@domain-of-the-From-address>`; the domain only names where it was made. */
export function makeMessageId(domain = "retract.invalid") {
  return `<${randomBytes(12).toString("hex")}.${Date.now().toString(36)}@${domain}>`;
}

export function enqueueLetter(
  tx: Tx,
  a: { workspaceId: string; letterId: string | string[]; now: Date; domain?: string },
) {
  const ids = Array.isArray(a.letterId) ? a.letterId : [a.letterId];
  if (!ids.length) return;
  insertEach(
    tx,
    outbox,
    ids.map((letterId) => ({
      id: newId(),
      workspaceId: a.workspaceId,
      letterId,
      state: "pending" as const,
      attempts: 0,
      nextAttemptAt: a.now,
      messageId: makeMessageId(a.domain),
      updatedAt: a.now,
    })),
  );
  enqueue(
    tx,
    ids.map((letterId) => ({
      queue: SEND_QUEUE,
      key: letterId,
      payload: { letterId },
      runAt: a.now,
      now: a.now,
    })),
  );
  // The runner of this process looks at once, after this synchronous transaction has committed.
  wakeJobs();
}
