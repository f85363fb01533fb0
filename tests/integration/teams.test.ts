// Organisations end to end: create, invite through a real SMTP server, accept once, roles, the last owner,
// switching workspaces, and the caseworker rule (only assigned clients) by URL and by form post.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { addEvidence } from "~/evidence/evidence.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import * as indexRoute from "~/routes/_index";
import * as caseRoute from "~/routes/cases.$caseId._index";
import * as exposureRoute from "~/routes/cases.$caseId.exposures.$exposureId";
import * as evidenceRoute from "~/routes/cases.$caseId.exposures.$exposureId_.evidence.$evidenceId";
import * as newCaseRoute from "~/routes/cases.new";
import * as invitationRoute from "~/routes/invitations.$token";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import * as membersRoute from "~/routes/workspace.members";
import * as switchRoute from "~/routes/workspaces.switch";
import { createSubject, listSubjectNames, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { acceptInvitation, createInvitation, InvitationError } from "~/workspaces/invitations.server";
import {
  assignSubject,
  changeRole,
  listMembers,
  MemberError,
  removeMember,
} from "~/workspaces/members.server";
import type { Role, Scope } from "~/workspaces/scope.server";
import { createOrganisation, membershipRole } from "~/workspaces/workspaces.server";
import { call, get, newAccount, post, status } from "./helpers";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

type Account = Awaited<ReturnType<typeof newAccount>>;

/** A member's cookie and scope inside a given workspace. */
async function inWorkspace(account: Account, workspaceId: string) {
  const role = membershipRole(account.id, workspaceId) as Role;
  const cookie = (await createSession({ userId: account.id, workspaceId })).split(";")[0]!;
  return { cookie, scope: { userId: account.id, workspaceId, role } satisfies Scope };
}

function tokenFrom(text: string) {
  const m = /https:\/\/retract\.example\.org\/invitations\/([\w-]+)/.exec(text);
  expect(m, text).not.toBeNull();
  return m![1]!;
}

describe("an organisation", () => {
  it("is created with its creator as owner, and a member switches into it (only if a member)", async () => {
    const founder = await newAccount("Founder");
    const stranger = await newAccount("Stranger");
    const { id } = createOrganisation(founder.id, "Legal Aid North");
    expect(membershipRole(founder.id, id)).toBe("owner");
    const ok = (await call(
      switchRoute.action,
      post("/workspaces/switch", { workspaceId: id }, founder.cookie),
    )) as Response;
    expect(ok.status).toBe(302);
    const members = (await call(membersRoute.loader, get("/workspace/members", founder.cookie))) as {
      name: string;
    };
    expect(members.name).toBe("Legal Aid North");
    const denied = await call(
      switchRoute.action,
      post("/workspaces/switch", { workspaceId: id }, stranger.cookie),
    );
    expect(status(denied)).toBe(404);
  });

  it("invites by email with a single-use, 7-day link that only the invited address can accept", async () => {
    const owner = await newAccount("Owner");
    const invitee = await newAccount("Invitee");
    const wrong = await newAccount("Wrong");
    const { id: orgId } = createOrganisation(owner.id, "Clinic");
    const o = await inWorkspace(owner, orgId);
    const res = (await call(
      membersRoute.action,
      post(
        "/workspace/members",
        { intent: "invite", email: invitee.email.toUpperCase(), role: "caseworker" },
        o.cookie,
      ),
    )) as { ok: boolean; invited: { link: string; delivered: boolean } };
    expect(res.ok).toBe(true);
    expect(res.invited.delivered).toBe(true);
    const mail = inbox.find((m) => m.to === invitee.email)!;
    expect(mail.subject).toContain("Clinic");
    const token = tokenFrom(mail.text);
    expect(res.invited.link).toContain(token);

    // Stored hashed and encrypted: neither the token nor the address appears in the row.
    const row = getDb().select().from(invitations).where(eq(invitations.workspaceId, orgId)).get()!;
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(invitee.email);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    // Another account cannot use it.
    const wrongTry = (await call(
      invitationRoute.action,
      post(`/invitations/${token}`, { intent: "accept" }, wrong.cookie),
      { token },
    )) as Response;
    expect(wrongTry.status).toBe(400);
    expect(membershipRole(wrong.id, orgId)).toBeNull();

    const accepted = (await call(
      invitationRoute.action,
      post(`/invitations/${token}`, { intent: "accept" }, invitee.cookie),
      { token },
    )) as Response;
    expect(accepted.status).toBe(302);
    expect(membershipRole(invitee.id, orgId)).toBe("caseworker");
    // The session moved into the organisation.
    const list = (await call(membersRoute.loader, get("/", invitee.cookie))) as Response;
    expect(list.status).toBe(403);

    // Second use: gone.
    expect(status(await call(invitationRoute.loader, get(`/invitations/${token}`), { token }))).toBe(404);
    expect(() => acceptInvitation(token, invitee.id)).toThrow(InvitationError);
  });

  it("lets a new person sign up from the invitation, with the invited address only", async () => {
    const owner = await newAccount("Owner");
    const { id: orgId } = createOrganisation(owner.id, "Signup Org");
    const email = `new-${Date.now()}@example.test`;
    await createInvitation((await inWorkspace(owner, orgId)).scope, { email, role: "viewer" });
    const token = tokenFrom(inbox.find((m) => m.to === email)!.text);
    const other = (await call(
      invitationRoute.action,
      post(`/invitations/${token}`, {
        intent: "signup",
        name: "N",
        email: "else@example.test",
        password: "correct horse battery",
      }),
      { token },
    )) as Response;
    expect(other.status).toBe(400);
    const ok = (await call(
      invitationRoute.action,
      post(`/invitations/${token}`, {
        intent: "signup",
        name: "New Viewer",
        email,
        password: "correct horse battery",
      }),
      { token },
    )) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("__retract_session");
  });

  it("refuses expired invitations", async () => {
    const owner = await newAccount("Owner");
    const invitee = await newAccount("Late");
    const { id: orgId } = createOrganisation(owner.id, "Expiry Org");
    await createInvitation((await inWorkspace(owner, orgId)).scope, { email: invitee.email, role: "viewer" });
    const token = tokenFrom(inbox.find((m) => m.to === invitee.email)!.text);
    getDb()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.workspaceId, orgId))
      .run();
    expect(() => acceptInvitation(token, invitee.id)).toThrow(InvitationError);
  });

  it("changes roles and removes members, never the last owner; admins cannot touch owners", async () => {
    const owner = await newAccount("Owner");
    const admin = await newAccount("Admin");
    const { id: orgId } = createOrganisation(owner.id, "Roles Org");
    const o = await inWorkspace(owner, orgId);
    await createInvitation(o.scope, { email: admin.email, role: "admin" });
    acceptInvitation(tokenFrom(inbox.find((m) => m.to === admin.email)!.text), admin.id);
    const a = await inWorkspace(admin, orgId);

    expect(() => changeRole(o.scope, owner.id, "admin")).toThrow(MemberError);
    expect(() => removeMember(o.scope, owner.id)).toThrow(MemberError);
    expect(() => changeRole(a.scope, owner.id, "viewer")).toThrow(MemberError);
    expect(() => changeRole(a.scope, admin.id, "owner")).toThrow(MemberError);
    const refused = (await call(
      membersRoute.action,
      post("/", { intent: "remove", userId: owner.id }, o.cookie),
    )) as Response;
    expect(refused.status).toBe(400);

    changeRole(o.scope, admin.id, "owner");
    changeRole(o.scope, owner.id, "viewer"); // now allowed: another owner exists
    expect(
      listMembers(a.scope)
        .map((m) => m.role)
        .sort(),
    ).toEqual(["owner", "viewer"]);
    const removed = (await call(
      membersRoute.action,
      post("/", { intent: "remove", userId: owner.id }, (await inWorkspace(admin, orgId)).cookie),
    )) as Response;
    expect(removed.status).toBe(302);
    expect(membershipRole(owner.id, orgId)).toBeNull();
    // Their session in the organisation ended.
    expect(status(await call(caseRoute.loader, get("/", o.cookie), { caseId: "x" }))).toBe(302);
  });
});

