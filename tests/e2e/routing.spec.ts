// Right law: a person in Virginia. Without their state, no US state letter is offered; once the state
// is set in the person's form, the letter to X names the Virginia Consumer Data Protection Act and Virginia's
// Attorney General, and is addressed to X Corp. (not X's Irish entity, which answers people in the EEA).
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

test("a Virginia resident's US state deletion letter names Virginia's law and Attorney General", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await createAccount(page, { name: "Alex Example", email: uniqueEmail("routing-va"), password });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("A post on X");
  await page.getByLabel("Full name").fill("Alex Example");
  await page.getByLabel("Country where the person lives").selectOption("US");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByLabel("Web address (URL)").fill("https://x.com/someone/status/1790000000000000001");
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("X (Twitter)");
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "X (Twitter)" })).toBeVisible();
  const caseUrl = page.url().replace(/[?#].*$/, "");

  // No state yet: no state-law letter, and no EU law offered to someone outside the EU.
  await page.getByRole("link", { name: "Write a letter" }).click();
  await expect(page.getByRole("heading", { name: "Write to X (Twitter)" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /US state privacy law/ })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /GDPR|Digital Services/ })).toHaveCount(0);

  // The state is set in the person's own form.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Alex Example" }).click();
  await expect(page.getByRole("heading", { name: "About Alex Example" })).toBeVisible();
  await page.getByLabel("State or region (optional)").selectOption("US-VA");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByLabel("State or region (optional)")).toHaveValue("US-VA");
  await expectAccessible(page);

  // Now the letter is offered, with Virginia's law chosen already.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Write a letter" }).click();
  await page.getByRole("radio", { name: /Request to delete under a US state privacy law/ }).check();
  await expect(page.getByLabel("State you live in (for a US state privacy law)")).toHaveValue("VA");
  await page.getByLabel("Send it").selectOption({ index: 0 });
  await page.getByLabel("Email address for the answer").fill("alex@example.test");
  await page.getByRole("button", { name: "Write the letter" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  const body = page.getByLabel("Letter text");
  await expect(body).toHaveValue(/Virginia Consumer Data Protection Act/);
  await expect(body).toHaveValue(/Va\. Code § 59\.1-577/);
  await expect(body).toHaveValue(/complain to the Attorney General of Virginia/);
  await expect(body).toHaveValue(/To: X Corp\./);
  await expect(body).not.toHaveValue(/Twitter International|California Privacy Protection Agency|GDPR/);
  await expectAccessible(page);
});
