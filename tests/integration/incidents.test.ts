// Employer incidents end to end through the routes and the domain module: a roster previewed then confirmed,
// URLs stored once and linked to many people, the matrix's cells, scoping (another workspace, a caseworker,
// a viewer), and nothing personal in plain text in the database file.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  exposures,
  incidentPeople,
  incidentUrls,
  letters,
  memberships,
  subjects,
} from "#db/schema";
import { createSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import {
  importRoster,
  importUrls,
  listIncidentUrls,
  listRoster,
  setUrlLinks,
} from "~/incidents/incidents.server";
import { incidentCells, matrixView } from "~/incidents/matrix.server";
import { MatrixFilterSchema } from "~/incidents/schemas.server";
import { importDirectory } from "~/recipients/import.server";
import * as listRoute from "~/routes/incidents._index";
import * as overviewRoute from "~/routes/incidents.$incidentId._index";
import * as matrixRoute from "~/routes/incidents.$incidentId.matrix";
import * as rosterRoute from "~/routes/incidents.$incidentId.roster";
import * as urlsRoute from "~/routes/incidents.$incidentId.urls";
import * as urlRoute from "~/routes/incidents.$incidentId.urls_.$urlId";
import { assignSubject } from "~/workspaces/members.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { sentLetter } from "./factories";
import { call, get, newAccount, post, status } from "./helpers";

type Account = Awaited<ReturnType<typeof newAccount>>;

const ROSTER = [
  "Full Name,Work E-mail,Team,Country",
  "Quintessa Harrowgate,q.harrowgate@employer.example,Zephyr Logistics,DE",
  "Bartholomew Nyqvist,b.nyqvist@employer.example,Zephyr Logistics,SE",
  "Oluwaseun Pemberton-Ray,o.pemberton@employer.example,Marigold Finance,GB",
  ",nobody@employer.example,Marigold Finance,GB",
  "Duplicate Person,Q.Harrowgate@employer.example,Zephyr Logistics,DE",
].join("\n");

let owner: Account;
let orgId: string;
let ownerScope: Scope;
let ownerCookie: string;

async function member(role: Role) {
  const user = await createUser({
    email: `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`,
    name: role,
    password: "correct horse battery staple",
  });
  getDb().insert(memberships).values({ workspaceId: orgId, userId: user.id, role }).run();
  const cookie = (await createSession({ userId: user.id, workspaceId: orgId })).split(";")[0]!;
  return { id: user.id, cookie, scope: { userId: user.id, workspaceId: orgId, role } satisfies Scope };
}

function form(fields: Record<string, string | string[]>, file?: { name: string; text: string }) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields))
    for (const item of Array.isArray(v) ? v : [v]) f.append(k, item);
  if (file) f.append("file", new File([file.text], file.name, { type: "text/csv" }));
  return f;
}

async function json<T>(r: unknown): Promise<T> {
  return (r instanceof Response ? await r.json() : r) as T;
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  orgId = createOrganisation(owner.id, "Employer Security").id;
  ownerScope = { userId: owner.id, workspaceId: orgId, role: "owner" };
  ownerCookie = (await createSession({ userId: owner.id, workspaceId: orgId })).split(";")[0]!;
});

async function newIncident(title = "Staff list on a forum") {
  const r = (await call(
    listRoute.action,
    post("/incidents", { intent: "create", title }, ownerCookie),
  )) as Response;
  expect(r.status).toBe(302);
  return r.headers.get("Location")!.split("/").pop()!;
}

