// Re-checks: fetch an exposure's URL on the server, see whether the person's identifiers are still on the
// page, keep the result (status code, kinds found, SHA-256 of the body) and move the exposure to removed,
// reappeared or unreachable. "Check now" on the exposure page and a scheduled job both come through here.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { cases, exposureChecks, exposures, letterExposures, subjects } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getUserProfile } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import type { ExposureStatus } from "~/exposures/categories";
import { setExposureStatus } from "~/exposures/status.server";
import type { JobHandler } from "~/jobs/runner.server";
import { translatorForUser } from "~/mail/mail-language.server";
import { sendSystemMail } from "~/mail/mailer.server";
import { sealFor } from "~/security/encrypted-type.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { type FetchOptions, guardedFetch } from "./fetch.server";
import { findIdentifiers, hasAnyIdentifier, type Identifiers } from "./identifiers";
import { type CheckOutcome, decideOutcome, nextExposureStatus } from "./outcome";

const sealFinalUrl = sealFor("exposure_checks", "final_url_enc");

export type CheckResult = {
  id: string;
  outcome: CheckOutcome;
  statusCode: number | null;
  foundKinds: string[];
  sha256: string | null;
  error: string | null;
  exposureStatus: ExposureStatus;
};

/** The subject's identifiers for one case, decrypted for matching only; the read is logged. */
function identifiersForCase(workspaceId: string, caseId: string, actorUserId: string | null): Identifiers {
  const row = getDb()
    .select({ s: subjects })
    .from(cases)
    .innerJoin(subjects, eq(subjects.id, cases.subjectId))
    .where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)))
    .get();
  if (!row) return { names: [], emails: [], phones: [], usernames: [], addresses: [] };
  const s = row.s;
  audit({
    action: "subject.read",
    actorUserId,
    workspaceId,
    targetType: "subject",
    targetId: s.id,
    detail: { fields: "identifiers", purpose: "recheck" },
  });
  return {
    names: [s.nameEnc.open(s.id), ...s.aliasesEnc.openJson<string[]>(s.id)],
    emails: s.emailsEnc.openJson<string[]>(s.id),
    phones: s.phonesEnc.openJson<string[]>(s.id),
    usernames: s.usernamesEnc.openJson<string[]>(s.id),
    addresses: s.addressesEnc.openJson<string[]>(s.id),
  };
}

function foundOnAnEarlierCheck(exposureId: string) {
  return getDb()
    .select({ kinds: exposureChecks.foundKinds })
    .from(exposureChecks)
    .where(eq(exposureChecks.exposureId, exposureId))
    .all()
    .some((r) => r.kinds.length > 0);
}

function hasRequest(exposureId: string) {
  return Boolean(
    getDb()
      .select({ id: letterExposures.letterId })
      .from(letterExposures)
      .where(eq(letterExposures.exposureId, exposureId))
      .get(),
  );
}

type Run = {
  workspaceId: string;
  exposureId: string;
  actorUserId: string | null;
  trigger: "manual" | "scheduled";
  fetch?: FetchOptions;
  now?: Date;
};

/** Checks one exposure (no permission check: callers do that) and records the result. */
export async function runCheck(r: Run): Promise<CheckResult> {
  const db = getDb();
  const row = db
    .select()
    .from(exposures)
    .where(and(eq(exposures.id, r.exposureId), eq(exposures.workspaceId, r.workspaceId)))
    .get();
  if (!row) notFound("This exposure");
  const url = row.urlEnc.open(row.id);
  const res = await guardedFetch(url, r.fetch);
  let foundKinds: string[] = [];
  let identifiersKnown = false;
  if (res.ok) {
    const ids = identifiersForCase(r.workspaceId, row.caseId, r.actorUserId);
    identifiersKnown = hasAnyIdentifier(ids);
    foundKinds = findIdentifiers(res.body.toString("utf8"), ids);
  }
  const outcome = decideOutcome(
    res.ok ? { fetched: true, status: res.status, foundKinds, identifiersKnown } : { fetched: false },
    row.status,
    foundOnAnEarlierCheck(row.id),
  );
  const next = nextExposureStatus(outcome, row.status, hasRequest(row.id));
  const id = newId();
  const now = r.now ?? new Date();
  db.transaction((tx) => {
    tx.insert(exposureChecks)
      .values({
        id,
        workspaceId: r.workspaceId,
        exposureId: row.id,
        checkedAt: now,
        trigger: r.trigger,
        outcome,
        statusCode: res.ok ? res.status : null,
        foundKinds,
        sha256: res.ok ? res.sha256 : null,
        bytes: res.ok ? res.body.length : null,
        finalUrlEnc: res.finalUrl !== url ? sealFinalUrl(id, res.finalUrl) : null,
        error: res.ok ? (res.truncated ? "truncated" : null) : res.error,
        actorUserId: r.actorUserId,
      })
      .run();
    if (next)
      setExposureStatus(tx, { workspaceId: r.workspaceId, exposureIds: [row.id] }, next, {
        source: "recheck",
        actorUserId: r.actorUserId,
        now,
        checkId: id,
      });
  });
  audit({
    action: "exposure.recheck",
    actorUserId: r.actorUserId,
    workspaceId: r.workspaceId,
    targetType: "exposure",
    targetId: row.id,
    detail: { outcome, trigger: r.trigger, ...(next ? { status: next } : {}) },
  });
  if (outcome === "reappeared" && row.status !== "reappeared") await tellReappeared(row);
  return {
    id,
    outcome,
    statusCode: res.ok ? res.status : null,
    foundKinds,
    sha256: res.ok ? res.sha256 : null,
    error: res.ok ? null : res.error,
    exposureStatus: next ?? row.status,
  };
}

