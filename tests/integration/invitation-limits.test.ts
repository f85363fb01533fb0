// Invitation limits: 20 per member per hour, 100 per workspace per day; the members page answers 429 with a
// plain message and a Retry-After header, sends no mail and stores no invitation once a limit is reached.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations } from "#db/schema";
import { INVITATION_LIMITS } from "~/auth/rate-limit.server";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import * as membersRoute from "~/routes/workspace.members";
import { acceptInvitation, createInvitation } from "~/workspaces/invitations.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, newAccount, post, status } from "./helpers";
import { useSystemMailServer } from "./system-mail";

const inbox = useSystemMailServer();

const invitationCount = (workspaceId: string) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(invitations)
    .where(eq(invitations.workspaceId, workspaceId))
    .get()!.n;

async function orgWithOwner(name: string) {
  const owner = await newAccount(`${name} owner`);
  const { id } = createOrganisation(owner.id, name);
  const cookie = (await createSession({ userId: owner.id, workspaceId: id })).split(";")[0]!;
  return {
    owner,
    workspaceId: id,
    cookie,
    scope: { userId: owner.id, workspaceId: id, role: "owner" as const },
  };
}

async function invite(cookie: string, email: string) {
  return call(
    membersRoute.action,
    post("/workspace/members", { intent: "invite", email, role: "viewer" }, cookie),
  );
}

describe("invitation limits", () => {
  it("lets a member send 20 invitations in an hour, then answers 429 on the members page", async () => {
    const org = await orgWithOwner("Limits One");
    for (let i = 0; i < INVITATION_LIMITS.perMember.points; i++) {
      const r = await invite(org.cookie, `person${i}@limits-one.test`);
      expect(status(r), `invitation ${i + 1}`).toBe(200);
    }
    const mailBefore = inbox.length;
    const refused = (await invite(org.cookie, "one-too-many@limits-one.test")) as Response;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(3600);
    const body = await refused.json();
    expect(body.intent).toBe("invite");
    expect(body.formErrors[0]).toMatch(/most invitations allowed in one hour/);
    expect(invitationCount(org.workspaceId)).toBe(20);
    // Nothing was mailed for the refused invitation, and the refusal is in the audit log (no email in it).
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox.slice(mailBefore).some((m) => m.to.includes("one-too-many"))).toBe(false);
    const logged = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, org.workspaceId), eq(auditEvents.action, "invitation.limited")))
      .all();
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]!.detail)).not.toContain("@");
  });

  it("counts each member separately, and a refused invitation (already a member, invalid) costs nothing", async () => {
    const org = await orgWithOwner("Limits Two");
    const admin = await newAccount("Limits Two admin");
    const inv = await createInvitation(org.scope, { email: admin.email, role: "admin" });
    acceptInvitation(inv.link.split("/").pop()!, admin.id);
    const adminCookie = (await createSession({ userId: admin.id, workspaceId: org.workspaceId })).split(
      ";",
    )[0]!;
    // The owner has used 1 of 20; 19 more are fine, and invalid forms along the way do not count.
    for (let i = 0; i < 19; i++) expect(status(await invite(org.cookie, `p${i}@limits-two.test`))).toBe(200);
    expect(status(await invite(org.cookie, "not an email"))).toBe(400);
    expect(status(await invite(org.cookie, admin.email))).toBe(400);
    expect(status(await invite(org.cookie, "p20@limits-two.test"))).toBe(429);
    // The admin has an allowance of their own.
    expect(status(await invite(adminCookie, "from-admin@limits-two.test"))).toBe(200);
  });

  it("stops the whole workspace after 100 invitations in a day, whoever sends them", async () => {
    const org = await orgWithOwner("Limits Three");
    const admins = [];
    for (let a = 0; a < 6; a++) {
      const acc = await newAccount(`Limits Three admin ${a}`);
      const inv = await createInvitation(org.scope, { email: acc.email, role: "admin" });
      acceptInvitation(inv.link.split("/").pop()!, acc.id);
      admins.push((await createSession({ userId: acc.id, workspaceId: org.workspaceId })).split(";")[0]!);
    }
    // 6 sent by the owner; five admins send 20 each would make 106: the 95th of theirs is the last allowed.
    let sent = 6;
    let refused: Response | undefined;
    for (const cookie of admins.slice(0, 5)) {
      for (let i = 0; i < 20 && !refused; i++) {
        const r = await invite(cookie, `w${sent}@limits-three.test`);
        if (status(r) === 429) refused = r as Response;
        else {
          expect(status(r)).toBe(200);
          sent += 1;
        }
      }
    }
    expect(sent).toBe(INVITATION_LIMITS.perWorkspace.points);
    expect(refused).toBeDefined();
    expect((await refused!.json()).formErrors[0]).toMatch(
      /organisation has sent the most invitations allowed in one day/,
    );
    // A member who has sent none is refused too.
    expect(status(await invite(admins[5]!, "fresh@limits-three.test"))).toBe(429);
    expect(invitationCount(org.workspaceId)).toBe(100);
  });

  it("does not touch another workspace's allowance", async () => {
    const other = await orgWithOwner("Limits Four");
    expect(status(await invite(other.cookie, "someone@limits-four.test"))).toBe(200);
  });
});
