// "Where else might I be?": the checklist's links are built from the directory's search URL templates with the
// person's name and region URL-encoded, and nothing is fetched; "found here" records a place with the recipient
// matched from the directory; "not found" is kept with its date (the site only as a keyed HMAC) until "check
// again"; another workspace gets 404 and changes nothing.
import net from "node:net";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, exposureStatusChanges, exposures, subjectSiteChecks } from "#db/schema";
import { createCase, setCaseStatus } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { getExposure } from "~/exposures/exposures.server";
import { importDirectory } from "~/recipients/import.server";
import * as route from "~/routes/subjects.$subjectId_.find";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

type Account = Awaited<ReturnType<typeof newAccount>>;
type Page = Awaited<ReturnType<typeof route.loader>>;

let owner: Account;
let other: Account;
let subjectId: string;
let openCase: string;
let closedCase: string;

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  other = await newAccount("Other");
  subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Zoë O'Neil & Söhne", country: "US", region: "CA" }),
  );
  closedCase = createCase(owner.scope, { subjectId, title: "Older case" });
  setCaseStatus(owner.scope, closedCase, "closed");
  openCase = createCase(owner.scope, { subjectId, title: "People-search listings" });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const path = () => `/subjects/${subjectId}/find`;
const load = async (account: Account) =>
  (await call(route.loader, get(path(), account.cookie), { subjectId })) as Page;
const act = (account: Account, body: Record<string, string>) =>
  call(route.action, post(path(), body, account.cookie), { subjectId });

