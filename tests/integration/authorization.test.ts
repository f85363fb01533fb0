// Another account must not reach anything of the first: by URL (loaders) or by form post (actions), always 404.
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { addEvidence } from "~/evidence/evidence.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import * as indexRoute from "~/routes/_index";
import * as caseRoute from "~/routes/cases.$caseId._index";
import * as exposureRoute from "~/routes/cases.$caseId.exposures.$exposureId";
import * as evidenceRoute from "~/routes/cases.$caseId.exposures.$exposureId_.evidence.$evidenceId";
import * as bulkRoute from "~/routes/cases.$caseId.exposures.bulk";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

let owner: Awaited<ReturnType<typeof newAccount>>;
let other: Awaited<ReturnType<typeof newAccount>>;
let ids: { caseId: string; subjectId: string; exposureId: string; evidenceId: string };

beforeAll(async () => {
  owner = await newAccount("Owner");
  other = await newAccount("Other");
  const subjectId = createSubject(owner.scope, SubjectFieldsSchema.parse({ name: "Alex Private" }));
  const caseId = createCase(owner.scope, { subjectId, title: "Channel post" });
  const url = normaliseUrl("https://t.me/leaks/1");
  if (!url.ok) throw new Error("bad fixture");
  const exposureId = createExposure(owner.scope, caseId, {
    url: url.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
  const evidenceId = await addEvidence(owner.scope, exposureId, {
    filename: "shot.txt",
    bytes: Buffer.from("evidence text"),
  });
  ids = { caseId, subjectId, exposureId, evidenceId };
});

describe("the owner", () => {
  it("can open their case, exposure, evidence and subject", async () => {
    const { caseId, exposureId, evidenceId, subjectId } = ids;
    expect(status(await call(caseRoute.loader, get(`/cases/${caseId}`, owner.cookie), { caseId }))).toBe(200);
    expect(status(await call(exposureRoute.loader, get("/", owner.cookie), { caseId, exposureId }))).toBe(
      200,
    );
    const file = (await call(evidenceRoute.loader, get("/", owner.cookie), {
      caseId,
      exposureId,
      evidenceId,
    })) as Response;
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("evidence text");
    expect(status(await call(subjectRoute.loader, get("/", owner.cookie), { subjectId }))).toBe(200);
  });
});

describe("another account", () => {
  it("gets 404 for the case, exposure, evidence and subject by URL", async () => {
    const { caseId, exposureId, evidenceId, subjectId } = ids;
    expect(status(await call(caseRoute.loader, get("/", other.cookie), { caseId }))).toBe(404);
    expect(status(await call(exposureRoute.loader, get("/", other.cookie), { caseId, exposureId }))).toBe(
      404,
    );
    expect(
      status(await call(evidenceRoute.loader, get("/", other.cookie), { caseId, exposureId, evidenceId })),
    ).toBe(404);
    expect(status(await call(subjectRoute.loader, get("/", other.cookie), { subjectId }))).toBe(404);
    expect(status(await call(bulkRoute.loader, get("/", other.cookie), { caseId }))).toBe(404);
  });

  it("gets 404 for every form post, and nothing changes", async () => {
    const { caseId, exposureId, evidenceId, subjectId } = ids;
    const attempts: [unknown, Record<string, string>, Record<string, string | string[]>][] = [
      [caseRoute.action, { caseId }, { intent: "add-exposure", url: "https://evil.example.com/x" }],
      [caseRoute.action, { caseId }, { intent: "close" }],
      [
        exposureRoute.action,
        { caseId, exposureId },
        { intent: "update", url: "https://x.example.com", status: "removed" },
      ],
      [exposureRoute.action, { caseId, exposureId }, { intent: "delete" }],
      [exposureRoute.action, { caseId, exposureId }, { intent: "strip", evidenceId }],
      [bulkRoute.action, { caseId }, { urls: "https://a.example.com" }],
      [subjectRoute.action, { subjectId }, { name: "Changed" }],
    ];
    for (const [fn, params, body] of attempts) {
      const r = await call(fn as never, post("/", body, other.cookie), params);
      expect(status(r), JSON.stringify(body)).toBe(404);
    }
    const mine = (await call(caseRoute.loader, get("/", owner.cookie), { caseId })) as Awaited<
      ReturnType<typeof caseRoute.loader>
    >;
    expect(mine.kase.status).toBe("open");
    expect(mine.counts.total).toBe(1);
    expect(mine.groups[0]!.items[0]!.url).toBe("https://t.me/leaks/1");
  });

  it("sees none of it in their own case list", async () => {
    const list = (await call(indexRoute.loader, get("/", other.cookie))) as { cases: unknown[] };
    expect(list.cases).toEqual([]);
  });

  it("without a session is sent to log in", async () => {
    const r = (await call(caseRoute.loader, get(`/cases/${ids.caseId}`), { caseId: ids.caseId })) as Response;
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("gets 404 for malformed ids instead of an error", async () => {
    const r = await call(caseRoute.loader, get("/", owner.cookie), { caseId: "x".repeat(500) });
    expect(status(r)).toBe(404);
  });
});
