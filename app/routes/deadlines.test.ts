// The public deadline page: its loader (no query, an answer, a 400 with field errors) and its markup
// (labels, errors tied to fields, a result region with a heading, no inline styles), rendered on the server.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const page = vi.hoisted(() => ({ data: undefined as unknown, search: "" }));

// The component only needs the loader data and the location; a plain <form method="get"> stands in for
// Remix's <Form>, which is what Remix renders on the server too.
vi.mock("@remix-run/react", () => ({
  Form: ({ method, children, className }: { method: string; children: unknown; className?: string }) =>
    createElement("form", { method, className }, children as never),
  useLoaderData: () => page.data,
  useLocation: () => ({ search: page.search }),
}));

const { default: Deadlines, loader, meta } = await import("./deadlines");
// The root layout provides the page's catalogue; here, English (the browser bundles only the shell's words).
const { I18nProvider } = await import("~/i18n/i18n-context");
const { messagesFor } = await import("~/i18n/locale.server");

async function load(query: string) {
  const request = new Request(`http://localhost/deadlines${query ? `?${query}` : ""}`);
  const result = await loader({ request, params: {}, context: { cspNonce: "test", clientIp: "127.0.0.1" } });
  // `data(payload, { status })` wraps the payload; a plain object is a 200.
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    return {
      status: (result.init as ResponseInit).status ?? 200,
      data: result.data as Record<string, unknown>,
    };
  }
  return { status: 200, data: result as Record<string, unknown> };
}

async function render(query: string) {
  const { status, data } = await load(query);
  page.data = data;
  page.search = query;
  const tree = createElement(I18nProvider, {
    locale: "en",
    messages: messagesFor("en"),
    children: createElement(Deadlines),
  });
  return { status, data, html: renderToStaticMarkup(tree) };
}

beforeEach(() => {
  page.data = undefined;
});

describe("/deadlines", () => {
  it("shows the empty form with a label for every field and no result", async () => {
    const { status, data, html } = await render("");
    expect(status).toBe(200);
    expect(data.result).toBeNull();
    expect(html).toContain('<form method="get"');
    const fields: Array<[string, string]> = [
      ["f-regime", "Kind of request"],
      ["f-received", "Date they received it"],
      ["f-country", "Recipient&#x27;s country"],
      ["f-nation", "UK nation"],
      ["f-followUpDays", "Follow up after how many days?"],
    ];
    for (const [id, label] of fields) {
      expect(html).toMatch(new RegExp(`<label for="${id}">${label.replace("?", "\\?")}`));
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('type="date"');
    expect(html).toContain('<option value="DE">Germany</option>');
    expect(html).toContain('<option value="gdpr-month">');
    expect(html).not.toContain("style=");
    expect(html).not.toContain("aria-invalid");
  });

  it("answers: due date, extension and the rule in words in a region with a heading", async () => {
    const { status, html } = await render("regime=gdpr-month&received=2026-11-25&country=DE&nation=ENG");
    expect(status).toBe(200);
    expect(html).toContain('<section class="card stack" aria-labelledby="deadline-result"');
    expect(html).toMatch(
      /<h2 id="deadline-result">They must answer by <time dateTime="2026-12-28">Monday 28 December 2026<\/time><\/h2>/,
    );
    expect(html).toContain('<time dateTime="2027-02-25">Thursday 25 February 2027</time>');
    expect(html).toContain("Christmas Day, public holiday in Germany");
    expect(html).toContain("This is not legal advice");
    expect(html).not.toContain("style=");
  });

  it("shows CCPA's acknowledgement date", async () => {
    const { html } = await render("regime=ccpa-45&received=2026-03-01&country=US");
    expect(html).toContain("Confirm they received it by");
    expect(html).toContain('<time dateTime="2026-03-13">Friday 13 March 2026</time>');
    expect(html).toContain('<time dateTime="2026-04-15">Wednesday 15 April 2026</time>');
  });

  it("uses the UK nation for UK requests", async () => {
    const { data } = await render("regime=uk-gdpr-month&received=2028-12-02&country=GB&nation=SCT");
    expect((data.result as { due: string }).due).toBe("2029-01-03");
    const other = await render("regime=gdpr-month&received=2026-12-06&country=DE&nation=SCT");
    expect((other.data.result as { due: string }).due).toBe("2027-01-06");
  });

  it("shows errors next to the fields, tied with aria-describedby and aria-invalid, with status 400", async () => {
    const { status, html } = await render("regime=gdpr-month&received=2026-02-30&country=");
    expect(status).toBe(400);
    expect(html).toContain('<p class="error" id="f-received-error">');
    expect(html).toMatch(
      /id="f-received"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*f-received-error/,
    );
    expect(html).not.toContain('id="deadline-result"');
    // The date the user typed is kept.
    expect(html).toContain('value="2026-02-30"');
  });

  it("names a missing country for a GDPR request", async () => {
    const { status, html } = await render("regime=gdpr-month&received=2026-03-01&country=");
    expect(status).toBe(400);
    expect(html).toContain('id="f-country-error"');
    expect(html).toMatch(/id="f-country"[^>]*aria-invalid="true"/);
  });

  it("has the page title", () => {
    expect(meta({} as never)).toEqual([{ title: "When must they answer? · Retract" }]);
  });
});