describe("roster import", () => {
  it("previews every row with its errors, saves nothing, then confirms the good rows", async () => {
    const incidentId = await newIncident();
    const params = { incidentId };
    const before = getDb().select().from(subjects).where(eq(subjects.workspaceId, orgId)).all().length;
    const preview = await json<{
      preview: true;
      csv: string;
      rows: { row: number; status: string; errors: { field: string; message: string }[] }[];
      counts: Record<string, number>;
    }>(
      await call(
        rosterRoute.action,
        post(
          `/incidents/${incidentId}/roster`,
          form({ intent: "preview" }, { name: "staff.csv", text: ROSTER }),
          ownerCookie,
        ),
        params,
      ),
    );
    expect(preview.counts).toEqual({ new: 3, invalid: 1, duplicate_in_file: 1, already_on_roster: 0 });
    expect(preview.rows.find((r) => r.row === 5)).toMatchObject({
      status: "invalid",
      errors: [{ field: "name", message: "The name is missing." }],
    });
    expect(preview.rows.find((r) => r.row === 6)?.status).toBe("duplicate_in_file");
    expect(getDb().select().from(subjects).where(eq(subjects.workspaceId, orgId)).all().length).toBe(before);

    const confirmed = (await call(
      rosterRoute.action,
      post(`/incidents/${incidentId}/roster`, form({ intent: "confirm", csv: preview.csv }), ownerCookie),
      params,
    )) as Response;
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toContain("imported=3");
    const people = listRoster(ownerScope, incidentId);
    expect(people.map((p) => p.name)).toEqual([
      "Quintessa Harrowgate",
      "Bartholomew Nyqvist",
      "Oluwaseun Pemberton-Ray",
    ]);
    expect(people[0]!.unit).toBe("Zephyr Logistics");
    // Each person got their own case, and the same audit as a subject made by hand.
    expect(new Set(people.map((p) => p.caseId)).size).toBe(3);
    const created = getDb()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, orgId),
          inArray(
            auditEvents.targetId,
            people.map((p) => p.subjectId),
          ),
          eq(auditEvents.action, "subject.create"),
        ),
      )
      .all();
    expect(created).toHaveLength(3);

    // Importing again: everyone is already on the roster, nothing is duplicated.
    const again = await json<{ counts: Record<string, number> }>(
      await call(
        rosterRoute.action,
        post(`/incidents/${incidentId}/roster`, form({ intent: "preview", csv: ROSTER }), ownerCookie),
        params,
      ),
    );
    expect(again.counts.already_on_roster).toBe(3);
    const none = await call(
      rosterRoute.action,
      post(`/incidents/${incidentId}/roster`, form({ intent: "confirm", csv: ROSTER }), ownerCookie),
      params,
    );
    expect(status(none)).toBe(400);
    expect(listRoster(ownerScope, incidentId)).toHaveLength(3);
  });

  it("refuses an unreadable or oversized roster with a message and a 4xx", async () => {
    const incidentId = await newIncident();
    const bad = (await call(
      rosterRoute.action,
      post(`/incidents/${incidentId}/roster`, form({ intent: "preview", csv: "phone\n123" }), ownerCookie),
      { incidentId },
    )) as Response;
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { formErrors: string[] }).formErrors[0]).toMatch(/work email/);
    const many = ["name,email", ...Array.from({ length: 5001 }, (_, i) => `P ${i},p${i}@e.example`)].join(
      "\n",
    );
    const big = (await call(
      rosterRoute.action,
      post(`/incidents/${incidentId}/roster`, form({ intent: "preview", csv: many }), ownerCookie),
      { incidentId },
    )) as Response;
    expect(big.status).toBe(400);
    expect(((await big.json()) as { formErrors: string[] }).formErrors[0]).toMatch(/at most 5,000/);
  });
});

