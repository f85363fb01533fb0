// The public deadline API: the JSON shape for every rule, and a 400 naming the parameter for bad input.
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "~/deadlines/rules";
import { loader } from "./api.v1.deadline";

async function get(query: string) {
  const request = new Request(`http://localhost/api/v1/deadline?${query}`);
  const response = await loader({
    request,
    params: {},
    context: { cspNonce: "test", clientIp: "127.0.0.1" },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("GET /api/v1/deadline", () => {
  it("answers a GDPR request to Germany at Christmas with the rule in words", async () => {
    const { status, headers, body } = await get("regime=gdpr-month&received=2026-11-25&country=DE");
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toMatch(/application\/json/);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body).toEqual({
      regime: "gdpr-month",
      received: "2026-11-25",
      country: "DE",
      due: "2026-12-28",
      extendedDue: "2027-02-25",
      acknowledgeBy: null,
      rule: expect.stringContaining("Christmas Day"),
    });
  });

  it("gives CCPA's acknowledgement date and 45/90-day dates", async () => {
    const { body } = await get("regime=ccpa-45&received=2026-03-01&country=US");
    expect(body).toMatchObject({ due: "2026-04-15", extendedDue: "2026-05-30", acknowledgeBy: "2026-03-13" });
  });

  it("takes a UK nation as a subdivision or in the country code", async () => {
    const england = await get("regime=uk-gdpr-month&received=2028-12-02&country=GB");
    const scotland = await get("regime=uk-gdpr-month&received=2028-12-02&country=GB&subdivision=SCT");
    const scotland2 = await get("regime=uk-gdpr-month&received=2028-12-02&country=GB-SCT");
    expect(england.body.due).toBe("2029-01-02");
    expect(scotland.body.due).toBe("2029-01-03");
    expect(scotland2.body.due).toBe("2029-01-03");
  });

  it("takes the follow-up options", async () => {
    expect((await get("regime=dmca&received=2026-03-01&followUpDays=14")).body.due).toBe("2026-03-15");
    expect((await get("regime=platform-sla&received=2026-02-27&variant=youtube-privacy")).body.due).toBe(
      "2026-03-02",
    );
  });

  it.each(RULE_IDS)("answers %s with the same keys", async (regime) => {
    const { status, body } = await get(`regime=${regime}&received=2026-06-10&country=DE`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      ["acknowledgeBy", "country", "due", "extendedDue", "received", "regime", "rule"].sort(),
    );
    expect(body.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof body.rule).toBe("string");
  });

  const bad: Array<[string, string, string]> = [
    ["missing regime", "received=2026-03-01&country=DE", "regime"],
    ["unknown regime", "regime=gdpr-week&received=2026-03-01&country=DE", "regime"],
    ["missing received", "regime=gdpr-month&country=DE", "received"],
    ["empty received", "regime=gdpr-month&received=&country=DE", "received"],
    ["30 February", "regime=gdpr-month&received=2026-02-30&country=DE", "received"],
    ["29 February in 2027", "regime=ccpa-45&received=2027-02-29", "received"],
    ["a date in another format", "regime=gdpr-month&received=01/03/2026&country=DE", "received"],
    ["a timestamp", "regime=gdpr-month&received=2026-03-01T10:00:00Z&country=DE", "received"],
    ["missing country for GDPR", "regime=gdpr-month&received=2026-03-01", "country"],
    ["unknown country", "regime=gdpr-month&received=2026-03-01&country=XX", "country"],
    ["malformed country", "regime=gdpr-month&received=2026-03-01&country=Germany", "country"],
    ["unknown subdivision", "regime=gdpr-month&received=2026-03-01&country=DE&subdivision=ZZ", "subdivision"],
    ["not a UK nation", "regime=uk-gdpr-month&received=2026-03-01&country=GB&subdivision=BY", "subdivision"],
    ["zero follow-up days", "regime=dmca&received=2026-03-01&followUpDays=0", "followUpDays"],
    ["words for follow-up days", "regime=dmca&received=2026-03-01&followUpDays=week", "followUpDays"],
    ["unknown variant", "regime=platform-sla&received=2026-03-01&variant=tiktok", "variant"],
  ];
  it.each(bad)("refuses %s with 400 naming the parameter", async (_story, query, parameter) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error).toContain(`"${parameter}"`);
  });
});
