// Owners and admins see the other members' active API tokens on the token page and can revoke one (a token
// shared by mistake, a script that must stop) without that member. Caseworkers and viewers cannot, and no one
// reaches another workspace's tokens. Revoking is audited with the member whose token it was.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessTokens, auditEvents, memberships } from "#db/schema";
import { createAccessToken } from "~/api/tokens.server";
import { createSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import * as listRoute from "~/routes/api.v1.subjects";
import * as tokensRoute from "~/routes/settings.tokens";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, get, newAccount, post, status } from "./helpers";

type Page = { memberTokens: { id: string; name: string; member: string }[] | null; tokens: { id: string }[] };

async function member(workspaceId: string, role: "admin" | "caseworker" | "viewer", name: string) {
  const a = await newAccount(name);
  getDb().insert(memberships).values({ workspaceId, userId: a.id, role }).run();
  const cookie = (await createSession({ userId: a.id, workspaceId })).split(";")[0]!;
  return { ...a, cookie };
}

async function apiStatus(token: string) {
  const r = await call(
    listRoute.loader as never,
    new Request("http://localhost/api/v1/subjects", { headers: { Authorization: `Bearer ${token}` } }),
  );
  return status(r);
}

const token = (userId: string, workspaceId: string, name: string) =>
  createAccessToken({ userId, workspaceId, name, access: "read", expiresAt: null });

describe("other members' tokens", () => {
  it("are listed for owners and admins only, and an admin revokes one: it stops working at once", async () => {
    const owner = await newAccount("Olga Owner");
    const org = createOrganisation(owner.id, "Token Org").id;
    const ownerCookie = (await createSession({ userId: owner.id, workspaceId: org })).split(";")[0]!;
    const admin = await member(org, "admin", "Adam Admin");
    const worker = await member(org, "caseworker", "Cora Caseworker");
    const viewer = await member(org, "viewer", "Vic Viewer");
    const ownerToken = token(owner.id, org, "Owner's export");
    const workerToken = token(worker.id, org, "Cora's import script");
    const gone = token(worker.id, org, "Cora's old script");
    getDb().update(accessTokens).set({ revokedAt: new Date() }).where(eq(accessTokens.id, gone.id)).run();

    token(admin.id, org, "Adam's report");

    // The owner sees every other member's active token (not revoked ones, not their own among them).
    const ownerPage = (await call(tokensRoute.loader as never, get("/settings/tokens", ownerCookie))) as Page;
    expect(ownerPage.memberTokens?.map((t) => `${t.name} · ${t.member}`).sort()).toEqual([
      "Adam's report · Adam Admin",
      "Cora's import script · Cora Caseworker",
    ]);
    expect(ownerPage.tokens.map((t) => t.id)).toEqual([ownerToken.id]);
    for (const who of [worker, viewer]) {
      const page = (await call(tokensRoute.loader as never, get("/settings/tokens", who.cookie))) as Page;
      expect(page.memberTokens).toBeNull();
    }

    // An admin does not act on owners: the owner's token is neither listed nor revocable for them.
    const adminPage = (await call(
      tokensRoute.loader as never,
      get("/settings/tokens", admin.cookie),
    )) as Page;
    expect(adminPage.memberTokens?.map((t) => t.name)).toEqual(["Cora's import script"]);
    expect(adminPage.tokens.map((t) => t.id)).toHaveLength(1); // their own, in their own list
    const notTheirs = await call(
      tokensRoute.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: ownerToken.id }, admin.cookie),
    );
    expect(status(notTheirs)).toBe(404);

    // A caseworker cannot revoke the owner's token: the same answer as for a token that does not exist.
    const refused = await call(
      tokensRoute.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: ownerToken.id }, worker.cookie),
    );
    expect(status(refused)).toBe(404);
    expect(await apiStatus(ownerToken.token)).toBe(200);

    // Another organisation's owner cannot either.
    const stranger = await newAccount("Sam Stranger");
    const theirs = createOrganisation(stranger.id, "Other Org").id;
    const strangerCookie = (await createSession({ userId: stranger.id, workspaceId: theirs })).split(";")[0]!;
    const foreign = await call(
      tokensRoute.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: workerToken.id }, strangerCookie),
    );
    expect(status(foreign)).toBe(404);
    expect(await apiStatus(workerToken.token)).toBe(200);

    // The admin revokes the caseworker's token.
    const done = (await call(
      tokensRoute.action as never,
      post("/settings/tokens", { intent: "revoke", tokenId: workerToken.id }, admin.cookie),
    )) as Response;
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ revoked: workerToken.id });
    expect(await apiStatus(workerToken.token)).toBe(401);
    const row = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "token.revoke"), eq(auditEvents.targetId, workerToken.id)))
      .get();
    expect(row).toMatchObject({ actorUserId: admin.id, workspaceId: org, detail: { member: worker.id } });
    const after = (await call(tokensRoute.loader as never, get("/settings/tokens", ownerCookie))) as Page;
    expect(after.memberTokens?.map((t) => t.name)).toEqual(["Adam's report"]);
  });
});
