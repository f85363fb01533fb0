// The employer's incident pages as a new user found them: without JavaScript the matrix filter applies, linking an
// existing web address to people imported later reports the links it made, and a bulk run's page reloads
// itself while it runs; on a 390 px phone the matrix and the run's page fit the screen (wide tables scroll
// inside a labelled region).
import type { Page } from "@playwright/test";
import { RULE_IDS } from "../../app/deadlines/rules";
import { KIND_IDS } from "../../app/requests/kinds";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";
const HEADER = "Full name,Work e-mail,Team,Country";
const FIRST = [
  "Ada Lindqvist,ada.lindqvist@employer.example,Operations,SE",
  "Bruno Achterberg,bruno.a@employer.example,Operations,NL",
  "Dara Okonkwo,dara.o@employer.example,Legal,IE",
];
const LATER = [
  "Kim Min-jun,minjun.kim@employer.example,Legal,KR",
  "이서연,seoyeon.lee@employer.example,Legal,KR",
];

const nav = (page: Page) => page.getByRole("navigation", { name: "This incident" });

async function importRoster(page: Page, rows: string[]) {
  await nav(page).getByRole("link", { name: "Roster" }).click();
  await page.getByLabel("Or paste the rows (with the header row)").fill([HEADER, ...rows].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: `Confirm and add ${rows.length} people` }).click();
  await expect(page.getByText(`${rows.length} people were added to the roster`)).toBeVisible();
}

async function incident(page: Page, tag: string, rows = FIRST, urls = ["https://t.me/staffleak/42"]) {
  await createAccount(page, { name: "Sam Security", email: uniqueEmail(tag), password });
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("Base Support Contractor");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Base Support Contractor" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await page.getByLabel("Title").fill("Staff list posted on a channel");
  await page.getByRole("button", { name: "Create incident" }).click();
  await importRoster(page, rows);
  await nav(page).getByRole("link", { name: "Web addresses" }).click();
  await page.getByLabel("Web addresses, one per line").fill(urls.join("\n"));
  await page.getByRole("button", { name: "Save and link" }).click();
  await expect(page.getByText(/new address(es)? saved/)).toBeVisible();
}

/** Starts a bulk run from the matrix (documents, from the organisation) and lands on the run's page. */
async function startBulk(page: Page) {
  await nav(page).getByRole("link", { name: "People × recipients" }).click();
  const bulk = page.locator("#bulk");
  await bulk.getByLabel("How the letters go out").selectOption("documents");
  await bulk.getByLabel("Who the letters are from").selectOption("self");
  await bulk
    .getByLabel(/particular situation/)
    .fill("Our staff list was posted with a call to visit people at home; several were threatened.");
  await bulk
    .getByLabel(/Why the content is illegal/)
    .fill("The post publishes home addresses to invite harassment.");
  const dpa = bulk.getByLabel(/Data protection authority/);
  if (await dpa.count()) await dpa.fill("the data protection authority of Ireland");
  await bulk.getByRole("button", { name: "Write and queue the letters" }).click();
  await expect(page.getByRole("heading", { name: "Letters for every empty cell" })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the matrix filter applies", async ({ page }) => {
    await incident(page, "pages-filter");
    await nav(page).getByRole("link", { name: "People × recipients" }).click();
    const matrix = page.getByRole("table", { name: /Request state for each person/ });
    await expect(matrix.getByRole("rowheader")).toHaveCount(3);
    await page.getByLabel("Name contains").fill("bruno");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/[?&]q=bruno/);
    await expect(matrix.getByRole("rowheader")).toHaveCount(1);
    await expect(matrix.getByRole("rowheader", { name: "Bruno Achterberg" })).toBeVisible();
    await expect(page.getByLabel("Name contains")).toHaveValue("bruno");

    await page.getByLabel("Name contains").fill("");
    await page.getByLabel("Unit", { exact: true }).selectOption({ label: "Legal" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(matrix.getByRole("rowheader")).toHaveCount(1);
    await expect(matrix.getByRole("rowheader", { name: "Dara Okonkwo" })).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(matrix.getByRole("rowheader")).toHaveCount(3);
  });

  test("an existing web address is linked to people imported later", async ({ page }) => {
    await incident(page, "pages-link");
    await importRoster(page, LATER);
    await nav(page).getByRole("link", { name: "Web addresses" }).click();
    await page.getByRole("link", { name: /Change who it exposes/ }).click();
    await expect(page.getByRole("heading", { name: "Who this web address exposes" })).toBeVisible();
    await expect(page.getByLabel("Kim Min-jun (Legal)")).not.toBeChecked();
    await page.getByLabel("Kim Min-jun (Legal)").check();
    await page.getByLabel("이서연 (Legal)").check();
    await page.getByRole("button", { name: "Save who it exposes" }).click();
    await expect(page.getByRole("status")).toHaveText("2 linked, 0 unlinked.");
    await expect(page.getByLabel("Kim Min-jun (Legal)")).toBeChecked();
    await expect(page.getByLabel("Ada Lindqvist (Operations)")).toBeChecked();

    // Unticking one unlinks only that one; "Link everyone" links them back.
    await page.getByLabel("이서연 (Legal)").uncheck();
    await page.getByRole("button", { name: "Save who it exposes" }).click();
    await expect(page.getByRole("status")).toHaveText("0 linked, 1 unlinked.");
    await page.getByRole("button", { name: "Link everyone on the roster" }).click();
    await expect(page.getByRole("status")).toHaveText("1 linked, 0 unlinked.");
    await nav(page).getByRole("link", { name: "Web addresses" }).click();
    await expect(
      page.getByRole("table", { name: /Each address/ }).getByRole("row", { name: /t\.me\/staffleak\/42/ }),
    ).toContainText("5");
  });

  test("the run's page reloads itself while the run is under way, and stops when it has finished", async ({
    page,
  }) => {
    const many = Array.from(
      { length: 60 },
      (_, i) => `Person ${i + 1},p${i + 1}@employer.example,Operations,IE`,
    );
    await incident(page, "pages-refresh", many, [
      "https://t.me/staffleak/42",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ]);
    const loads: number[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame() && /\/jobs\//.test(f.url())) loads.push(Date.now());
    });
    await startBulk(page);
    const refresh = page.locator('meta[http-equiv="refresh"]');
    if (await page.getByRole("heading", { name: "Summary" }).count()) {
      throw new Error("The run finished before its page first showed: make the roster bigger.");
    }
    await expect(refresh).toHaveCount(1);
    const interval = Number(await refresh.getAttribute("content"));
    expect(interval).toBeLessThanOrEqual(5);
    const first = loads.length;
    await expect.poll(() => loads.length, { timeout: 8_000 }).toBeGreaterThan(first);
    await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("120 of 120 letters")).toBeVisible();
    await expect(refresh).toHaveCount(0);
    const settled = loads.length;
    // Two of the page's own refresh intervals without a load: the wait follows the page, not a fixed 6 s.
    await page.waitForTimeout(interval * 2_000 + 500);
    expect(loads.length, "no reload after the run has finished").toBe(settled);
  });
});

