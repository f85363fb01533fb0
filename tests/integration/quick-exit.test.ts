// Quick exit: the beacon gets a 204 and no redirect (following one to the neutral site trips
// the CSP), the form keeps its 303; the log-in page keeps no redirectTo (a case id) in the address bar, so
// browser history holds none, and quick exit forgets the remembered target.
import { describe, expect, it } from "vitest";
import { getCurrentSession } from "~/auth/session.server";
import * as newCaseRoute from "~/routes/cases.new";
import * as exitRoute from "~/routes/exit";
import * as loginRoute from "~/routes/login";
import { call, get, newAccount } from "./helpers";

function exitRequest(path: string, cookie: string, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie, ...headers } });
}

describe("quick exit", () => {
  it("answers the beacon with 204 and no redirect, and signs out", async () => {
    for (const [path, headers] of [
      ["/exit?beacon=1", {}],
      ["/exit", { "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "empty" }],
    ] as const) {
      const a = await newAccount();
      const res = (await call(exitRoute.action, exitRequest(path, a.cookie, headers))) as Response;
      expect(res.status).toBe(204);
      expect(res.headers.get("Location")).toBeNull();
      expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
      expect(await getCurrentSession(get("/", a.cookie))).toBeNull();
    }
  });

  it("keeps the redirect to the neutral site for the form", async () => {
    const a = await newAccount();
    const res = (await call(
      exitRoute.action,
      exitRequest("/exit", a.cookie, { "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document" }),
    )) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("https://www.bbc.co.uk/weather");
    expect(await getCurrentSession(get("/", a.cookie))).toBeNull();
  });
});

describe("the page to return to after log-in", () => {
  it("is moved out of the address bar into a log-in cookie, which quick exit deletes", async () => {
    const gate = (await call(newCaseRoute.loader, get("/cases/new?subject=abc"))) as Response;
    const loginUrl = gate.headers.get("Location")!;
    expect(loginUrl).toMatch(/^\/login\?redirectTo=/);

    const moved = (await call(loginRoute.loader, get(loginUrl))) as Response;
    expect(moved.status).toBe(302);
    expect(moved.headers.get("Location")).toBe("/login");
    const setCookie = moved.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/retract_return=.+; Max-Age=900; Path=\/login; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(";")[0]!;

    const page = (await call(loginRoute.loader, get("/login", cookie))) as { redirectTo: string | null };
    expect(page.redirectTo).toBe("/cases/new?subject=abc");

    // Other query parameters stay; a target off this site is not remembered.
    const kept = (await call(
      loginRoute.loader,
      get("/login?reset=1&redirectTo=%2F%2Fevil.example"),
    )) as Response;
    expect(kept.headers.get("Location")).toBe("/login?reset=1");
    expect(kept.headers.get("Set-Cookie")).toBeNull();

    const a = await newAccount();
    const exit = (await call(
      exitRoute.action,
      exitRequest("/exit?beacon=1", `${a.cookie}; ${cookie}`),
    )) as Response;
    expect(exit.headers.get("Set-Cookie")).toMatch(/retract_return=; Max-Age=0; Path=\/login/);
  });
});
