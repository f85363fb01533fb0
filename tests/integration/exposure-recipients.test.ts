// Exposures ↔ directory: the recipient stored for a new, edited or bulk-added exposure; the case page grouping
// and the no-JavaScript form result; the exposure page's recipient and regimes; the audit of workspace
// recipients; and the public match API (shape, 400, 429, and the URL neither stored nor logged).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, exposures } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure, createExposuresBulk, updateExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import * as matchRoute from "~/routes/api.v1.recipients.match";
import * as caseRoute from "~/routes/cases.$caseId._index";
import * as exposureRoute from "~/routes/cases.$caseId.exposures.$exposureId";
import * as directoryRoute from "~/routes/directory._index";
import * as recipientRoute from "~/routes/directory.$recipientId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let other: Account;
let caseId: string;
let otherCaseId: string;

const fields = {
  exposed: [] as never[],
  callsForHarm: false,
  foundOn: "2026-11-01",
  severityOverride: null,
  status: "active" as const,
  notes: "",
};

function url(input: string) {
  const n = normaliseUrl(input);
  if (!n.ok) throw new Error(`bad fixture ${input}`);
  return n.value;
}

function stored(id: string) {
  return getDb()
    .select({ recipientId: exposures.recipientId, platform: exposures.platform })
    .from(exposures)
    .where(eq(exposures.id, id))
    .get()!;
}

/** The match API as a client at `ip` reaches it (the limit is per client address). */
async function matchFrom(ip: string, path: string, cookie?: string) {
  return (await matchRoute.loader({
    request: get(path, cookie),
    params: {},
    context: { cspNonce: "test", clientIp: ip },
  })) as Response;
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  other = await newAccount("Other");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE" }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Leaks" });
  const otherSubject = createSubject(other.scope, SubjectFieldsSchema.parse({ name: "Sam Other" }));
  otherCaseId = createCase(other.scope, { subjectId: otherSubject, title: "Other leaks" });
});

describe("creating an exposure stores the directory's recipient", () => {
  it.each([
    ["https://t.me/x/1", "curated:telegram"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "curated:youtube"],
    ["https://youtu.be/dQw4w9WgXcQ", "curated:youtube"],
    ["https://www.truthfinder.com/people-search/jane-doe", "data-brokers:truthFinder"],
    ["https://www.ionos.co.uk/hosting", "datenanfragen:1and1-gb"],
  ])("%s → %s, with its public id as the platform key", (input, recipientId) => {
    const id = createExposure(owner.scope, caseId, { ...fields, url: url(input) });
    expect(stored(id)).toEqual({ recipientId, platform: recipientId });
  });

  it.each(["https://leaks.unknown-forum-example.org/t/1", "http://www.bbc.co.uk/news/x"])(
    "stores null for a site no recipient answers for (%s)",
    (input) => {
      const id = createExposure(owner.scope, caseId, { ...fields, url: url(input) });
      expect(stored(id)).toEqual({ recipientId: null, platform: null });
    },
  );

  it("re-matches on edit", () => {
    const id = createExposure(owner.scope, caseId, { ...fields, url: url("https://pastebin.com/AbC123") });
    expect(stored(id).recipientId).toBe("curated:pastebin");
    updateExposure(owner.scope, caseId, id, { ...fields, url: url("https://www.reddit.com/r/x/comments/1") });
    expect(stored(id)).toEqual({ recipientId: "curated:reddit", platform: "curated:reddit" });
  });

  it("uses the workspace's own recipient, with no plain-text platform key, and only in that workspace", async () => {
    const form = {
      intent: "add",
      name: "Gossip board",
      kind: "platform",
      domains: "gossip-board-example.net",
      countries: "NL",
      channels: "email, abuse, abuse@gossip-board-example.net",
    };
    const res = (await call(directoryRoute.action, post("/directory", form, owner.cookie))) as Response;
    expect(res.status).toBe(302);
    const wsId = decodeURIComponent(res.headers.get("Location")!.split("/directory/")[1]!);
    expect(wsId).toMatch(/^ws_/);

    const mine = createExposure(owner.scope, caseId, {
      ...fields,
      url: url("https://gossip-board-example.net/thread/9"),
    });
    expect(stored(mine)).toEqual({ recipientId: wsId, platform: null });
    const theirs = createExposure(other.scope, otherCaseId, {
      ...fields,
      url: url("https://gossip-board-example.net/thread/9"),
    });
    expect(stored(theirs)).toEqual({ recipientId: null, platform: null });

    const created = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "recipient.create"), eq(auditEvents.targetId, wsId)))
      .all();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ workspaceId: owner.workspaceId, actorUserId: owner.id });
  });
});