test.describe("on a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the matrix and the run's page fit the screen; the wide table scrolls in a labelled region", async ({
    page,
  }) => {
    await incident(page, "pages-phone", FIRST, [
      "https://t.me/staffleak/42",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.facebook.com/groups/leak/posts/1",
      "https://x.com/someone/status/1234567890",
    ]);
    await nav(page).getByRole("link", { name: "People × recipients" }).click();
    await expect(page.getByRole("table", { name: /Request state for each person/ })).toBeVisible();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    const region = page.getByRole("region", { name: /Request state for each person/ });
    await expect(region).toHaveAttribute("tabindex", "0");
    // The table is wider than the phone and scrolls inside its region, not the page.
    expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await region.evaluate((e) => getComputedStyle(e).overflowX)).toBe("auto");
    await expectAccessible(page);

    await nav(page).getByRole("link", { name: "Web addresses" }).click();
    expect(await width()).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await page.getByRole("link", { name: /Change who it exposes.*facebook/ }).click();
    await expect(page.getByRole("heading", { name: "Who this web address exposes" })).toBeVisible();
    expect(await width()).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    await startBulk(page);
    await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 60_000 });
    expect(await width()).toBeLessThanOrEqual(390);
    await expectAccessible(page);
  });
});

/** Fragments of source code that must never be part of a page's visible text. */
const CODE_LIKE = [
  /\bdata\.[a-z]/,
  /\b[a-z]\w*\.[a-z]+[A-Z]\w*/, // a camelCase property read, like done.canWrite
  /\?\s*\(\s*$/m, // "? (" ending a line ("Why? (optional)" is English)
  /\)\s*:\s*null\b/,
  /&&/,
  /=>/,
  /\bclassName\b/,
  /\{[^}\n]{0,80}\}/,
];

/**
 * Internal ids that must never reach a page: letter kinds and deadline rules (shown by their labels). The two
 * that are also English words ("follow-up", "mandate") are left out; an id inside a web or email address
 * ("dmca@…") is not one shown as a word.
 */
const INTERNAL_IDS = new RegExp(
  `(?<![\\w@./-])(${[...KIND_IDS, ...RULE_IDS]
    .filter((id) => id !== "follow-up" && id !== "mandate")
    .join("|")})(?![\\w@-])`,
);

test("no page shows source code or an internal id as text (a crawl as the owner of an organisation with an incident and letters)", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await incident(page, "pages-crawl", FIRST, [
    "https://t.me/staffleak/42",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  ]);
  await startBulk(page);
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 60_000 });
  const origin = new URL(page.url()).origin;
  const queue = ["/", page.url().slice(origin.length)];
  const seen = new Set<string>();
  const found: string[] = [];
  // One visit per path shape (ids and query strings aside), so long lists do not make the crawl endless.
  const shape = (path: string) => path.replace(/\?.*$/, "").replace(/[A-Za-z0-9_-]{16,}/g, ":id");
  const shapes = new Set<string>();
  while (queue.length && seen.size < 150) {
    const path = queue.shift() as string;
    if (seen.has(path) || shapes.has(shape(path))) continue;
    seen.add(path);
    shapes.add(shape(path));
    // Downloads (a mandate's PDF, an export) are not pages: look at the answer before opening it.
    const head = await page.request.get(path);
    if (!(head.headers()["content-type"] ?? "").includes("text/html")) continue;
    await page.goto(path);
    // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees, without scripts' contents
    const text = await page.locator("body").innerText();
    for (const pattern of [...CODE_LIKE, INTERNAL_IDS]) {
      const m = pattern.exec(text);
      if (m) found.push(`${path}: ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 40))}`);
    }
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? ""),
    );
    for (const href of links) {
      const url = new URL(href, page.url());
      // Stay on Retract; never follow the quick exit (it ends the session) or downloads.
      if (url.origin !== origin || /left=1|\.(pdf|zip|csv|json|eml)$|\/export|\/logout/.test(url.href))
        continue;
      queue.push(url.pathname + url.search);
    }
  }
  expect(seen.size, "the crawl reached the incident, case and letter pages").toBeGreaterThan(15);
  expect([...seen].some((p) => /^\/cases\/[^/]+\/requests\//.test(p) || /\/letters\//.test(p))).toBe(true);
  expect(found).toEqual([]);
});