describe("URLs linked to many people, and the matrix", () => {
  let incidentId: string;
  beforeAll(async () => {
    incidentId = await newIncident("Telegram channel leak");
    importRoster(ownerScope, incidentId, [
      { name: "Ada One", email: "ada@employer.example", unit: "Ops", country: "DE" },
      { name: "Bo Two", email: "bo@employer.example", unit: "Ops", country: "DE" },
      { name: "Cy Three", email: "cy@employer.example", unit: "Legal", country: "FR" },
    ]);
  });

  it("stores each URL once and creates one exposure per linked person, with the directory's recipient", async () => {
    const r = await json<{ added: number; linked: number; invalid: unknown[] }>(
      await call(
        urlsRoute.action,
        post(
          `/incidents/${incidentId}/urls`,
          {
            intent: "import",
            urls: "https://t.me/leakchannel/101\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=x\nnot a url\nhttps://t.me/leakchannel/101",
            target: "all",
            exposed: ["workplace", "phone"],
            foundOn: "2026-11-20",
          },
          ownerCookie,
        ),
        { incidentId },
      ),
    );
    expect(r.added).toBe(2);
    expect(r.linked).toBe(6);
    expect(r.invalid).toHaveLength(1);
    const urls = listIncidentUrls(ownerScope, incidentId);
    expect(urls.map((u) => [u.recipientId, u.people])).toEqual([
      ["curated:telegram", 3],
      ["curated:youtube", 3],
    ]);
    const rows = getDb().select().from(exposures).where(eq(exposures.incidentUrlId, urls[0]!.id)).all();
    expect(rows).toHaveLength(3);
    expect(rows.every((e) => e.recipientId === "curated:telegram" && e.severity === "medium")).toBe(true);
    expect(
      getDb().select().from(incidentUrls).where(eq(incidentUrls.incidentId, incidentId)).all(),
    ).toHaveLength(2);

    // Pasting the same URL again for one unit adds no second copy and no second exposure.
    const again = await json<{ added: number; existing: number; linked: number }>(
      await call(
        urlsRoute.action,
        post(
          `/incidents/${incidentId}/urls`,
          { intent: "import", urls: "https://t.me/leakchannel/101", target: "all" },
          ownerCookie,
        ),
        { incidentId },
      ),
    );
    expect(again).toMatchObject({ added: 0, existing: 1, linked: 0 });
  });

  it("links a URL to chosen people or a unit, and relinks later", async () => {
    const people = listRoster(ownerScope, incidentId);
    const cy = people.find((p) => p.name === "Cy Three")!;
    const [result] = importUrls(ownerScope, incidentId, ["https://paste.example.net/abc"], [cy.subjectId]);
    expect(result).toMatchObject({ status: "added", linked: 1 });
    const urlId = (result as { urlId: string }).urlId;
    const ops = people.filter((p) => p.unit === "Ops").map((p) => p.subjectId);
    const unitKey = people.find((p) => p.unit === "Ops")!.unitKey!;
    const unit = await json<{ linked: number }>(
      await call(
        urlsRoute.action,
        post(
          `/incidents/${incidentId}/urls`,
          { intent: "import", urls: "https://paste.example.net/abc", target: "unit", unit: unitKey },
          ownerCookie,
        ),
        { incidentId },
      ),
    );
    expect(unit.linked).toBe(2);
    // Untick Cy on the URL's page: their exposure goes; Ops stay.
    const change = await json<{ linked: number; unlinked: number }>(
      await call(
        urlRoute.action,
        post(
          `/incidents/${incidentId}/urls/${urlId}`,
          { intent: "links", people: ops, shown: people.map((p) => p.subjectId) },
          ownerCookie,
        ),
        { incidentId, urlId },
      ),
    );
    expect(change).toMatchObject({ linked: 0, unlinked: 1 });
    expect(listIncidentUrls(ownerScope, incidentId).find((u) => u.id === urlId)!.people).toBe(2);
    expect(setUrlLinks(ownerScope, incidentId, urlId, [cy.subjectId], [cy.subjectId])).toMatchObject({
      linked: 1,
    });
    // A chosen-people import with nobody ticked is a 400 with a message, saving nothing.
    const empty = await call(
      urlsRoute.action,
      post(
        `/incidents/${incidentId}/urls`,
        { intent: "import", urls: "https://t.me/x/9", target: "chosen" },
        ownerCookie,
      ),
      { incidentId },
    );
    expect(status(empty)).toBe(400);
  });

  it("gives one cell per person × recipient with the latest letter, and filters the matrix", async () => {
    const cells = incidentCells(ownerScope, incidentId);
    const recipientsOf = (name: string) => {
      const p = listRoster(ownerScope, incidentId).find((x) => x.name === name)!;
      return cells
        .filter((c) => c.subjectId === p.subjectId)
        .map((c) => c.recipientId)
        .sort();
    };
    // paste.example.net is not in the directory: no recipient, no cell.
    expect(recipientsOf("Ada One")).toEqual(["curated:telegram", "curated:youtube"]);
    expect(cells).toHaveLength(6);
    expect(cells.every((c) => c.letterId === null && c.exposureIds.length === 1)).toBe(true);

    // A letter in Ada's case to Telegram fills that cell (the latest one wins).
    const ada = cells.find((c) => c.recipientId === "curated:telegram" && recipientsOf("Ada One").length)!;
    sentLetter(ownerScope, ada.caseId, { exposureIds: ada.exposureIds, sentOn: "2026-11-02" });
    const latest = sentLetter(ownerScope, ada.caseId, { exposureIds: ada.exposureIds, sentOn: "2026-11-03" });
    const after = incidentCells(ownerScope, incidentId).find(
      (c) => c.caseId === ada.caseId && c.recipientId === "curated:telegram",
    )!;
    expect(after).toMatchObject({ letterId: latest.id, letterStatus: "sent" });

    const view = (q: Record<string, string>) =>
      matrixView(ownerScope, incidentId, MatrixFilterSchema.parse(q));
    expect(view({}).totals).toEqual({ none: 5, sent: 1 });
    expect(view({ state: "none" }).cellCount).toBe(5);
    expect(view({ state: "sent" }).rows).toHaveLength(1);
    expect(view({ q: "bo t" }).rows.map((r) => r.name)).toEqual(["Bo Two"]);
    const legal = listRoster(ownerScope, incidentId).find((p) => p.unit === "Legal")!.unitKey!;
    expect(view({ unit: legal }).rows.map((r) => r.name)).toEqual(["Cy Three"]);
    expect(view({ recipient: "curated:youtube" }).recipients.map((r) => r.id)).toEqual(["curated:youtube"]);

    // The page as a GET form: 200 with the rows; a bad state is a 400 with a message.
    const page = (await call(
      matrixRoute.loader,
      get(`/incidents/${incidentId}/matrix?state=none`, ownerCookie),
      {
        incidentId,
      },
    )) as { view: { rows: unknown[]; totals: Record<string, number> } };
    expect(page.view.totals).toEqual({ none: 5 });
    expect(
      status(
        await call(matrixRoute.loader, get(`/incidents/${incidentId}/matrix?state=bogus`, ownerCookie), {
          incidentId,
        }),
      ),
    ).toBe(400);
    getDb()
      .delete(letters)
      .where(inArray(letters.id, ["letter-old", "letter-new"]))
      .run();
  });

  it("keeps each incident inside its workspace and each caseworker inside their people", async () => {
    const stranger = await newAccount("Stranger");
    for (const route of [overviewRoute, rosterRoute, urlsRoute, matrixRoute]) {
      expect(status(await call(route.loader, get("/", stranger.cookie), { incidentId }))).toBe(404);
    }
    expect(
      status(
        await call(rosterRoute.action, post("/", form({ intent: "preview", csv: ROSTER }), stranger.cookie), {
          incidentId,
        }),
      ),
    ).toBe(404);
    expect(() => incidentCells(stranger.scope, incidentId)).toThrow();
    expect(
      ((await call(listRoute.loader, get("/incidents", stranger.cookie))) as { incidents: unknown[] })
        .incidents,
    ).toEqual([]);

    const worker = await member("caseworker");
    const bo = listRoster(ownerScope, incidentId).find((p) => p.name === "Bo Two")!;
    assignSubject(ownerScope, bo.subjectId, worker.id);
    expect(listRoster(worker.scope, incidentId).map((p) => p.name)).toEqual(["Bo Two"]);
    expect(new Set(incidentCells(worker.scope, incidentId).map((c) => c.subjectId))).toEqual(
      new Set([bo.subjectId]),
    );
    const workerMatrix = (await call(matrixRoute.loader, get("/", worker.cookie), { incidentId })) as {
      view: { rows: { name: string }[] };
    };
    expect(workerMatrix.view.rows.map((r) => r.name)).toEqual(["Bo Two"]);
    // "Everyone" for a caseworker means everyone they can see.
    const [r] = importUrls(worker.scope, incidentId, ["https://t.me/leakchannel/202"], "all");
    expect(r).toMatchObject({ linked: 1 });
    // A caseworker's import of a colleague's person (by email) is reported, not duplicated.
    const preview = await json<{ counts: Record<string, number> }>(
      await call(
        rosterRoute.action,
        post("/", form({ intent: "preview", csv: "name,email\nAda,ada@employer.example" }), worker.cookie),
        {
          incidentId,
        },
      ),
    );
    expect(preview.counts.already_on_roster).toBe(1);

    const viewer = await member("viewer");
    expect(status(await call(matrixRoute.loader, get("/", viewer.cookie), { incidentId }))).toBe(200);
    expect(listRoster(viewer.scope, incidentId)).toHaveLength(3);
    const peopleBefore = getDb()
      .select()
      .from(incidentPeople)
      .where(eq(incidentPeople.incidentId, incidentId))
      .all().length;
    expect(
      status(
        await call(rosterRoute.action, post("/", form({ intent: "confirm", csv: ROSTER }), viewer.cookie), {
          incidentId,
        }),
      ),
    ).toBe(403);
    expect(
      status(
        await call(
          urlsRoute.action,
          post("/", { intent: "import", urls: "https://t.me/a/1", target: "all" }, viewer.cookie),
          {
            incidentId,
          },
        ),
      ),
    ).toBe(403);
    expect(
      status(await call(listRoute.action, post("/", { intent: "create", title: "X" }, viewer.cookie))),
    ).toBe(403);
    expect(
      getDb().select().from(incidentPeople).where(eq(incidentPeople.incidentId, incidentId)).all(),
    ).toHaveLength(peopleBefore);
  });
});