describe("bulk add", () => {
  it("stores each line's recipient and stays fast for thousands of lines", () => {
    const hosts = ["t.me/chan", "www.youtube.com/watch?v=", "pastebin.com/", "leaky-example-site.org/p/"];
    const lines = Array.from({ length: 4000 }, (_, i) => ({
      line: i + 1,
      input: `https://${hosts[i % hosts.length]}${i}`,
      fields,
    }));
    const bulkCase = createCase(owner.scope, {
      subjectId: createSubject(owner.scope, SubjectFieldsSchema.parse({ name: "Bulk Person" })),
      title: "Bulk",
    });
    const started = performance.now();
    const results = createExposuresBulk(owner.scope, bulkCase, lines);
    const elapsed = performance.now() - started;
    expect(results.filter((r) => r.status === "saved")).toHaveLength(4000);
    const byRecipient = new Map<string | null, number>();
    for (const row of getDb()
      .select({ recipientId: exposures.recipientId })
      .from(exposures)
      .where(eq(exposures.caseId, bulkCase))
      .all()) {
      byRecipient.set(row.recipientId, (byRecipient.get(row.recipientId) ?? 0) + 1);
    }
    expect(Object.fromEntries(byRecipient)).toEqual({
      "curated:telegram": 1000,
      "curated:youtube": 1000,
      "curated:pastebin": 1000,
      null: 1000,
    });
    // Encryption of 4,000 rows dominates; the matching is four look-ups. Generous for slow CI machines.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe("the case page", () => {
  it("groups exposures by recipient name, unknown sites by host", async () => {
    const data = (await call(caseRoute.loader, get(`/cases/${caseId}`, owner.cookie), { caseId })) as {
      groups: { name: string; items: unknown[] }[];
    };
    const names = data.groups.map((g) => g.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Telegram",
        "YouTube",
        "Gossip board",
        "leaks.unknown-forum-example.org",
        "www.bbc.co.uk",
      ]),
    );
    expect(data.groups.find((g) => g.name === "YouTube")!.items).toHaveLength(2);
  });

  it("names the recipient after an add without JavaScript", async () => {
    const res = (await call(
      caseRoute.action,
      post(
        `/cases/${caseId}`,
        { intent: "add-exposure", url: "https://mobile.twitter.com/someone/status/1", foundOn: "2026-11-02" },
        owner.cookie,
      ),
      { caseId },
    )) as Response;
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/\?added=/);
    const data = (await call(caseRoute.loader, get(location, owner.cookie), { caseId })) as {
      added: { domain: string; recipient: { name: string; channel: { purpose: string } | null } };
    };
    expect(data.added.domain).toBe("twitter.com");
    expect(data.added.recipient.name).toMatch(/^X/);
    expect(data.added.recipient.channel).not.toBeNull();
  });
});

describe("the exposure page", () => {
  it("shows the recipient, the channel to use, and the regimes for where the subject lives", async () => {
    const id = createExposure(owner.scope, caseId, {
      ...fields,
      exposed: ["photos"] as never[],
      url: url("https://www.tiktok.com/@someone/video/1"),
    });
    const data = (await call(exposureRoute.loader, get(`/cases/${caseId}/exposures/${id}`, owner.cookie), {
      caseId,
      exposureId: id,
    })) as {
      residence: string | null;
      match: {
        recipient: { id: string; channel: { purpose: string } | null };
        regimes: { regime: string; reason: string }[];
      };
    };
    expect(data.residence).toBe("DE");
    expect(data.match.recipient.id).toBe("curated:tiktok");
    expect(data.match.recipient.channel).not.toBeNull();
    const regimes = data.match.regimes.map((r) => r.regime);
    expect(regimes).toEqual(expect.arrayContaining(["gdpr", "dsa", "dmca", "platform-rules"]));
    for (const r of data.match.regimes) expect(r.reason.length).toBeGreaterThan(10);
    // Decrypting the subject's country (and region) is a logged read.
    const reads = getDb()
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subject.read"), eq(auditEvents.workspaceId, owner.workspaceId)))
      .all();
    expect(reads.some((r) => (r.detail as { fields?: string } | null)?.fields === "country,region")).toBe(
      true,
    );
  });

  it("offers to add a recipient for an unknown domain, and follows one added later", async () => {
    const id = createExposure(owner.scope, caseId, {
      ...fields,
      url: url("https://forum.later-added-example.com/x"),
    });
    const load = async () =>
      (await call(exposureRoute.loader, get(`/cases/${caseId}/exposures/${id}`, owner.cookie), {
        caseId,
        exposureId: id,
      })) as { match: { domain: string; recipient: { id: string } | null } };
    expect((await load()).match).toMatchObject({ domain: "later-added-example.com", recipient: null });
    await call(
      directoryRoute.action,
      post(
        "/directory",
        { intent: "add", name: "Later", kind: "host", domains: "later-added-example.com" },
        owner.cookie,
      ),
    );
    const again = await load();
    expect(again.match.recipient?.id).toMatch(/^ws_/);
    expect(stored(id)).toEqual({ recipientId: again.match.recipient!.id, platform: null });
  });
});

