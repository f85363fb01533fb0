// Bulk letters in the browser: an organisation's incident with three people and two leaked URLs; from the
// matrix page's "every empty cell" form the run starts, its page shows a progress bar and then the summary
// (counts by outcome, reasons in words, a link back to the matrix). Once more without JavaScript, where the
// page refreshes itself while the run is under way.
import type { Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";

const ROSTER = [
  "Full name,Work e-mail,Team,Country",
  "Ada Lindqvist,ada.lindqvist@employer.example,Operations,SE",
  "Bruno Achterberg,bruno.a@employer.example,Operations,NL",
  "Dara Okonkwo,dara.o@employer.example,Legal,IE",
].join("\n");

async function incidentWithPeople(page: Page, tag: string) {
  await createAccount(page, { name: "Sam Security", email: uniqueEmail(tag), password });
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("Employer Security Team");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Employer Security Team" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await page.getByLabel("Title").fill("Staff list posted on a channel");
  await page.getByRole("button", { name: "Create incident" }).click();
  const nav = page.getByRole("navigation", { name: "This incident" });
  await nav.getByRole("link", { name: "Roster" }).click();
  await page.getByLabel("CSV file").setInputFiles({
    name: "staff.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(ROSTER),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Confirm and add 3 people" }).click();
  await expect(page.getByText("3 people were added to the roster")).toBeVisible();
  await nav.getByRole("link", { name: "Web addresses" }).click();
  await page
    .getByLabel("Web addresses, one per line")
    .fill("https://t.me/staffleak/42\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await page.getByRole("button", { name: "Save and link" }).click();
  await expect(page.getByText("2 new addresses saved")).toBeVisible();
  await nav.getByRole("link", { name: "People × recipients" }).click();
  await expect(page.getByRole("list", { name: "Pairs by request state" })).toContainText("No request yet 6");
}

async function startFromMatrix(page: Page) {
  const bulk = page.locator("#bulk");
  await bulk.getByLabel("How the letters go out").selectOption("documents");
  await bulk.getByLabel("Who the letters are from").selectOption("self");
  await bulk
    .getByLabel(/particular situation/)
    .fill("Our staff list was posted with a call to visit people at home; several were threatened.");
  await bulk
    .getByLabel(/Why the content is illegal/)
    .fill("The post publishes home addresses to invite harassment.");
  await bulk.getByLabel(/Data protection authority/).fill("the data protection authority of Ireland");
  await bulk.getByRole("button", { name: "Write and queue the letters" }).click();
  await expect(page.getByRole("heading", { name: "Letters for every empty cell" })).toBeVisible();
}

test("bulk letters: started from the matrix, live progress, then a summary that adds up", async ({
  page,
}) => {
  await incidentWithPeople(page, "bulk");
  await expectAccessible(page);
  await startFromMatrix(page);
  await expect(page.getByRole("progressbar")).toBeVisible();
  // The page asks the server every second; the summary appears without a reload.
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("6 of 6 letters")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("value", "6");
  const facts = page.locator("dl.facts");
  const count = async (term: string) =>
    Number((await facts.locator(`dt:text-is("${term}") + dd`).textContent())?.replace(/,/g, ""));
  const generated = await count("Web-form and PDF letters ready for you");
  const skipped = await count("Skipped");
  const failed = await count("Failed");
  expect(await count("Emails sent")).toBe(0);
  expect(generated + skipped + failed).toBe(6);
  await expectAccessible(page);
  await page.getByRole("link", { name: "See every letter in the incident's matrix" }).click();
  await expect(page.getByRole("list", { name: "Pairs by request state" })).toBeVisible();
  // The letters written fill their cells (checked on the matrix, where the list is).
  if (generated > 0)
    await expect(page.getByRole("list", { name: "Pairs by request state" })).not.toContainText(
      "No request yet 6",
    );
  await page.getByRole("link", { name: "Runs so far, with their summaries" }).click();
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible();
  await expect(page.getByText("6 of 6 letters")).toBeVisible();
  await expectAccessible(page);
});

test("bulk letters without JavaScript: the form posts, the page refreshes itself to the summary", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await incidentWithPeople(page, "bulk-nojs");
  await startFromMatrix(page);
  await expect(page.getByText(/of 6 letters/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("6 of 6 letters")).toBeVisible();
  await context.close();
});
