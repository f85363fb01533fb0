// Data ownership in a browser: download a person's data as a ZIP, then erase them after typing ERASE; and the
// same for the whole workspace from the account page. Run with and without JavaScript.
import { readFileSync } from "node:fs";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("export a person, erase them, export and erase the workspace", async ({ page }) => {
      await createAccount(page, {
        name: "Kim Example",
        email: uniqueEmail("own"),
        password: "a long and calm passphrase",
      });
      for (const title of ["First case", "Second case"]) {
        await page.goto("/cases/new");
        await page.getByLabel("Case title").fill(title);
        await page.getByLabel("Full name").fill(`Person of ${title}`);
        await page.getByLabel("Country where the person lives").selectOption("GB");
        await page.getByRole("button", { name: "Open case" }).click();
        await expect(page.getByRole("heading", { name: title })).toBeVisible();
      }
      await page.getByRole("link", { name: "Person of Second case" }).click();
      await expect(page.getByRole("heading", { name: "This person's data" })).toBeVisible();
      if (js) await expectAccessible(page);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download everything about this person (ZIP)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^retract-person-export-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = readFileSync((await download.path())!);
      expect(zip.subarray(0, 2).toString()).toBe("PK");

      await page.getByLabel("Type ERASE to confirm").fill("no");
      await page.getByRole("button", { name: "Erase this person" }).click();
      await expect(page.getByText("Type ERASE to confirm.")).toBeVisible();
      await page.getByLabel("Type ERASE to confirm").fill("ERASE");
      await page.getByRole("button", { name: "Erase this person" }).click();
      await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
      await expect(page.getByRole("link", { name: "Second case", exact: true })).toHaveCount(0);
      await expect(page.getByRole("link", { name: "First case", exact: true })).toBeVisible();

      await page.getByRole("link", { name: "Account" }).click();
      const [all] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download everything (ZIP)" }).click(),
      ]);
      expect(all.suggestedFilename()).toMatch(/^retract-workspace-export-/);
      await page.getByLabel("Type ERASE to confirm").fill("ERASE");
      await page.getByRole("button", { name: "Erase every case" }).click();
      await expect(page.getByText("Every case in this workspace was erased.")).toBeVisible();
      await page.getByRole("link", { name: "Cases" }).click();
      await expect(page.getByRole("link", { name: "First case", exact: true })).toHaveCount(0);
    });
  });
}
