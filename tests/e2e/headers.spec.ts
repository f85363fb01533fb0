// Security headers on every page a signed-in person can reach (found by crawling links from the home page and
// walking app/routes): a CSP without 'unsafe-inline' or third-party origins, no framing, and every cookie
// HttpOnly and SameSite.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import type { APIResponse, Page, Response } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

const STATIC_PAGES = readdirSync(resolve("app/routes"))
  .filter((f) => f.endsWith(".tsx") && !f.includes("$") && !f.includes(".test."))
  .map(
    (f) =>
      `/${f
        .replace(/\.tsx$/, "")
        .replace(/(^|\.)_index$/, "")
        .replace(/_(?=\.|$)/g, "")
        .split(".")
        .join("/")}`,
  );

function checkHeaders(url: string, headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${url} has a CSP`).toContain("default-src 'self'");
  expect(csp, url).not.toContain("unsafe-inline");
  expect(csp, url).not.toContain("unsafe-eval");
  expect(csp, url).toContain("frame-ancestors 'none'");
  expect(csp, url).toContain("object-src 'none'");
  // Only our own origin: no http(s) origins, no wildcards.
  expect(csp.match(/https?:\/\/|\*\./g), `${url} names another origin: ${csp}`).toBeNull();
  expect(headers["x-frame-options"], url).toBe("DENY");
  expect(headers["x-content-type-options"], url).toBe("nosniff");
  expect(headers["referrer-policy"], url).toBe("no-referrer");
  expect(headers["x-powered-by"], url).toBeUndefined();
}

function checkCookies(url: string, setCookies: string[]) {
  for (const c of setCookies) {
    expect(c, `${url} sets a cookie without HttpOnly`).toMatch(/;\s*HttpOnly/i);
    expect(c, `${url} sets a cookie without SameSite`).toMatch(/;\s*SameSite=(Lax|Strict)/i);
  }
}

async function watchCookies(page: Page, seen: string[]) {
  page.on("response", async (r: Response) => {
    const values = await r.headerValues("set-cookie").catch(() => []);
    if (values.length) {
      checkCookies(r.url(), values);
      seen.push(...values);
    }
  });
}

test("every page sends a strict CSP and safe cookies", async ({ page }) => {
  const cookies: string[] = [];
  await watchCookies(page, cookies);
  await signUp(page, {
    name: "Hed Example",
    email: uniqueEmail("hdr"),
    password: "a long and calm passphrase",
  });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Header check");
  await page.getByLabel("Full name").fill("Hed Example");
  await page.getByLabel("Country where the person lives").selectOption("GB");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: "Header check" })).toBeVisible();
  await page.getByRole("link", { name: "Add many at once" }).click();
  await page.getByLabel("Web addresses, one per line").fill("https://t.me/leakchannel/812");
  await page.getByRole("button", { name: /Save/ }).click();
  expect(cookies.length, "log-in set a session cookie").toBeGreaterThan(0);

  // Crawl same-origin links (GET only; nothing that logs out or downloads) from the pages we know.
  const queue = [...new Set(["/", page.url().replace(/^https?:\/\/[^/]+/, ""), ...STATIC_PAGES])];
  const seen = new Set<string>();
  while (queue.length && seen.size < 80) {
    const path = queue.shift()!;
    if (seen.has(path) || /logout|exit|export|\/evidence\/|\.pdf|two-factor/.test(path)) continue;
    seen.add(path);
    const res: APIResponse = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
    checkHeaders(path, res.headers());
    checkCookies(
      path,
      res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value),
    );
    if (!(res.headers()["content-type"] ?? "").includes("text/html")) continue;
    const html = await res.text();
    expect(html, `${path} has an inline style attribute`).not.toMatch(/\sstyle="/);
    for (const m of html.matchAll(/<script(?![^>]*\bnonce=)(?![^>]*\bsrc=)[^>]*>/g))
      throw new Error(`${path} has an inline script without a nonce: ${m[0]}`);
    for (const m of html.matchAll(/href="(\/[^"#?]*)(\?[^"#]*)?"/g)) {
      const link = m[1]!.replace(/&amp;/g, "&");
      if (!link.startsWith("/build/") && !seen.has(link)) queue.push(link);
    }
  }
  expect(seen.size).toBeGreaterThan(12);
  // Static files and the 404 page too.
  for (const path of ["/favicon.svg", "/no-such-page"])
    checkHeaders(path, (await page.request.get(path)).headers());
});
