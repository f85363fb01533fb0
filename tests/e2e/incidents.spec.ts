// Employer incidents in the browser: an organisation creates an incident, uploads a roster with one bad row
// (the preview shows it, confirm saves the rest), pastes leaked URLs linked to everyone, and reads the
// people × recipients table with its filters. Once more without JavaScript for the roster import.
import type { Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";

const ROSTER = [
  "Full name,Work e-mail,Team,Country",
  "Ada Lindqvist,ada.lindqvist@employer.example,Operations,SE",
  "Bruno Achterberg,bruno.a@employer.example,Operations,NL",
  "Carmen Ybarra,not-an-email,Legal,ES",
  "Dara Okonkwo,dara.o@employer.example,Legal,IE",
].join("\n");

/** axe runs inside the page, so only with JavaScript on. */
async function organisationWithIncident(page: Page, tag: string, axe = true) {
  await createAccount(page, { name: "Sam Security", email: uniqueEmail(tag), password });
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("Employer Security Team");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Employer Security Team" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { name: "Incidents", exact: true })).toBeVisible();
  if (axe) await expectAccessible(page);
  await page.getByLabel("Title").fill("Staff list posted on a channel");
  await page.getByRole("button", { name: "Create incident" }).click();
  await expect(page.getByRole("heading", { name: "Staff list posted on a channel" })).toBeVisible();
  if (axe) await expectAccessible(page);
}

const incidentNav = (page: Page) => page.getByRole("navigation", { name: "This incident" });

test("incident: roster with a bad row, URLs for everyone, the people × recipients table and its filters", async ({
  page,
}) => {
  await organisationWithIncident(page, "incident");

  await incidentNav(page).getByRole("link", { name: "Roster" }).click();
  await expectAccessible(page);
  await page.getByLabel("CSV file").setInputFiles({
    name: "staff.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(ROSTER),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Check the roster before saving" })).toBeVisible();
  const problems = page.getByRole("list", { name: "Rows with a problem" });
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  await expect(problems).toContainText("Row 4");
  await expect(problems).toContainText("Work email");
  await expect(page.getByRole("table", { name: /Every row of the roster/ }).getByRole("row")).toHaveCount(5);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm and add 3 people" }).click();
  await expect(page.getByText("3 people were added to the roster")).toBeVisible();
  await expect(page.getByRole("heading", { name: "People on the roster (3)" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Carmen Ybarra" })).toHaveCount(0);
  await expectAccessible(page);

  await incidentNav(page).getByRole("link", { name: "Web addresses" }).click();
  await page
    .getByLabel("Web addresses, one per line")
    .fill("https://t.me/staffleak/42\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await expect(page.getByLabel(/Everyone on the roster \(3 people\)/)).toBeChecked();
  await page.getByRole("button", { name: "Save and link" }).click();
  await expect(page.getByText("2 new addresses saved")).toBeVisible();
  const urls = page.getByRole("table", { name: /Each address/ });
  await expect(urls.getByRole("row")).toHaveCount(3);
  await expect(urls.getByRole("row", { name: /t\.me\/staffleak\/42/ })).toContainText("3");
  await expectAccessible(page);

  await incidentNav(page).getByRole("link", { name: "People × recipients" }).click();
  const matrix = page.getByRole("table", { name: /Request state for each person/ });
  await expect(matrix.getByRole("row")).toHaveCount(4);
  await expect(matrix.getByRole("columnheader")).toHaveCount(3);
  await expect(matrix.getByText("No request yet")).toHaveCount(6);
  await expect(page.getByRole("list", { name: "Pairs by request state" })).toContainText("No request yet 6");
  await expect(page.locator("#bulk")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Name contains").fill("bruno");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(matrix.getByRole("row")).toHaveCount(2);
  await expect(matrix.getByRole("rowheader", { name: "Bruno Achterberg" })).toBeVisible();

  await page.getByRole("link", { name: "Clear filters" }).click();
  // The filters' form is keyed by the filters: wait for the cleared page before choosing, or the choice lands
  // on the old form and is wiped when the new one replaces it.
  await expect(page).toHaveURL(/\/matrix$/);
  await expect(page.getByLabel("Name contains")).toHaveValue("");
  await page.getByLabel("Unit", { exact: true }).selectOption({ label: "Legal" });
  await page.getByLabel("State", { exact: true }).selectOption({ label: "No request yet" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(matrix.getByRole("row")).toHaveCount(2);
  await expect(matrix.getByRole("rowheader", { name: "Dara Okonkwo" })).toBeVisible();
  await expect(page).toHaveURL(/state=none/);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a pasted roster is previewed and confirmed", async ({ page }) => {
    await organisationWithIncident(page, "incident-nojs", false);
    await incidentNav(page).getByRole("link", { name: "Roster" }).click();
    await page.getByLabel("Or paste the rows (with the header row)").fill(ROSTER);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("list", { name: "Rows with a problem" })).toContainText("Row 4");
    await page.getByRole("button", { name: "Confirm and add 3 people" }).click();
    await expect(page.getByText("3 people were added to the roster")).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Dara Okonkwo" })).toBeVisible();

    await incidentNav(page).getByRole("link", { name: "Web addresses" }).click();
    await page.getByLabel("Web addresses, one per line").fill("https://t.me/staffleak/7");
    await page.getByRole("button", { name: "Save and link" }).click();
    await expect(page.getByText("1 new address saved")).toBeVisible();
    await incidentNav(page).getByRole("link", { name: "People × recipients" }).click();
    await expect(
      page.getByRole("table", { name: /Request state for each person/ }).getByText("No request yet"),
    ).toHaveCount(3);
  });
});
