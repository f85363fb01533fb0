// Re-checks against a real HTTP server on 127.0.0.1 (the test-only loopback allowance is on).
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { createExposuresBulk, getExposure, listExposures } from "~/exposures/exposures.server";
import { guardedFetch } from "~/rechecks/fetch.server";
import { listChecks, recheckExposure, runScheduledRechecks } from "~/rechecks/rechecks.server";
import { action, loader } from "~/routes/cases.$caseId.exposures.$exposureId";
import { createSubject } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

type Reply = { status: number; body?: string; headers?: Record<string, string> };
let reply: (path: string) => Reply = () => ({ status: 200, body: "" });
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const r = reply(req.url ?? "/");
    res.writeHead(r.status, { "content-type": "text/html; charset=utf-8", ...r.headers });
    res.end(r.body ?? "");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const opts = { allowLoopback: true, timeoutMs: 3000 };

async function setUp(path: string) {
  const a = await newAccount();
  const subjectId = createSubject(a.scope, {
    name: "Jana Nováková",
    aliases: [],
    emails: ["jana@example.test"],
    phones: ["+49 170 1234567"],
    addresses: [],
    usernames: [],
    country: "DE",
    notes: "",
  });
  const caseId = createCase(a.scope, { subjectId, title: "Case" });
  const [r] = createExposuresBulk(a.scope, caseId, [
    {
      line: 1,
      input: `${base}${path}`,
      fields: {
        exposed: ["phone"],
        callsForHarm: false,
        foundOn: "2026-11-01",
        severityOverride: null,
        status: "requested",
        notes: "",
      },
    },
  ]);
  expect(r?.status).toBe("saved");
  const exposureId = listExposures(a.scope, caseId)[0]!.id;
  return { a, caseId, exposureId };
}

