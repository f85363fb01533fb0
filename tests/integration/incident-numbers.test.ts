// An organisation's numbers per unit of an incident: counts compared with a hand count, the chart over the
// incident's cases, the CSV (counts and unit names only, no formula cells), and the scope of every read.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { incidentNumbers, incidentNumbersCsv, incidentProgress } from "~/dashboard/incident-progress.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { createIncident, importRoster, listRoster } from "~/incidents/incidents.server";
import * as progressRoute from "~/routes/incidents.$incidentId.progress";
import * as csvRoute from "~/routes/incidents.$incidentId_.progress[.]csv";
import type { Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { sentLetter } from "./factories";
import { call, get, newAccount, status } from "./helpers";

const NOW = new Date("2026-12-03T12:00:00Z");

function place(scope: Scope, caseId: string, address: string) {
  const url = normaliseUrl(address);
  if (!url.ok) throw new Error("fixture");
  return createExposure(scope, caseId, {
    url: url.value,
    exposed: ["workplace"],
    callsForHarm: false,
    foundOn: "2026-11-20",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

async function organisation() {
  const owner = await newAccount("Owner");
  const orgId = createOrganisation(owner.id, "Employer Security").id;
  const scope: Scope = { userId: owner.id, workspaceId: orgId, role: "owner" };
  const { createSession } = await import("~/auth/session.server");
  const cookie = (await createSession({ userId: owner.id, workspaceId: orgId })).split(";")[0]!;
  return { scope, cookie };
}

describe("an incident's numbers per unit", () => {
  it("count people, places and requests per unit as a hand count says, and export them without names", async () => {
    const { scope, cookie } = await organisation();
    const incidentId = createIncident(scope, { title: "Staff list on a forum", description: "" });
    importRoster(scope, incidentId, [
      { name: "Ada One", email: "ada@employer.example", unit: "Ops", country: "DE" },
      { name: "Bo Two", email: "bo@employer.example", unit: "Ops", country: "DE" },
      { name: "Cy Three", email: "cy@employer.example", unit: "=Legal", country: "FR" },
    ]);
    const roster = listRoster(scope, incidentId);
    const caseOf = (name: string) => roster.find((p) => p.name === name)!.caseId;
    // Ada: two places, one requested then checked gone. Bo: one place, still up. Cy: one place, said removed.
    const ada1 = place(scope, caseOf("Ada One"), "https://forum.example.com/ada-1");
    place(scope, caseOf("Ada One"), "https://forum.example.net/ada-2");
    place(scope, caseOf("Bo Two"), "https://forum.example.com/bo");
    const cy = place(scope, caseOf("Cy Three"), "https://forum.example.com/cy");
    sentLetter(scope, caseOf("Ada One"), { exposureIds: [ada1], sentOn: "2026-10-01" });
    const move = (ids: string[], to: "removed" | "said_removed", changedOn: string) =>
      setExposureStatus(getDb(), { workspaceId: scope.workspaceId, exposureIds: ids }, to, {
        source: "person",
        actorUserId: scope.userId,
        changedOn,
      });
    move([ada1], "removed", "2026-11-25");
    sentLetter(scope, caseOf("Cy Three"), { exposureIds: [cy], sentOn: "2026-11-28" });
    move([cy], "said_removed", "2026-11-30");

    const { units, total } = incidentNumbers(scope, incidentId, NOW);
    const ops = units.find((u) => u.label === "Ops")!;
    const legal = units.find((u) => u.label === "=Legal")!;
    expect(ops).toMatchObject({
      people: 2,
      places: 3,
      active: 2,
      requested: 0,
      removed: 1,
      requestsSent: 1,
      answered: 0,
      // Sent on 1 October, due a month later, never answered.
      ignored: 1,
    });
    expect(legal).toMatchObject({ people: 1, places: 1, saidRemoved: 1, requestsSent: 1, ignored: 0 });
    expect(total).toMatchObject({ label: "Everyone", people: 3, places: 4, removed: 1, requestsSent: 2 });

    // The chart over the incident's cases, and over one unit.
    expect(incidentProgress(scope, incidentId, null, NOW).points.at(-1)).toMatchObject({
      found: 4,
      removed: 1,
      said_removed: 1,
    });
    expect(incidentProgress(scope, incidentId, ops.key, NOW).points.at(-1)).toMatchObject({
      found: 3,
      removed: 1,
      said_removed: 0,
    });

    const csv = incidentNumbersCsv(scope, incidentId, NOW);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "Unit",
      "People",
      "Places found",
      "Still up",
      "Removal requested",
      "They say it is removed",
      "Removed (checked)",
      "Back up again",
      "Requests sent",
      "Requests answered",
      "Requests refused",
      "No answer by the due date",
    ]);
    expect(rows.map((r) => [r.Unit, r.People, r["Places found"], r["Removed (checked)"]])).toEqual([
      ["'=Legal", "1", "1", "0"],
      ["Ops", "2", "3", "1"],
      ["Everyone", "3", "4", "1"],
    ]);
    expect(csv).not.toMatch(/Ada|Bo Two|Cy Three|employer\.example|forum\.example/);

    // Through the routes: the page and the file, for a member; another organisation is told it is not found.
    const page = await call(progressRoute.loader, get(`/incidents/${incidentId}/progress`, cookie), {
      incidentId,
    });
    expect((page as { numbers: { total: { places: number } } }).numbers.total.places).toBe(4);
    const file = (await call(csvRoute.loader, get(`/incidents/${incidentId}/progress.csv`, cookie), {
      incidentId,
    })) as Response;
    expect(file.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(await file.text()).toContain("Everyone,3,4");
    const other = await organisation();
    expect(
      status(
        await call(csvRoute.loader, get(`/incidents/${incidentId}/progress.csv`, other.cookie), {
          incidentId,
        }),
      ),
    ).toBe(404);
    expect(() => incidentNumbers(other.scope, incidentId)).toThrow();
  });
});