describe("audit of workspace corrections", () => {
  it("logs a correction and its withdrawal, with field names only", async () => {
    const path = `/directory/${encodeURIComponent("curated:pastebin")}`;
    const params = { recipientId: "curated:pastebin" };
    const correct = await call(
      recipientRoute.action,
      post(
        path,
        {
          intent: "correct",
          name: "Pastebin",
          domains: "pastebin.com",
          countries: "US",
          channels: "email, abuse, corrected-abuse@example.org",
          note: "They answer here faster",
        },
        owner.cookie,
      ),
      params,
    );
    expect(status(correct)).toBe(302);
    await call(recipientRoute.action, post(path, { intent: "remove-correction" }, owner.cookie), params);
    const rows = getDb().select().from(auditEvents).where(eq(auditEvents.targetId, "curated:pastebin")).all();
    expect(rows.map((r) => r.action)).toEqual(["recipient.correct", "recipient.correction_remove"]);
    expect(rows[0]!.detail).toMatchObject({ kind: "correction" });
    expect(JSON.stringify(rows)).not.toContain("corrected-abuse@example.org");
  });
});

describe("GET /api/v1/recipients/match", () => {
  async function match(query: string, ip = "198.51.100.7") {
    const res = await matchFrom(ip, `/api/v1/recipients/match?${query}`);
    return { status: res.status, body: await res.json() };
  }

  it("answers the issue's shape for t.me, with quality only when asked", async () => {
    const plain = await match(`url=${encodeURIComponent("https://t.me/x/1")}`);
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.body).sort()).toEqual(["domain", "recipient"]);
    expect(Object.keys(plain.body.recipient).sort()).toEqual([
      "channels",
      "countries",
      "id",
      "kind",
      "name",
      "parent",
    ]);
    expect(plain.body).toMatchObject({
      domain: "t.me",
      recipient: { id: "curated:telegram", kind: "platform" },
    });
    const rich = await match(`include=quality&url=${encodeURIComponent("https://t.me/x/1")}`);
    expect(rich.body.recipient).toMatchObject({ quality: "verified" });
    expect(rich.body.recipient.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(["url=", "url=not%20a%20url", "url=ftp%3A%2F%2Fexample.com%2F", "url=https%3A%2F%2Fco.uk%2F"])(
    "400 for a malformed URL (%s)",
    async (query) => {
      expect((await match(query)).status).toBe(400);
    },
  );

  it("answers 429 after the per-address limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await match("url=t.me%2Fx", "192.0.2.44")).status);
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
  });
});

describe("the URL given to match is neither stored nor logged", () => {
  afterEach(() => vi.restoreAllMocks());

  it("leaves no trace in the logs, the audit log or the data folder", async () => {
    const token = `trace${Date.now()}zq`;
    const secretUrl = `https://www.${token}.org/page/${token}`;
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    }
    const out = vi.spyOn(process.stdout, "write");
    const err = vi.spyOn(process.stderr, "write");
    const auditBefore = getDb().select().from(auditEvents).all().length;

    const res = await matchFrom(
      "198.51.100.200",
      `/api/v1/recipients/match?url=${encodeURIComponent(secretUrl)}`,
      owner.cookie,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recipient: null, domain: `${token}.org` });
    // The directory page's "Find the recipient" form (a POST, so the URL stays out of the address bar).
    const form = await call(
      directoryRoute.action,
      post("/directory", { intent: "match", url: secretUrl }, owner.cookie),
    );
    expect(status(form)).toBe(200);

    const written = [...out.mock.calls, ...err.mock.calls].map((c) => String(c[0]));
    expect([...logged, ...written].join("\n")).not.toContain(token);
    const auditRows = getDb().select().from(auditEvents).all();
    expect(auditRows.length).toBe(auditBefore);
    expect(JSON.stringify(auditRows)).not.toContain(token);

    // Nothing in the database (or its write-ahead log) or any other file of the data folder.
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    const dir = process.env.RETRACT_DATA_DIR!;
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    if (existsSync(dir)) walk(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f).includes(token), f).toBe(false);
  });
});
