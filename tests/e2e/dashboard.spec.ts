// The dashboard with pictures, as a person uses it: places recorded in a case move through every state (with
// JavaScript off, plain form posts), and the dashboard's and the case's charts and their tables say so; the
// recipient scorecards page; every page passes axe.
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

function daysAgo(n: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

test("places moving through their states show in the charts and their tables, without JavaScript", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await createAccount(page, { name: "Sam Example", email: uniqueEmail("dashboard"), password });
  // Before any place is recorded there is no chart.
  await expect(page.getByRole("img", { name: "Progress across all your cases" })).toHaveCount(0);

  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Address on people-search sites");
  await page.getByLabel("Full name").fill("Sam Example");
  await page.getByLabel("Country where the person lives").selectOption("DE");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Address on people-search sites" })).toBeVisible({
    timeout: 30_000,
  });
  const caseUrl = page.url().replace(/[?#].*$/, "");
  const addresses = [
    "https://people-finder.example.com/sam-1",
    "https://people-finder.example.com/sam-2",
    "https://people-finder.example.com/sam-3",
    "https://people-finder.example.com/sam-4",
  ];
  for (const address of addresses) {
    await page.getByLabel("Web address (URL)").fill(address);
    // The form looks up who answers for the site as the address is typed; let it finish first.
    await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("example.com");
    await page.getByRole("checkbox", { name: "Home address" }).check();
    await page.getByLabel("Date found").fill(daysAgo(10));
    await page.getByRole("button", { name: "Save this place" }).click();
    await expect(page.getByRole("link", { name: address })).toBeVisible();
  }

  // With JavaScript off, the person records what happened to three of the places.
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const noJs = await context.newPage();
  try {
    const states: [string, string][] = [
      [addresses[0]!, "Removal requested"],
      [addresses[1]!, "They say it is removed (not yet checked)"],
      [addresses[2]!, "Removed (checked)"],
      // The fourth was checked gone, then found back up: it counts as back up again, no longer as removed.
      [addresses[3]!, "Removed (checked)"],
      [addresses[3]!, "Back up again"],
    ];
    const VALUE: Record<string, string> = {
      "Removal requested": "requested",
      "They say it is removed (not yet checked)": "said_removed",
      "Removed (checked)": "removed",
      "Back up again": "reappeared",
    };
    for (const [address, state] of states) {
      await noJs.goto(caseUrl);
      await noJs.getByRole("link", { name: address }).click();
      await noJs.getByLabel("Is it still up?").selectOption({ label: state });
      await noJs.getByRole("button", { name: "Save changes" }).click();
      await expect(noJs.getByLabel("Is it still up?")).toHaveValue(VALUE[state]!);
    }

    // The dashboard, served without JavaScript: the chart, its legend with today's numbers, and the table.
    await noJs.goto("/");
    const chart = noJs.getByRole("img", { name: "Progress across all your cases" });
    await expect(chart).toBeVisible();
    const legend = noJs.getByRole("list", { name: "What the lines are" });
    await expect(legend.getByRole("listitem")).toHaveText([
      "Places found: 4",
      "Removal requested: 1",
      "They say it is removed: 1",
      "Removed (checked): 1",
      "Back up again: 1",
    ]);
    await noJs.getByText("The numbers as a table").click();
    const table = noJs.getByRole("table");
    await expect(table.getByRole("columnheader")).toHaveText([
      "Day",
      "Places found",
      "Removal requested",
      "They say it is removed",
      "Removed (checked)",
      "Back up again",
    ]);
    // Eleven days: from the day found to today; the first day has the four places found and nothing else.
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(11);
    await expect(rows.first().locator("td")).toHaveText(["4", "0", "0", "0", "0"]);
    await expect(rows.last().locator("td")).toHaveText(["4", "1", "1", "1", "1"]);
    await expect(noJs.getByRole("link", { name: "How each recipient answered your requests" })).toBeVisible();
  } finally {
    await context.close();
  }

  await page.goto("/");
  await expect(page.getByRole("img", { name: "Progress across all your cases" })).toBeVisible();
  await expectAccessible(page);

  await page.goto(caseUrl);
  await expect(page.getByRole("img", { name: "Progress in this case" })).toBeVisible();
  await page.getByText("The numbers as a table").click();
  await expectAccessible(page);

  await page.goto("/");
  await page.getByRole("link", { name: "How each recipient answered your requests" }).click();
  await expect(page.getByRole("heading", { name: "How recipients answered" })).toBeVisible();
  await expect(page.getByText("No requests have been sent yet.", { exact: false })).toBeVisible();
  await expectAccessible(page);
});
