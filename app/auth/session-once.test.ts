// One HTTP request reads its session once, though the root loader and the page's loader each get their own
// copy of the Request from Remix (and each ask for the session).
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { runWithRequestStore } from "~/utils/request-store.server";
import { newAccount } from "../../tests/integration/helpers";
import { getCurrentSession, requireScope } from "./session.server";

/**
 * Counts the statements run that read the sessions table while `fn` runs. Statements are counted when they
 * run, not when prepared: drizzle's client reuses a statement prepared for the same SQL (db/connection.ts).
 */
async function sessionReads(fn: () => Promise<unknown>) {
  const statement = Object.getPrototypeOf(getDb().$client.prepare("SELECT 1")) as Record<
    "get" | "all",
    (...args: unknown[]) => unknown
  >;
  const spies = [vi.spyOn(statement, "get"), vi.spyOn(statement, "all")];
  try {
    await fn();
    return spies
      .flatMap((spy) => spy.mock.contexts as { source: string }[])
      .filter((stmt) => /from "sessions"/i.test(stmt.source)).length;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

// As Remix does: every loader gets a fresh Request with the same URL and headers.
const copy = (path: string, cookie: string, method = "GET") =>
  new Request(`http://localhost${path}`, { method, headers: { Cookie: cookie } });

describe("session reads per request", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads the session once for the root loader and the page loader of one request", async () => {
    const a = await newAccount();
    const reads = await sessionReads(() =>
      runWithRequestStore(async () => {
        const root = await getCurrentSession(copy("/", a.cookie)); // root loader
        const page = await requireScope(copy("/", a.cookie)); // the page's loader
        expect(root?.userId).toBe(a.id);
        expect(page.userId).toBe(a.id);
      }),
    );
    expect(reads).toBe(1);
  });

  it("reads it again for the next request", async () => {
    const a = await newAccount();
    const reads = await sessionReads(async () => {
      await runWithRequestStore(() => getCurrentSession(copy("/", a.cookie)));
      await runWithRequestStore(() => getCurrentSession(copy("/", a.cookie)));
    });
    expect(reads).toBe(2);
  });

  it("remembers the session per Request object where no request store runs", async () => {
    const a = await newAccount();
    const request = copy("/", a.cookie);
    const reads = await sessionReads(async () => {
      await getCurrentSession(request);
      await requireScope(request);
      await getCurrentSession(copy("/", a.cookie));
    });
    expect(reads).toBe(2);
  });

  it("does not share a session read by an action with the loaders that run after it", async () => {
    const a = await newAccount();
    const reads = await sessionReads(() =>
      runWithRequestStore(async () => {
        await requireScope(copy("/workspaces/switch", a.cookie, "POST")); // the action may change it
        await getCurrentSession(copy("/", a.cookie)); // root loader afterwards
        await requireScope(copy("/", a.cookie)); // page loader afterwards
      }),
    );
    expect(reads).toBe(2);
  });

  it("keeps each request's answer to itself: another person's cookie reads their own session", async () => {
    const a = await newAccount();
    const b = await newAccount();
    await runWithRequestStore(async () => {
      expect((await getCurrentSession(copy("/", a.cookie)))?.userId).toBe(a.id);
      expect((await getCurrentSession(copy("/", b.cookie)))?.userId).toBe(b.id);
      expect(await getCurrentSession(copy("/", "__retract_session=forged"))).toBeNull();
    });
  });
});
