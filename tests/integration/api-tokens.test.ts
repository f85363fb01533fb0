// Personal access tokens and /api/v1/subjects: a token from the CLI (alone on stdout), create and read
// subjects with it, 404 for another workspace's subject, 401 without a valid token, read-only tokens.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessTokens } from "#db/schema";
import { createAccessToken, revokeAccessToken } from "~/api/tokens.server";
import { getDb } from "~/db.server";
import * as listRoute from "~/routes/api.v1.subjects";
import * as oneRoute from "~/routes/api.v1.subjects.$subjectId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, newAccount } from "./helpers";

const run = promisify(execFile);

function api(path: string, token: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

async function answer(fn: unknown, request: Request, params: Record<string, string> = {}) {
  return (await call(fn as never, request, params)) as Response;
}

describe("the API with access tokens", () => {
  it("token:create prints the token alone; it creates and reads subjects; other workspaces get 404", {
    timeout: 30_000,
  }, async () => {
    const me = await newAccount("Api User");
    const other = await newAccount("Other User");
    const { id: orgId, slug } = createOrganisation(me.id, "Api Org");
    const { stdout } = await run(
      "npx",
      ["tsx", "scripts/cli.ts", "token:create", "--email", me.email, "--workspace", slug],
      {
        env: process.env,
      },
    );
    expect(stdout).toMatch(/^rtr_[\w-]{40,}\n$/);
    const token = stdout.trim();
    const row = getDb().select().from(accessTokens).where(eq(accessTokens.workspaceId, orgId)).get()!;
    expect(row.tokenHash).not.toContain(token);

    const created = await answer(
      listRoute.action,
      api("/api/v1/subjects", token, {
        method: "POST",
        body: JSON.stringify({ name: "Api Person", emails: ["api.person@example.test"] }),
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; name: string; emails: string[] };
    expect(body.name).toBe("Api Person");
    expect(body.emails).toEqual(["api.person@example.test"]);

    const read = await answer(oneRoute.loader, api(`/api/v1/subjects/${body.id}`, token), {
      subjectId: body.id,
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(body.id);
    const list = await answer(listRoute.loader, api("/api/v1/subjects", token));
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([body.id]);

    // Another workspace's subject: 404, never 403.
    const theirs = createSubject(other.scope, SubjectFieldsSchema.parse({ name: "Not yours" }));
    const denied = await answer(oneRoute.loader, api(`/api/v1/subjects/${theirs}`, token), {
      subjectId: theirs,
    });
    expect(denied.status).toBe(404);
    expect(((await denied.json()) as { error: string }).error).toMatch(/could not be found/);
    // The token works in its own workspace only: the personal workspace's subject is also 404.
    const personal = createSubject(me.scope, SubjectFieldsSchema.parse({ name: "Personal" }));
    expect(
      (await answer(oneRoute.loader, api(`/api/v1/subjects/${personal}`, token), { subjectId: personal }))
        .status,
    ).toBe(404);
  });

  it("refuses a missing, wrong or revoked token (401), a read-only token's writes (403) and bad JSON (400)", async () => {
    const me = await newAccount("Api Two");
    expect((await answer(listRoute.loader, api("/api/v1/subjects", null))).status).toBe(401);
    expect((await answer(listRoute.loader, api("/api/v1/subjects", `rtr_${"x".repeat(43)}`))).status).toBe(
      401,
    );

    const ro = createAccessToken({ userId: me.id, workspaceId: me.workspaceId, name: "ro", access: "read" });
    const post = (token: string, body: string) =>
      answer(listRoute.action, api("/api/v1/subjects", token, { method: "POST", body }));
    expect((await post(ro.token, JSON.stringify({ name: "X" }))).status).toBe(403);
    expect((await answer(listRoute.loader, api("/api/v1/subjects", ro.token))).status).toBe(200);

    const rw = createAccessToken({ userId: me.id, workspaceId: me.workspaceId, name: "rw", access: "write" });
    expect((await post(rw.token, "{not json")).status).toBe(400);
    expect((await post(rw.token, JSON.stringify({ name: "" }))).status).toBe(400);
    expect((await post(rw.token, JSON.stringify({ name: "Ok", extra: 1 }))).status).toBe(400);
    revokeAccessToken(me.scope, rw.id);
    expect((await post(rw.token, JSON.stringify({ name: "After revoke" }))).status).toBe(401);
  });
});