describe("at rest", () => {
  it("holds no roster name, work email, unit or leaked URL in plain text", async () => {
    const incidentId = await newIncident("Rostered leak");
    importRoster(ownerScope, incidentId, [
      {
        name: "Wilhelmina Strathearn-Okafor",
        email: "w.strathearn@quillbridge-industries.example",
        unit: "Nightjar Procurement Desk",
        country: "NL",
      },
    ]);
    importUrls(ownerScope, incidentId, ["https://pastebin.com/strathearn-okafor-dossier"], "all");
    getDb().$client.pragma("wal_checkpoint(FULL)");
    const dir = getEnv().dataDir;
    const files = readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && !e.name.endsWith("secrets.json"))
      .map((e) => join(e.parentPath, e.name));
    expect(files.some((f) => f.endsWith("retract.sqlite"))).toBe(true);
    const needles = [
      "Wilhelmina",
      "Strathearn",
      "quillbridge",
      "Nightjar Procurement",
      "strathearn-okafor-dossier",
    ];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles)
        for (const enc of ["utf8", "utf16le"] as const)
          expect(bytes.includes(Buffer.from(needle, enc)), `${needle} (${enc}) in ${file}`).toBe(false);
    }
    // And the app reads it back.
    expect(listRoster(ownerScope, incidentId)[0]).toMatchObject({
      name: "Wilhelmina Strathearn-Okafor",
      unit: "Nightjar Procurement Desk",
    });
  });
});
