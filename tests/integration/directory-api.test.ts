// The public directory API: the JSON shapes of the issue, 400 for a malformed URL, and a per-IP limit.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { importDirectory } from "~/recipients/import.server";
import { loader as searchLoader } from "~/routes/api.v1.recipients";
import { loader as matchLoader } from "~/routes/api.v1.recipients.match";

beforeAll(() => {
  importDirectory(getDb());
});

async function call(loader: typeof searchLoader, path: string, ip = "127.0.0.1") {
  const response = await loader({
    request: new Request(`http://localhost${path}`),
    params: {},
    context: { cspNonce: "test", clientIp: ip },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("GET /api/v1/recipients", () => {
  it("answers { items, total } filtered by q, country and kind", async () => {
    const { status, body, headers } = await call(
      searchLoader,
      "/api/v1/recipients?q=telegram&country=DE&kind=platform",
    );
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(Object.keys(body).sort()).toEqual(["items", "total"]);
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.items[0]).toMatchObject({ id: "curated:telegram", name: "Telegram", kind: "platform" });
  });

  it("says which parameter is wrong", async () => {
    const { status, body } = await call(searchLoader, "/api/v1/recipients?kind=spaceship&country=Germany");
    expect(status).toBe(400);
    expect(body.error).toMatch(/kind/);
    expect(body.error).toMatch(/country/);
  });
});

describe("GET /api/v1/recipients/match", () => {
  it("names a front site's recipient with its parent, in the issue's shape", async () => {
    const url = encodeURIComponent("https://www.truthfinder.com/people-search/jane-doe");
    const { status, body } = await call(matchLoader, `/api/v1/recipients/match?url=${url}`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["domain", "recipient"]);
    expect(body.domain).toBe("truthfinder.com");
    expect(Object.keys(body.recipient).sort()).toEqual([
      "channels",
      "countries",
      "id",
      "kind",
      "name",
      "parent",
    ]);
    expect(body.recipient).toMatchObject({
      id: "data-brokers:truthFinder",
      kind: "data_broker",
      countries: ["US"],
    });
    expect(body.recipient.parent).toMatchObject({
      id: "data-brokers:peopleConnect",
      channels: [
        { kind: "webform", purpose: "privacy", address: "https://suppression.peopleconnect.us/login" },
      ],
      parent: null,
    });
    for (const c of body.recipient.parent.channels)
      expect(Object.keys(c).sort()).toEqual(["address", "kind", "purpose"]);
  });

  it("answers recipient null with the domain for an unknown site", async () => {
    const { status, body } = await call(
      matchLoader,
      "/api/v1/recipients/match?url=https%3A%2F%2Fleaks.unknown-site.org%2Fx",
    );
    expect(status).toBe(200);
    expect(body).toEqual({ recipient: null, domain: "unknown-site.org" });
  });

  it.each(["", "url=", "url=not%20a%20url", "url=javascript%3Aalert(1)", "url=http%3A%2F%2Flocalhost%2F"])(
    "400 for a malformed URL (%s)",
    async (query) => {
      const { status, body } = await call(matchLoader, `/api/v1/recipients/match?${query}`);
      expect(status).toBe(400);
      expect(body.error).toMatch(/web address/);
    },
  );

  it("limits each client address", async () => {
    let last = 200;
    for (let i = 0; i < 130 && last !== 429; i++) {
      last = (await call(matchLoader, "/api/v1/recipients/match?url=t.me%2Fx", "203.0.113.99")).status;
    }
    expect(last).toBe(429);
    expect((await call(matchLoader, "/api/v1/recipients/match?url=t.me%2Fx", "203.0.113.100")).status).toBe(
      200,
    );
  });
});