describe("caseworkers, viewers and other organisations", () => {
  let owner: Account;
  let alice: Account; // caseworker with a client
  let bob: Account; // caseworker with another client
  let vera: Account; // viewer
  let outsider: Account;
  let orgId: string;
  let bobs: { caseId: string; subjectId: string; exposureId: string; evidenceId: string };
  let alices: { caseId: string; subjectId: string };

  async function clientWithCase(scope: Scope, name: string) {
    const subjectId = createSubject(scope, SubjectFieldsSchema.parse({ name }));
    const caseId = createCase(scope, { subjectId, title: `${name} case` });
    const url = normaliseUrl(`https://t.me/leaks/${name.length}${Date.now()}`);
    if (!url.ok) throw new Error("bad fixture");
    const exposureId = createExposure(scope, caseId, {
      url: url.value,
      exposed: ["home_address"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const evidenceId = await addEvidence(scope, exposureId, {
      filename: "shot.txt",
      bytes: Buffer.from(name),
    });
    return { subjectId, caseId, exposureId, evidenceId };
  }

  beforeAll(async () => {
    owner = await newAccount("Supervisor");
    alice = await newAccount("Alice");
    bob = await newAccount("Bob");
    vera = await newAccount("Vera");
    outsider = await newAccount("Outsider");
    orgId = createOrganisation(owner.id, "Caseworkers Org").id;
    const o = await inWorkspace(owner, orgId);
    for (const [who, role] of [
      [alice, "caseworker"],
      [bob, "caseworker"],
      [vera, "viewer"],
    ] as const) {
      await createInvitation(o.scope, { email: who.email, role });
      acceptInvitation(tokenFrom(inbox.findLast((m) => m.to === who.email)!.text), who.id);
    }
    alices = await clientWithCase(o.scope, "Client Of Alice");
    bobs = await clientWithCase(o.scope, "Client Of Bob");
    const assign = (subjectId: string, userId: string) =>
      call(subjectRoute.action, post("/", { intent: "assign", assignee: userId }, o.cookie), { subjectId });
    expect(status(await assign(alices.subjectId, alice.id))).toBe(302);
    expect(status(await assign(bobs.subjectId, bob.id))).toBe(302);
    // A viewer cannot be given clients.
    expect(status(await assign(bobs.subjectId, vera.id))).toBe(400);
  });

  it("a caseworker lists only their own clients' cases and people", async () => {
    const a = await inWorkspace(alice, orgId);
    const list = (await call(indexRoute.loader, get("/", a.cookie))) as {
      cases: { id: string }[];
      total: number;
    };
    expect(list.cases.map((c) => c.id)).toEqual([alices.caseId]);
    expect(list.total).toBe(1);
    expect(listSubjectNames(a.scope).map((s) => s.id)).toEqual([alices.subjectId]);
    const picker = (await call(newCaseRoute.loader, get("/", a.cookie))) as { subjects: { id: string }[] };
    expect(picker.subjects.map((s) => s.id)).toEqual([alices.subjectId]);
  });

  it("a caseworker gets 404 for a colleague's client's case, exposure, evidence and person, by URL", async () => {
    const { cookie } = await inWorkspace(alice, orgId);
    const { caseId, exposureId, evidenceId, subjectId } = bobs;
    expect(status(await call(caseRoute.loader, get("/", cookie), { caseId }))).toBe(404);
    expect(status(await call(exposureRoute.loader, get("/", cookie), { caseId, exposureId }))).toBe(404);
    expect(
      status(await call(evidenceRoute.loader, get("/", cookie), { caseId, exposureId, evidenceId })),
    ).toBe(404);
    expect(status(await call(subjectRoute.loader, get("/", cookie), { subjectId }))).toBe(404);
    // Their own client opens.
    expect(status(await call(caseRoute.loader, get("/", cookie), { caseId: alices.caseId }))).toBe(200);
  });

  it("a caseworker gets 404 for every form post on a colleague's client, and cannot assign", async () => {
    const { cookie } = await inWorkspace(alice, orgId);
    const { caseId, exposureId, evidenceId, subjectId } = bobs;
    const attempts: [unknown, Record<string, string>, Record<string, string>, number][] = [
      [caseRoute.action, { caseId }, { intent: "add-exposure", url: "https://evil.example.com/x" }, 404],
      [caseRoute.action, { caseId }, { intent: "close" }, 404],
      [exposureRoute.action, { caseId, exposureId }, { intent: "delete" }, 404],
      [exposureRoute.action, { caseId, exposureId }, { intent: "strip", evidenceId }, 404],
      [subjectRoute.action, { subjectId }, { name: "Changed" }, 404],
      [newCaseRoute.action, {}, { subjectId, title: "Sneaky" }, 400],
      // Assigning is for admins: 403 even on their own client.
      [subjectRoute.action, { subjectId: alices.subjectId }, { intent: "assign", assignee: alice.id }, 403],
    ];
    for (const [fn, params, body, expected] of attempts) {
      const r = await call(fn as never, post("/", body, cookie), params);
      expect(status(r), JSON.stringify(body)).toBe(expected);
    }
    const o = await inWorkspace(owner, orgId);
    const still = (await call(caseRoute.loader, get("/", o.cookie), { caseId })) as {
      kase: { status: string };
    };
    expect(still.kase.status).toBe("open");
  });

  it("a caseworker's new client is assigned to them; the supervisor sees every client", async () => {
    const a = await inWorkspace(alice, orgId);
    const mine = createSubject(a.scope, SubjectFieldsSchema.parse({ name: "Walk-in" }));
    expect(listSubjectNames(a.scope).map((s) => s.id)).toContain(mine);
    const b = await inWorkspace(bob, orgId);
    expect(listSubjectNames(b.scope).map((s) => s.id)).not.toContain(mine);
    const o = await inWorkspace(owner, orgId);
    const all = (await call(indexRoute.loader, get("/", o.cookie))) as { cases: { id: string }[] };
    expect(all.cases.map((c) => c.id).sort()).toEqual([alices.caseId, bobs.caseId].sort());
  });

  it("reassigning moves the client from one caseworker to the other", async () => {
    const o = await inWorkspace(owner, orgId);
    assignSubject(o.scope, alices.subjectId, bob.id);
    const a = await inWorkspace(alice, orgId);
    const b = await inWorkspace(bob, orgId);
    expect(status(await call(caseRoute.loader, get("/", a.cookie), { caseId: alices.caseId }))).toBe(404);
    expect(status(await call(caseRoute.loader, get("/", b.cookie), { caseId: alices.caseId }))).toBe(200);
    assignSubject(o.scope, alices.subjectId, alice.id);
  });

  it("a viewer reads every client but gets 403 for every change", async () => {
    const { cookie } = await inWorkspace(vera, orgId);
    const { caseId, exposureId, evidenceId, subjectId } = bobs;
    expect(status(await call(caseRoute.loader, get("/", cookie), { caseId }))).toBe(200);
    expect(
      status(await call(evidenceRoute.loader, get("/", cookie), { caseId, exposureId, evidenceId })),
    ).toBe(200);
    const attempts: [unknown, Record<string, string>, Record<string, string>][] = [
      [caseRoute.action, { caseId }, { intent: "add-exposure", url: "https://evil.example.com/x" }],
      [caseRoute.action, { caseId }, { intent: "close" }],
      [exposureRoute.action, { caseId, exposureId }, { intent: "delete" }],
      [subjectRoute.action, { subjectId }, { name: "Changed" }],
      [subjectRoute.action, { subjectId }, { intent: "assign", assignee: "" }],
      [newCaseRoute.action, {}, { subjectId, title: "Viewer case" }],
      [membersRoute.action, {}, { intent: "invite", email: "x@example.test", role: "admin" }],
    ];
    for (const [fn, params, body] of attempts) {
      const r = await call(fn as never, post("/", body, cookie), params);
      expect(status(r), JSON.stringify(body)).toBe(403);
    }
  });

  it("another organisation sees nothing (404), and cannot switch in", async () => {
    const other = createOrganisation(outsider.id, "Other Org").id;
    const { cookie } = await inWorkspace(outsider, other);
    const { caseId, exposureId, evidenceId, subjectId } = bobs;
    expect(status(await call(caseRoute.loader, get("/", cookie), { caseId }))).toBe(404);
    expect(status(await call(exposureRoute.loader, get("/", cookie), { caseId, exposureId }))).toBe(404);
    expect(
      status(await call(evidenceRoute.loader, get("/", cookie), { caseId, exposureId, evidenceId })),
    ).toBe(404);
    expect(
      status(
        await call(subjectRoute.action, post("/", { intent: "assign", assignee: "" }, cookie), { subjectId }),
      ),
    ).toBe(404);
    expect(status(await call(switchRoute.action, post("/", { workspaceId: orgId }, cookie)))).toBe(404);
    const list = (await call(indexRoute.loader, get("/", cookie))) as { cases: unknown[] };
    expect(list.cases).toEqual([]);
  });
});
