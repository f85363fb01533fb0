// Client intake: the form creates the client, a case, the first leaked pages and encrypted answers; calls for
// harm make it urgent; consent leads to the letter of authority; admins assign, caseworkers keep their own;
// another workspace and a colleague get 404; nothing personal is stored in plain text.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clientIntakes, exposures, subjects } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import * as intakeRoute from "~/routes/clients.$subjectId.intake";
import * as newClientRoute from "~/routes/clients.new";
import * as mandateRoute from "~/routes/subjects.$subjectId_.mandate";
import { acceptInvitation, createInvitation } from "~/workspaces/invitations.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, get, newAccount, post, status } from "./helpers";

type Member = { id: string; cookie: string; scope: Scope };

async function join(owner: Scope, workspaceId: string, role: Role, name: string): Promise<Member> {
  const acc = await newAccount(name);
  const inv = await createInvitation(owner, { email: acc.email, role });
  acceptInvitation(inv.link.split("/").pop()!, acc.id);
  const cookie = (await createSession({ userId: acc.id, workspaceId })).split(";")[0]!;
  return { id: acc.id, cookie, scope: { userId: acc.id, workspaceId, role } };
}

const FULL = {
  name: "Amira Haddad",
  aliases: "Amira H.\nMimi",
  country: "DE",
  safeChannel: "messenger",
  safeContact: "+49 151 0000000 (Signal)",
  safeTimes: "Weekdays 10-14",
  othersRead: "yes",
  leaked: ["home_address", "phone"],
  leakedNotes: "Her new flat and her work shifts",
  urls: "https://t.me/somechannel/123\nhttps://forum.example.org/thread/9",
  harm: "yes",
  consent: "yes",
};

let owner: Member;
let caseworker: Member;
let colleague: Member;
let viewer: Member;
let workspaceId: string;

beforeAll(async () => {
  const acc = await newAccount("Intake Owner");
  workspaceId = createOrganisation(acc.id, "Intake Legal Aid").id;
  owner = {
    id: acc.id,
    cookie: (await createSession({ userId: acc.id, workspaceId })).split(";")[0]!,
    scope: { userId: acc.id, workspaceId, role: "owner" },
  };
  caseworker = await join(owner.scope, workspaceId, "caseworker", "Carla Caseworker");
  colleague = await join(owner.scope, workspaceId, "caseworker", "Colin Colleague");
  viewer = await join(owner.scope, workspaceId, "viewer", "Vera Viewer");
});

async function submit(body: Record<string, string | string[]>, cookie: string) {
  return (await call(newClientRoute.action, post("/clients/new", body, cookie))) as Response;
}

const subjectIdFrom = (r: Response) =>
  /^\/clients\/([\w-]+)\/intake\?new=1$/.exec(r.headers.get("Location") ?? "")![1]!;

