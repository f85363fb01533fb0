// Safety of the sender, as a person whose own photo was posted on Telegram with their home address:
// before writing, the form says a DMCA notice is usually forwarded to the uploader and may be published; the
// contact block is the email only unless they choose an address; the home address on file carries a warning;
// a safe address they type is the one that goes in.
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";
const HOME = "14 Lindenweg, 10115 Berlin";
const PO_BOX = "Postfach 1201, 10001 Berlin";

test("a DMCA notice written without a home address", async ({ page }) => {
  test.setTimeout(120_000);
  await createAccount(page, { name: "Robin Example", email: uniqueEmail("safety"), password });

  // A case whose person has a home address and a phone number on file.
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("My photo on Telegram");
  await page.getByLabel("Full name").fill("Robin Example");
  await page.getByLabel("Email addresses (optional)").fill("robin@example.test");
  await page.getByLabel("Phone numbers (optional)").fill("+49 30 5550 1234");
  await page.getByLabel("Postal addresses (optional)").fill(HOME);
  await page.getByLabel("Country where the person lives").selectOption("DE");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: "My photo on Telegram" })).toBeVisible();
  await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_y/7");
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
  await page.getByRole("checkbox", { name: "Photos" }).check();
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "Telegram" })).toContainText("t.me/leak_channel_y/7");
  const caseUrl = page.url().replace(/[?#].*$/, "");

  // Before writing: the warning, and email only chosen.
  await page.getByRole("link", { name: "Write a letter" }).click();
  await expect(page.getByRole("heading", { name: "Write to Telegram" })).toBeVisible();
  const dmca = page.getByRole("radio", { name: /DMCA takedown notice/ });
  await expect(dmca).toBeVisible();
  await expect(dmca).toHaveAccessibleDescription(/usually forwarded to the person who uploaded/);
  await expect(page.getByText(/may be published, for example in the Lumen database/)).toBeVisible();
  await expect(page.getByRole("radio", { name: "No postal address, email only" })).toBeChecked();
  const home = page.getByRole("radio", { name: /The home address on file/ });
  await expect(home).not.toBeChecked();
  await expect(home).toHaveAccessibleDescription(/goes to the site that shows the content/);
  await expect(page.getByLabel("Safe address to use")).toHaveValue("");
  await expect(page.getByLabel("Phone number (optional)")).toHaveValue("");
  await expect(page.getByLabel("Email address for the answer")).toHaveValue("robin@example.test");
  await expectAccessible(page);

  const writeDmca = async () => {
    await dmca.check();
    await page.getByLabel("Language of the letter").selectOption("en");
    await page.getByLabel("Your photo's title (for a DMCA notice)").fill("Garden portrait");
    await page
      .getByLabel("Describe your photo (for a DMCA notice)")
      .fill("A photo I took of myself in my garden");
    await page.getByRole("button", { name: "Write the letter" }).click();
    await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  };

  // Email only: the rendered letter has the email, and neither the address nor the phone on file.
  await writeDmca();
  await expect(page.getByRole("complementary", { name: "Who may see this letter" })).toContainText(
    "usually forwarded to the person who uploaded",
  );
  const body = page.getByLabel("Letter text");
  await expect(body).toHaveValue(/Email: robin@example\.test/);
  await expect(body).not.toHaveValue(/Lindenweg/);
  await expect(body).not.toHaveValue(/5550 1234/);
  await expect(body).not.toHaveValue(/^Address:/m);
  await expectAccessible(page);

  // A safe address chosen: that one goes in, not the one on file.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Write a letter" }).click();
  await page.getByRole("radio", { name: /A safe address I type below/ }).check();
  await page.getByLabel("Safe address to use").fill(PO_BOX);
  await writeDmca();
  await expect(body).toHaveValue(new RegExp(`Address: ${PO_BOX}`));
  await expect(body).not.toHaveValue(/Lindenweg/);
});
