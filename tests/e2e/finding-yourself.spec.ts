// "Where else might I be?" as a person uses it: from their page to the checklist, each site's link opens its
// search in a new tab pre-filled with their name (the server visits nothing), "Found here" makes a place in their
// open case in one click with the recipient matched; with JavaScript off, "Not found" keeps the date and
// "Check again" clears it. axe on every page.
import type { APIRequestContext, Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";
const NAME = "Zoë O'Neil-Brandt";

async function personWithCase(page: Page, api: (token: string) => Promise<APIRequestContext>) {
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("Setup");
  await page.getByLabel("What it may do").selectOption("write");
  await page.getByRole("button", { name: "Make the token" }).click();
  const client = await api(await page.getByLabel("Token (read and write)").inputValue());
  const subject = await client.post("/api/v1/subjects", { data: { name: NAME } });
  const subjectId = ((await subject.json()) as { id: string }).id;
  const kase = await client.post("/api/v1/cases", { data: { subjectId, title: "Listings about Zoë" } });
  expect(kase.status()).toBe(201);
  return { subjectId, caseId: ((await kase.json()) as { id: string }).id };
}

const site = (page: Page, name: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });

function apiFor(
  page: Page,
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
) {
  return (token: string) =>
    playwright.request.newContext({
      baseURL: new URL(page.url()).origin,
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
}

test("a person finds themselves on a search engine and records the place in one click", async ({
  page,
  playwright,
}) => {
  await createAccount(page, { name: "Finder", email: uniqueEmail("find"), password });
  const { subjectId, caseId } = await personWithCase(page, apiFor(page, playwright));

  await page.goto(`/subjects/${subjectId}`);
  await page.getByRole("link", { name: `Where else might ${NAME} be?` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Where else might ${NAME} be?`);
  await expect(page.getByText("Retract does not visit these sites for you.")).toBeVisible();
  await expectAccessible(page);

  const google = site(page, "Google Search").getByRole("link", {
    name: `Look for ${NAME} on Google Search (opens in a new tab)`,
  });
  await expect(google).toHaveAttribute("href", `https://www.google.com/search?q=${encodeURIComponent(NAME)}`);
  await expect(google).toHaveAttribute("target", "_blank");
  await expect(google).toHaveAttribute("rel", "noreferrer noopener");
  // A people-search site without a search address: its home page, to search there.
  await expect(site(page, "AnyWho").getByRole("link")).toHaveAttribute("href", "https://www.anywho.com/");
  await expect(page.getByLabel("Case for places you find")).toHaveValue(caseId);

  await site(page, "Microsoft Bing").getByRole("button", { name: "Found here" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Recorded" });
  await expect(notice).toContainText("Microsoft Bing is now a place in the case.");
  await expectAccessible(page);
  await expect(notice.getByRole("link", { name: "Write a removal request" })).toHaveAttribute(
    "href",
    `/cases/${caseId}/letters/new`,
  );
  const place = await notice.getByRole("link", { name: "Open the place" }).getAttribute("href");
  expect(place).toMatch(new RegExp(`^/cases/${caseId}/exposures/`));
  // A site with nothing found keeps the date, and the page stays accessible with the mark on it.
  await site(page, "Nuwber").getByRole("button", { name: "Not found" }).click();
  await expect(site(page, "Nuwber")).toContainText("Not found on");
  await expectAccessible(page);
  await page.goto(place!);
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/exposures/`));
  await expect(page.getByText("bing.com").first()).toBeVisible();
  await expect(page.getByText("Microsoft Bing").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("'Not found' keeps the date and 'Check again' clears it", async ({ page, playwright }) => {
    await createAccount(page, { name: "Finder NoJS", email: uniqueEmail("find-nojs"), password });
    const { subjectId } = await personWithCase(page, apiFor(page, playwright));
    await page.goto(`/subjects/${subjectId}/find`);
    const today = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date());
    await site(page, "AnyWho").getByRole("button", { name: "Not found" }).click();
    await expect(site(page, "AnyWho")).toContainText(`Not found on ${today}`);
    // axe is run on this page (with a "Not found" mark) in the test above: on a page this long with scripts
    // turned off, axe's own timers never fire and its promise is dropped, whatever the page holds.
    await site(page, "AnyWho").getByRole("button", { name: "Check again" }).click();
    await expect(site(page, "AnyWho")).not.toContainText("Not found on");
    await expect(site(page, "AnyWho").getByRole("button", { name: "Not found" })).toBeVisible();
  });
});