/** Mail to whoever recorded the exposure: no personal details in it, only a link. */
async function tellReappeared(row: typeof exposures.$inferSelect) {
  if (!row.createdBy) return;
  const user = getUserProfile(row.createdBy);
  if (!user) return;
  const link = `${getEnv().baseUrl}/cases/${row.caseId}/exposures/${row.id}`;
  // A job: the recipient's own page language (decision 149).
  const { t } = translatorForUser(row.createdBy);
  await sendSystemMail({
    to: user.email,
    subject: t("mail.reappeared.subject"),
    text: `${t("mail.reappeared.body")}\n\n${t("mail.reappeared.link", { link })}\n`,
  }).catch(() => undefined);
}

/** "Check now" from the exposure page. */
export async function recheckExposure(
  scope: Scope,
  caseId: string,
  exposureId: string,
  fetch?: FetchOptions,
) {
  requirePermission(scope, "case:write");
  const row = getDb()
    .select({ id: exposures.id })
    .from(exposures)
    .where(inScope(exposures, scope, and(eq(exposures.id, exposureId), eq(exposures.caseId, caseId))))
    .get();
  if (!row) notFound("This exposure");
  return runCheck({
    workspaceId: scope.workspaceId,
    exposureId,
    actorUserId: scope.userId,
    trigger: "manual",
    fetch,
  });
}

export type CheckRow = {
  id: string;
  checkedAt: Date;
  trigger: "manual" | "scheduled";
  outcome: CheckOutcome;
  statusCode: number | null;
  foundKinds: string[];
  sha256: string | null;
  bytes: number | null;
  finalUrl: string | null;
  error: string | null;
};

/** An exposure's checks, newest first. */
export function listChecks(scope: Scope, exposureId: string, limit = 20): CheckRow[] {
  return getDb()
    .select()
    .from(exposureChecks)
    .where(inScope(exposureChecks, scope, eq(exposureChecks.exposureId, exposureId)))
    .orderBy(desc(exposureChecks.checkedAt))
    .limit(limit)
    .all()
    .map((c) => ({
      id: c.id,
      checkedAt: c.checkedAt,
      trigger: c.trigger,
      outcome: c.outcome,
      statusCode: c.statusCode,
      foundKinds: c.foundKinds,
      sha256: c.sha256,
      bytes: c.bytes,
      finalUrl: c.finalUrlEnc ? c.finalUrlEnc.open(c.id) : null,
      error: c.error,
    }));
}

/**
 * One scheduled pass: exposures not checked for `intervalHours` (oldest first, at most `limit`), across all
 * workspaces. Content already confirmed removed keeps being checked: that is how reappearance is noticed.
 */
export async function runScheduledRechecks({
  now = new Date(),
  intervalHours = getEnv().RETRACT_RECHECK_HOURS,
  limit = 50,
  fetch,
}: {
  now?: Date;
  intervalHours?: number;
  limit?: number;
  fetch?: FetchOptions;
} = {}) {
  const cutoff = new Date(now.getTime() - intervalHours * 3_600_000);
  const last = getDb()
    .select({
      exposureId: exposureChecks.exposureId,
      at: sql<number>`max(${exposureChecks.checkedAt})`.as("at"),
    })
    .from(exposureChecks)
    .groupBy(exposureChecks.exposureId)
    .as("last");
  const due = getDb()
    .select({ id: exposures.id, workspaceId: exposures.workspaceId })
    .from(exposures)
    .leftJoin(last, eq(last.exposureId, exposures.id))
    .where(
      and(
        inArray(exposures.status, [
          "active",
          "requested",
          "said_removed",
          "removed",
          "reappeared",
          "unreachable",
        ]),
        or(isNull(last.at), lt(last.at, cutoff.getTime())),
      ),
    )
    .orderBy(asc(sql`coalesce(${last.at}, 0)`))
    .limit(limit)
    .all();
  const results: CheckResult[] = [];
  for (const e of due) {
    results.push(
      await runCheck({
        workspaceId: e.workspaceId,
        exposureId: e.id,
        actorUserId: null,
        trigger: "scheduled",
        fetch,
        now,
      }),
    );
  }
  return results;
}

/** A recurring job of the runner: hourly (or every RETRACT_RECHECK_HOURS when shorter); off at 0. */
export const recheckJob: JobHandler = {
  queue: "rechecks",
  everyMs: () => {
    const hours = getEnv().RETRACT_RECHECK_HOURS;
    return hours === 0 ? null : Math.min(hours, 1) * 3_600_000;
  },
  async run() {
    try {
      await runScheduledRechecks();
    } catch (e) {
      console.error(`[rechecks] ${(e as Error).message}`);
    }
  },
};
