// Every read of a client's personal data is logged: for the main pages (client, case, leaked page, letter) each value decrypted while the page loads — subject, case, exposure, evidence or letter fields — must
// be covered by an audit event written in the same request about that record or the record it belongs to.
import { eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, cases, evidence, exposures, letters } from "#db/schema";
import { getDb } from "~/db.server";
import * as caseRoute from "~/routes/cases.$caseId._index";
import * as exposureRoute from "~/routes/cases.$caseId.exposures.$exposureId";
import * as letterRoute from "~/routes/cases.$caseId.requests.$letterId";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import { seedCaseData } from "./case-data";
import { sentLetter } from "./factories";
import { call, get, newAccount, status } from "./helpers";

const decrypted: string[] = [];
vi.mock("~/security/crypto.server", async (importOriginal) => {
  const m = await importOriginal<typeof import("~/security/crypto.server")>();
  return {
    ...m,
    decrypt: (value: string, context: string, ...rest: unknown[]) => {
      decrypted.push(context);
      return (m.decrypt as (...a: unknown[]) => string)(value, context, ...rest);
    },
    decryptJson: (value: string, context: string, ...rest: unknown[]) => {
      decrypted.push(context);
      return (m.decryptJson as (...a: unknown[]) => unknown)(value, context, ...rest);
    },
  };
});

const PERSONAL = new Set(["subject", "case", "exposure", "evidence", "letter"]);

/** The record itself and the records it belongs to (exposure → case → subject …). */
function lineage(type: string, id: string): string[] {
  const db = getDb();
  if (type === "subject") return [id];
  if (type === "case") {
    const c = db.select({ s: cases.subjectId }).from(cases).where(eq(cases.id, id)).get();
    return [id, ...(c ? [c.s] : [])];
  }
  if (type === "exposure") {
    const e = db.select({ c: exposures.caseId }).from(exposures).where(eq(exposures.id, id)).get();
    return [id, ...(e ? lineage("case", e.c) : [])];
  }
  if (type === "letter") {
    const l = db.select({ c: letters.caseId }).from(letters).where(eq(letters.id, id)).get();
    return [id, ...(l ? lineage("case", l.c) : [])];
  }
  if (type === "evidence") {
    const v = db.select({ e: evidence.exposureId }).from(evidence).where(eq(evidence.id, id)).get();
    return [id, ...(v ? lineage("exposure", v.e) : [])];
  }
  return [id];
}

async function load(
  loader: (args: never) => unknown,
  path: string,
  params: Record<string, string>,
  cookie: string,
) {
  const lastId =
    getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).all().at(-1)?.id ?? 0;
  decrypted.length = 0;
  const r = await call(loader as never, get(path, cookie), params);
  expect(status(r), path).toBe(200);
  const events = getDb().select().from(auditEvents).where(gt(auditEvents.id, lastId)).all();
  const covered = new Set(
    events.filter((e) => e.action.endsWith(".read") || e.action.endsWith("download")).map((e) => e.targetId),
  );
  const personal = [...new Set(decrypted)].map((c) => c.split(":")).filter(([type]) => PERSONAL.has(type!));
  const uncovered = personal.filter(([type, id]) => !lineage(type!, id!).some((x) => covered.has(x)));
  return { personal, uncovered, events };
}

let owner: Awaited<ReturnType<typeof newAccount>>;
let ids: { subjectId: string; caseId: string }[];
let exposureId: string;
let letterId: string;

beforeAll(async () => {
  owner = await newAccount("Reader");
  ids = await seedCaseData(owner.scope, { subjects: 1, exposuresPer: 2, evidencePer: 1, tag: "read" });
  exposureId = getDb()
    .select({ id: exposures.id })
    .from(exposures)
    .where(eq(exposures.caseId, ids[0]!.caseId))
    .get()!.id;
  letterId = sentLetter(owner.scope, ids[0]!.caseId).id;
});

describe("reads of a client's personal data are logged", () => {
  it.each([
    [
      "client page",
      () => [subjectRoute.loader, `/subjects/${ids[0]!.subjectId}`, { subjectId: ids[0]!.subjectId }],
    ],
    ["case page", () => [caseRoute.loader, `/cases/${ids[0]!.caseId}`, { caseId: ids[0]!.caseId }]],
    [
      "leaked page",
      () => [
        exposureRoute.loader,
        `/cases/${ids[0]!.caseId}/exposures/${exposureId}`,
        { caseId: ids[0]!.caseId, exposureId },
      ],
    ],
    [
      "request page",
      () => [
        letterRoute.loader,
        `/cases/${ids[0]!.caseId}/requests/${letterId}`,
        { caseId: ids[0]!.caseId, letterId },
      ],
    ],
  ] as const)("%s", async (_name, args) => {
    const [loader, path, params] = args() as unknown as [
      (a: never) => unknown,
      string,
      Record<string, string>,
    ];
    const { personal, uncovered, events } = await load(loader, path, params, owner.cookie);
    // The page did show personal data (otherwise this test would prove nothing) …
    expect(personal.length).toBeGreaterThan(0);
    // … every decrypted record is covered by a read event of this request …
    expect(uncovered.map((x) => x.join(":"))).toEqual([]);
    // … written by the member who looked, in their workspace, with no personal values in the detail.
    for (const e of events.filter((x) => x.action.endsWith(".read"))) {
      expect(e.actorUserId).toBe(owner.id);
      expect(e.workspaceId).toBe(owner.workspaceId);
      expect(JSON.stringify(e.detail ?? {})).not.toMatch(/Person read|example\.test|leak\d\.example\.com/);
    }
  });
});
