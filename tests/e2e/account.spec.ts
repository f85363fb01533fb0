// The account page in a browser: two devices, one logs the other out, then a password change. Run with and
// without JavaScript.
import { createAccount, expect, expectAccessible, logIn, test, uniqueEmail } from "./fixtures";

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("see sessions, log out the other device, change the password", async ({ page, browser }) => {
      const email = uniqueEmail(js ? "acct-js" : "acct-nojs");
      const password = "a long and calm passphrase";
      await createAccount(page, { name: "Ash Example", email, password });

      // A second device logs in.
      const other = await browser.newContext({ javaScriptEnabled: js });
      const otherPage = await other.newPage();
      await otherPage.goto("/login");
      await logIn(otherPage, email, password);
      await expect(otherPage.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();

      await page.getByRole("link", { name: "Account" }).click();
      await expect(page.getByRole("heading", { name: "Where you are logged in" })).toBeVisible();
      const list = page.getByRole("list", { name: "Active sessions" });
      await expect(list.getByRole("listitem")).toHaveCount(2);
      await expect(list.getByText("This device")).toBeVisible();
      await expect(list.getByRole("heading", { name: /Chrome on Windows/ }).first()).toBeVisible();
      if (js) await expectAccessible(page);

      await page.getByRole("button", { name: "Log out all other devices" }).click();
      await expect(page.getByText("Every other device was logged out.")).toBeVisible();
      await expect(list.getByRole("listitem")).toHaveCount(1);
      await otherPage.goto("/account");
      await expect(otherPage).toHaveURL(/\/login/);

      // The other device comes back; changing the password logs it out again.
      await logIn(otherPage, email, password);
      await expect(otherPage.getByRole("heading", { name: "Your account" })).toBeVisible();
      await page.getByLabel("Current password").fill("wrong password entirely");
      await page.getByLabel("New password", { exact: true }).fill("an even longer calm passphrase");
      await page.getByLabel("New password again").fill("an even longer calm passphrase");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Your current password is not right.")).toBeVisible();
      await page.getByLabel("Current password").fill(password);
      await page.getByLabel("New password", { exact: true }).fill("an even longer calm passphrase");
      await page.getByLabel("New password again").fill("an even longer calm passphrase");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Your password was changed")).toBeVisible();
      await otherPage.goto("/account");
      await expect(otherPage).toHaveURL(/\/login/);
      await logIn(otherPage, email, "an even longer calm passphrase");
      await expect(otherPage.getByRole("heading", { name: "Your account" })).toBeVisible();
      await other.close();
    });
  });
}
