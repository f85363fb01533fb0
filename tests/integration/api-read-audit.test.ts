// Every API read that decrypts a client's personal data is logged, as for the web pages: each value decrypted
// while an endpoint answers — subject, case, exposure or letter fields — is covered by a read event of that
// request about the record or the record it belongs to, by the token's member, with no personal values.
import { eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, cases, exposures, letters } from "#db/schema";
import { createAccessToken } from "~/api/tokens.server";
import { getDb } from "~/db.server";
import * as casesRoute from "~/routes/api.v1.cases";
import * as caseRoute from "~/routes/api.v1.cases.$caseId";
import * as exposuresRoute from "~/routes/api.v1.cases.$caseId.exposures";
import * as exposureRoute from "~/routes/api.v1.cases.$caseId.exposures.$exposureId";
import * as deadlinesRoute from "~/routes/api.v1.deadlines";
import * as requestsRoute from "~/routes/api.v1.requests";
import * as requestRoute from "~/routes/api.v1.requests.$requestId";
import * as subjectsRoute from "~/routes/api.v1.subjects";
import * as subjectRoute from "~/routes/api.v1.subjects.$subjectId";
import { seedCaseData } from "./case-data";
import { sentLetter } from "./factories";
import { call, newAccount } from "./helpers";

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

const PERSONAL = new Set(["subject", "case", "exposure", "letter"]);

/** The record itself and the records it belongs to (exposure → case → subject …). */
function lineage(type: string, id: string): string[] {
  const db = getDb();
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
  return [id];
}

let owner: Awaited<ReturnType<typeof newAccount>>;
let token: string;
let subjectId: string;
let caseId: string;
let exposureId: string;
let letterId: string;

beforeAll(async () => {
  owner = await newAccount("Api Reader");
  const ids = await seedCaseData(owner.scope, { subjects: 2, exposuresPer: 2, evidencePer: 0, tag: "api" });
  subjectId = ids[0]!.subjectId;
  caseId = ids[0]!.caseId;
  exposureId = getDb()
    .select({ id: exposures.id })
    .from(exposures)
    .where(eq(exposures.caseId, caseId))
    .get()!.id;
  letterId = sentLetter(owner.scope, caseId).id;
  token = createAccessToken({
    userId: owner.id,
    workspaceId: owner.workspaceId,
    name: "r",
    access: "read",
  }).token;
});

describe("API reads of a client's personal data are logged", () => {
  it.each([
    ["subjects", () => [subjectsRoute.loader, "/api/v1/subjects", {}]],
    ["subject", () => [subjectRoute.loader, `/api/v1/subjects/${subjectId}`, { subjectId }]],
    ["cases", () => [casesRoute.loader, "/api/v1/cases", {}]],
    ["case", () => [caseRoute.loader, `/api/v1/cases/${caseId}`, { caseId }]],
    ["exposures", () => [exposuresRoute.loader, `/api/v1/cases/${caseId}/exposures`, { caseId }]],
    [
      "exposure",
      () => [exposureRoute.loader, `/api/v1/cases/${caseId}/exposures/${exposureId}`, { caseId, exposureId }],
    ],
    ["requests", () => [requestsRoute.loader, "/api/v1/requests", {}]],
    ["request", () => [requestRoute.loader, `/api/v1/requests/${letterId}`, { requestId: letterId }]],
    ["deadlines", () => [deadlinesRoute.loader, "/api/v1/deadlines?days=366", {}]],
  ] as const)("%s", async (_name, args) => {
    const [loader, path, params] = args() as unknown as [
      (a: never) => unknown,
      string,
      Record<string, string>,
    ];
    const lastId =
      getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).all().at(-1)?.id ?? 0;
    decrypted.length = 0;
    const r = (await call(
      loader as never,
      new Request(`http://localhost${path}`, { headers: { Authorization: `Bearer ${token}` } }),
      params,
    )) as Response;
    expect(r.status, path).toBe(200);
    const events = getDb().select().from(auditEvents).where(gt(auditEvents.id, lastId)).all();
    const covered = new Set(events.filter((e) => e.action.endsWith(".read")).map((e) => e.targetId));
    const personal = [...new Set(decrypted)].map((c) => c.split(":")).filter(([type]) => PERSONAL.has(type!));
    const uncovered = personal.filter(([type, id]) => !lineage(type!, id!).some((x) => covered.has(x)));
    expect(uncovered.map((x) => x.join(":"))).toEqual([]);
    for (const e of events.filter((x) => x.action.endsWith(".read"))) {
      expect(e.actorUserId).toBe(owner.id);
      expect(e.workspaceId).toBe(owner.workspaceId);
      expect(JSON.stringify(e.detail ?? {})).not.toMatch(/Person api|example\.test/);
    }
  });
});