describe("client intake", () => {
  it("a caseworker takes on a client: subject, case, urgent leaked pages, encrypted answers, their own client", async () => {
    const r = await submit(FULL, caseworker.cookie);
    expect(r.status).toBe(302);
    const subjectId = subjectIdFrom(r);
    const db = getDb();
    const subject = db.select().from(subjects).where(eq(subjects.id, subjectId)).get()!;
    expect(subject.assignedTo).toBe(caseworker.id);
    const intake = db.select().from(clientIntakes).where(eq(clientIntakes.subjectId, subjectId)).get()!;
    expect(intake).toMatchObject({ urgent: true, consent: "yes", createdBy: caseworker.id, workspaceId });
    const pages = db.select().from(exposures).where(eq(exposures.caseId, intake.caseId!)).all();
    expect(pages).toHaveLength(2);
    for (const p of pages) {
      expect(p.callsForHarm).toBe(true);
      expect(p.exposed).toEqual(["home_address", "phone"]);
      expect(["high", "critical"]).toContain(p.severity);
    }
    // Nothing personal in plain text anywhere in the intake row or the client row.
    const raw = JSON.stringify([intake, subject]);
    for (const secret of ["Amira", "Signal", "Weekdays", "flat", "messenger"])
      expect(raw).not.toContain(secret);

    // The summary page: the answers, the safety notice's facts, the letter of authority as the next step.
    const page = (await call(intakeRoute.loader, get(`/clients/${subjectId}/intake`, caseworker.cookie), {
      subjectId,
    })) as Awaited<ReturnType<typeof intakeRoute.loader>>;
    expect(page).toMatchObject({ name: "Amira Haddad" });
    expect(page.intake).toMatchObject({ urgent: true, consent: "yes", caseId: intake.caseId });
    expect(page.intake!.answers).toMatchObject({
      safeChannel: "messenger",
      safeContact: "+49 151 0000000 (Signal)",
      othersRead: "yes",
      harm: "yes",
    });
    const mandate = (await call(
      mandateRoute.loader,
      get(`/subjects/${subjectId}/mandate`, caseworker.cookie),
      {
        subjectId,
      },
    )) as Response;
    expect(mandate.status).toBe(200);
    expect(mandate.headers.get("Content-Type")).toBe("application/pdf");

    // Creation and each read are logged, without personal values.
    const events = db.select().from(auditEvents).where(eq(auditEvents.targetId, subjectId)).all();
    const actions = events.map((e) => e.action);
    expect(actions).toContain("subject.intake");
    expect(actions).toContain("intake.read");
    expect(JSON.stringify(events.map((e) => e.detail))).not.toMatch(/Amira|Signal|t\.me/);
  });

  it("only the name and the required choices are needed; no harm means not urgent", async () => {
    const r = await submit(
      { name: "Ben Lee", safeChannel: "email", othersRead: "no", harm: "no", consent: "not_yet" },
      caseworker.cookie,
    );
    expect(r.status).toBe(302);
    const intake = getDb()
      .select()
      .from(clientIntakes)
      .where(eq(clientIntakes.subjectId, subjectIdFrom(r)))
      .get()!;
    expect(intake.urgent).toBe(false);
    expect(intake.consent).toBe("not_yet");
  });

  it("explains what is missing or wrong (400) and keeps what was typed", async () => {
    const r = await submit(
      { name: "", urls: "not a url with spaces", leaked: ["home_address", "bogus"], safeContact: "keep me" },
      caseworker.cookie,
    );
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.fieldErrors.name).toEqual(["Enter the person's name."]);
    expect(body.fieldErrors.safeChannel?.[0]).toMatch(/safely contact/);
    expect(body.fieldErrors.othersRead).toBeDefined();
    expect(body.fieldErrors.harm).toBeDefined();
    expect(body.fieldErrors.consent).toBeDefined();
    expect(body.fieldErrors.urls?.[0]).toMatch(/line 1/);
    expect(body.fieldErrors.leaked).toBeDefined();
    expect(body.values.safeContact).toBe("keep me");
    expect(body.values.leaked).toEqual(["home_address", "bogus"]);
  });

  it("admins give the client to a caseworker; a caseworker cannot choose, a viewer cannot take clients", async () => {
    const r = await submit({ ...FULL, name: "Cleo Diaz", harm: "no", assignee: caseworker.id }, owner.cookie);
    expect(r.status).toBe(302);
    const id = subjectIdFrom(r);
    expect(getDb().select().from(subjects).where(eq(subjects.id, id)).get()!.assignedTo).toBe(caseworker.id);
    // The caseworker sees it; their colleague and another workspace get 404.
    expect(
      status(
        await call(intakeRoute.loader, get(`/clients/${id}/intake`, caseworker.cookie), { subjectId: id }),
      ),
    ).toBe(200);
    expect(
      status(
        await call(intakeRoute.loader, get(`/clients/${id}/intake`, colleague.cookie), { subjectId: id }),
      ),
    ).toBe(404);
    const stranger = await newAccount("Stranger");
    expect(
      status(
        await call(intakeRoute.loader, get(`/clients/${id}/intake`, stranger.cookie), { subjectId: id }),
      ),
    ).toBe(404);
    // An admin may leave it unassigned; a viewer may not assign (not in the list).
    const none = await submit({ ...FULL, name: "Dana Unassigned", harm: "no" }, owner.cookie);
    expect(
      getDb()
        .select()
        .from(subjects)
        .where(eq(subjects.id, subjectIdFrom(none)))
        .get()!.assignedTo,
    ).toBeNull();
    const toViewer = await submit({ ...FULL, name: "Eve", assignee: viewer.id }, owner.cookie);
    expect(toViewer.status).toBe(400);
    expect((await toViewer.json()).fieldErrors.assignee).toEqual(["Choose a member from the list."]);
    // A caseworker who sends an assignee is refused (403): their clients are their own.
    expect((await submit({ ...FULL, name: "Fay", assignee: colleague.id }, caseworker.cookie)).status).toBe(
      403,
    );
    // Viewers cannot open the form at all.
    expect(status(await call(newClientRoute.loader, get("/clients/new", viewer.cookie)))).toBe(403);
    expect((await submit(FULL, viewer.cookie)).status).toBe(403);
    // The form lists assignees for admins only.
    const ownerForm = (await call(newClientRoute.loader, get("/clients/new", owner.cookie))) as Awaited<
      ReturnType<typeof newClientRoute.loader>
    >;
    expect(ownerForm.canAssign).toBe(true);
    expect(ownerForm.assignees.map((a) => a.value)).toEqual(
      expect.arrayContaining([caseworker.id, colleague.id]),
    );
    expect(ownerForm.assignees.map((a) => a.value)).not.toContain(viewer.id);
    const cwForm = (await call(newClientRoute.loader, get("/clients/new", caseworker.cookie))) as Awaited<
      ReturnType<typeof newClientRoute.loader>
    >;
    expect(cwForm).toMatchObject({ canAssign: false, assignees: [] });
  });

  it("a client without an intake says so; an unknown client is 404", async () => {
    const { createSubject } = await import("~/subjects/subjects.server");
    const plain = createSubject(owner.scope, {
      name: "No Intake",
      aliases: [],
      emails: [],
      phones: [],
      addresses: [],
      usernames: [],
      country: "",
      notes: "",
    });
    const r = (await call(intakeRoute.loader, get(`/clients/${plain}/intake`, owner.cookie), {
      subjectId: plain,
    })) as Awaited<ReturnType<typeof intakeRoute.loader>>;
    expect(r).toMatchObject({ name: "No Intake", intake: null });
    expect(
      status(
        await call(intakeRoute.loader, get("/clients/nope/intake", owner.cookie), { subjectId: "nope" }),
      ),
    ).toBe(404);
  });
});