describe("re-checking an exposure", () => {
  it("200 with the name → still up; 404 → removed; 200 again → reappeared; 410 → removed", async () => {
    const { a, caseId, exposureId } = await setUp("/paste/1");
    reply = () => ({ status: 200, body: "<html><h1>JANA NOVÁKOVÁ</h1><p>+49 (170) 123-4567</p></html>" });
    const up = await recheckExposure(a.scope, caseId, exposureId, opts);
    expect(up).toMatchObject({ outcome: "up", statusCode: 200, exposureStatus: "requested" });
    expect(up.foundKinds.sort()).toEqual(["name", "phone"]);
    expect(up.sha256).toMatch(/^[0-9a-f]{64}$/);

    reply = () => ({ status: 404, body: "not found" });
    const gone = await recheckExposure(a.scope, caseId, exposureId, opts);
    expect(gone).toMatchObject({ outcome: "removed", statusCode: 404, exposureStatus: "removed" });
    expect(getExposure(a.scope, caseId, exposureId).status).toBe("removed");

    reply = () => ({ status: 200, body: "<p>jana nováková is back</p>" });
    const back = await recheckExposure(a.scope, caseId, exposureId, opts);
    expect(back).toMatchObject({ outcome: "reappeared", exposureStatus: "reappeared" });
    expect(getExposure(a.scope, caseId, exposureId).status).toBe("reappeared");

    reply = () => ({ status: 410 });
    expect((await recheckExposure(a.scope, caseId, exposureId, opts)).outcome).toBe("removed");

    const checks = listChecks(a.scope, exposureId);
    expect(checks.map((c) => c.outcome)).toEqual(["removed", "reappeared", "removed", "up"]);
    expect(checks.map((c) => c.statusCode)).toEqual([410, 200, 404, 200]);
  });

  it("200 without identifiers: removed once the page was seen with them, inconclusive before", async () => {
    const { a, caseId, exposureId } = await setUp("/post/2");
    reply = () => ({ status: 200, body: "<div id=app></div><script>load()</script>" });
    expect((await recheckExposure(a.scope, caseId, exposureId, opts)).outcome).toBe("inconclusive");
    reply = () => ({ status: 200, body: "mail jana@example.test" });
    expect((await recheckExposure(a.scope, caseId, exposureId, opts)).outcome).toBe("up");
    reply = () => ({ status: 200, body: "This post was deleted by a moderator." });
    const r = await recheckExposure(a.scope, caseId, exposureId, opts);
    expect(r).toMatchObject({ outcome: "removed", exposureStatus: "removed" });
  });

  it("follows up to three redirects, each hop checked; a loop is capped", async () => {
    reply = (p) => {
      const n = Number(p.split("/").pop());
      if (p.startsWith("/hop/") && n < 3) return { status: 302, headers: { location: `/hop/${n + 1}` } };
      if (p.startsWith("/hop/")) return { status: 200, body: "Jana Nováková" };
      if (p === "/loop") return { status: 301, headers: { location: "/loop" } };
      if (p === "/to-private") return { status: 302, headers: { location: "http://10.0.0.1/admin" } };
      if (p === "/to-metadata") return { status: 302, headers: { location: "http://169.254.169.254/" } };
      return { status: 404 };
    };
    const ok = await guardedFetch(`${base}/hop/0`, opts);
    expect(ok.ok && ok.redirects).toBe(3);
    const loop = await guardedFetch(`${base}/loop`, opts);
    expect(loop.ok === false && loop.error).toBe("too_many_redirects");
    const priv = await guardedFetch(`${base}/to-private`, opts);
    expect(priv.ok === false && priv.error).toBe("blocked_address");
    const meta = await guardedFetch(`${base}/to-metadata`, opts);
    expect(meta.ok === false && meta.error).toBe("blocked_address");

    const { a, caseId, exposureId } = await setUp("/loop");
    const r = await recheckExposure(a.scope, caseId, exposureId, opts);
    expect(r).toMatchObject({
      outcome: "unreachable",
      error: "too_many_redirects",
      exposureStatus: "unreachable",
    });
  });

  it("caps the size and hashes what was read; times out a server that never answers", async () => {
    reply = () => ({ status: 200, body: "x".repeat(50_000) });
    const big = await guardedFetch(`${base}/big`, { ...opts, maxBytes: 1000 });
    expect(big.ok && big.body.length).toBe(1000);
    expect(big.ok && big.truncated).toBe(true);

    const silent = createServer(() => undefined);
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    const slow = await guardedFetch(`http://127.0.0.1:${port}/`, { ...opts, timeoutMs: 300 });
    expect(slow.ok === false && slow.error).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    silent.closeAllConnections();
    silent.close();
  });

  it("a scheduled pass checks what is due and skips what was checked recently", async () => {
    const { a, exposureId } = await setUp("/scheduled");
    reply = () => ({ status: 404 });
    const first = await runScheduledRechecks({ intervalHours: 24, limit: 1000, fetch: opts });
    expect(first.length).toBeGreaterThan(0);
    expect(listChecks(a.scope, exposureId)[0]).toMatchObject({ trigger: "scheduled", outcome: "removed" });
    const again = await runScheduledRechecks({ intervalHours: 24, limit: 1000, fetch: opts });
    expect(again).toEqual([]);
    const later = await runScheduledRechecks({
      now: new Date(Date.now() + 25 * 3_600_000),
      intervalHours: 24,
      limit: 1000,
      fetch: opts,
    });
    expect(later.length).toBeGreaterThan(0);
  });

  it("'Check now' on the exposure page records a check and lists it", async () => {
    process.env.RETRACT_RECHECK_ALLOW_LOOPBACK = "true";
    try {
      const { a, caseId, exposureId } = await setUp("/page-button");
      reply = () => ({ status: 404 });
      const path = `/cases/${caseId}/exposures/${exposureId}`;
      const params = { caseId, exposureId };
      const res = await call(action, post(path, { intent: "recheck" }, a.cookie), params);
      expect(status(res)).toBe(302);
      const data = (await call(loader, get(path, a.cookie), params)) as { checks: { outcome: string }[] };
      expect(data.checks.map((c) => c.outcome)).toEqual(["removed"]);
      const other = await newAccount();
      const denied = await call(action, post(path, { intent: "recheck" }, other.cookie), params);
      expect(status(denied)).toBe(404);
    } finally {
      delete process.env.RETRACT_RECHECK_ALLOW_LOOPBACK;
    }
  });
});