describe("where else might I be?", () => {
  it("builds each site's link from its template, URL-encoded, and fetches nothing", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const connectSpy = vi.spyOn(net.Socket.prototype, "connect");
    const page = await load(owner);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(connectSpy).not.toHaveBeenCalled();

    expect(page.name).toBe("Zoë O'Neil & Söhne");
    expect(page.region).toBe("California");
    const site = (id: string) => page.sites.find((s) => s.id === id);
    const query = encodeURIComponent("Zoë O'Neil & Söhne California");
    expect(site("curated:google")?.searchLink).toBe(`https://www.google.com/search?q=${query}`);
    expect(site("curated:bing")?.searchLink).toBe(`https://www.bing.com/search?q=${query}`);
    expect(site("datenanfragen:duckduckgo")?.searchLink).toBe(`https://duckduckgo.com/?q=${query}`);
    expect(site("curated:google")?.searchLink).toContain("Zo%C3%AB%20O'Neil%20%26%20S%C3%B6hne");
    // A people-search site that publishes no search address: its home page, to search there.
    expect(site("data-brokers:anyWho")).toMatchObject({
      group: "people",
      searchLink: null,
      homePage: "https://www.anywho.com/",
    });
    expect(page.sites.filter((s) => s.group === "people").length).toBeGreaterThan(40);
    // Search engines come first.
    expect(page.sites[0]?.group).toBe("search");
    // The open case is the default for a place found; the closed one is still offered.
    expect(page.cases.map((c) => c.id)).toEqual([openCase, closedCase]);
    expect(page.cases[1]?.label).toBe("Older case (closed)");

    // Reading the name for the links is logged as a read of the person.
    const reads = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subject.read"), eq(auditEvents.targetId, subjectId)))
      .all();
    expect(reads.length).toBeGreaterThan(0);
  });

  it("records a place found on a site in one click, with the recipient matched from the directory", async () => {
    const r = (await act(owner, {
      caseId: openCase,
      found: "curated:bing",
      "url:curated:bing": "",
    })) as Response;
    expect(r.status).toBe(302);
    const to = new URL(r.headers.get("Location")!, "http://localhost");
    expect(to.pathname).toBe(path());
    const exposureId = to.searchParams.get("place")!;
    const place = getExposure(owner.scope, openCase, exposureId);
    expect(place.url).toBe("https://www.bing.com");
    const row = getDb().select().from(exposures).where(eq(exposures.id, exposureId)).get();
    expect(row).toMatchObject({ caseId: openCase, recipientId: "curated:bing", status: "active" });
    const history = getDb()
      .select()
      .from(exposureStatusChanges)
      .where(eq(exposureStatusChanges.exposureId, exposureId))
      .all();
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "active", source: "found" }]);

    // The page says so and offers the removal request.
    const page = (await call(route.loader, get(`${to.pathname}${to.search}`, owner.cookie), {
      subjectId,
    })) as Page;
    expect(page.found).toEqual({ siteName: "Microsoft Bing", caseId: openCase, exposureId });
  });

  it("files the exact page the person pasted, and refuses a bad address with a 400", async () => {
    const pasted = "https://www.anywho.com/people/zoe+oneil/california";
    const r = (await act(owner, {
      caseId: closedCase,
      found: "data-brokers:anyWho",
      "url:data-brokers:anyWho": pasted,
    })) as Response;
    expect(r.status).toBe(302);
    const exposureId = new URL(r.headers.get("Location")!, "http://localhost").searchParams.get("place")!;
    expect(getExposure(owner.scope, closedCase, exposureId).url).toBe(pasted);
    expect(getDb().select().from(exposures).where(eq(exposures.id, exposureId)).get()?.recipientId).toBe(
      "data-brokers:anyWho",
    );

    const bad = await act(owner, {
      caseId: openCase,
      found: "curated:google",
      "url:curated:google": "not a url",
    });
    expect(status(bad)).toBe(400);
    const body = (await (bad as Response).json()) as {
      fieldErrors: Record<string, string[]>;
      siteId: string;
    };
    expect(body.siteId).toBe("curated:google");
    expect(body.fieldErrors.url?.length).toBeGreaterThan(0);
    // The same place twice in a case: a clear 400, not a second row.
    const again = await act(owner, { caseId: openCase, found: "curated:bing" });
    expect(status(again)).toBe(400);
    // A case of another person is refused.
    const elsewhere = createSubject(owner.scope, SubjectFieldsSchema.parse({ name: "Someone Else" }));
    const theirCase = createCase(owner.scope, { subjectId: elsewhere, title: "Theirs" });
    expect(status(await act(owner, { caseId: theirCase, found: "curated:google" }))).toBe(400);
    // No case chosen: a message under the case field, not a 404.
    const none = await act(owner, { caseId: "", found: "curated:google" });
    expect(status(none)).toBe(400);
    expect(
      ((await (none as Response).json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.caseId,
    ).toEqual(["Choose the case for this place."]);
    // A site that is not on the list.
    expect(status(await act(owner, { caseId: openCase, found: "curated:telegram" }))).toBe(400);
  });

  it("keeps 'not found' with its date until 'check again', holding the site only as an HMAC", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T10:00:00Z") });
    const r = (await act(owner, { caseId: openCase, notFound: "data-brokers:nuwber" })) as Response;
    expect(r.status).toBe(302);
    let page = await load(owner);
    const nuwber = () => page.sites.find((s) => s.id === "data-brokers:nuwber");
    expect(nuwber()).toMatchObject({ notFoundOn: "2026-12-03", notFoundLabel: "3 December 2026" });
    expect(page.sites.filter((s) => s.notFoundOn).map((s) => s.id)).toEqual(["data-brokers:nuwber"]);
    const rows = getDb()
      .select()
      .from(subjectSiteChecks)
      .where(eq(subjectSiteChecks.subjectId, subjectId))
      .all();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("nuwber");

    expect(((await act(owner, { again: "data-brokers:nuwber" })) as Response).status).toBe(302);
    page = await load(owner);
    expect(nuwber()?.notFoundOn).toBeNull();
    expect(
      getDb().select().from(subjectSiteChecks).where(eq(subjectSiteChecks.subjectId, subjectId)).all(),
    ).toEqual([]);
  });

  it("answers 404 to another workspace and changes nothing", async () => {
    expect(status(await call(route.loader, get(path(), other.cookie), { subjectId }))).toBe(404);
    const before = getDb().select().from(exposures).all().length;
    expect(status(await act(other, { caseId: openCase, found: "curated:google" }))).toBe(404);
    expect(status(await act(other, { notFound: "curated:google" }))).toBe(404);
    expect(getDb().select().from(exposures).all().length).toBe(before);
    expect(
      getDb().select().from(subjectSiteChecks).where(eq(subjectSiteChecks.subjectId, subjectId)).all(),
    ).toEqual([]);
  });
});
