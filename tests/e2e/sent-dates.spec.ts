// Dates the user sets: a letter printed and posted is recorded with the day posted and the day the
// recipient received it; its deadline counts from the day received, so a letter received 45 days ago is overdue
// on the request page and on the dashboard. Plain form posts: the same with JavaScript off (axe needs it on).
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

function daysAgo(n: number) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** The same day as the pages write it ("4 December 2026": formatDay, British English). */
function shown(iso: string) {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a posted letter received 45 days ago is overdue", async ({ page }) => {
      test.setTimeout(90_000);
      await createAccount(page, { name: "Robin Example", email: uniqueEmail("posted"), password });
      await page.goto("/cases/new");
      await page.getByLabel("Case title").fill("A post in a Telegram channel");
      await page.getByLabel("Full name").fill("Robin Example");
      await page.getByLabel("Country where the person lives").selectOption("DE");
      await page.getByRole("button", { name: "Open case" }).click();
      await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_posted/9");
      if (javaScriptEnabled)
        await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByRole("region", { name: "Telegram" })).toBeVisible();

      await page.getByRole("link", { name: "Write a letter" }).click();
      await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
      await page.getByLabel("Language of the letter").selectOption("en");
      // "Print and post (PDF)", to the postal address the directory has for the recipient where it has one.
      const post = page.getByLabel("Send it").locator("option", { hasText: "Print and post (PDF)" }).first();
      await page.getByLabel("Send it").selectOption((await post.getAttribute("value"))!);
      await page.getByLabel("Email address for the answer").fill("robin@example.test");
      await page
        .getByLabel("Why this puts you at risk")
        .fill("Strangers have come to my door since the post.");
      await page
        .getByLabel("Authority you would complain to")
        .fill("the Berlin Commissioner for Data Protection");
      await page.getByRole("button", { name: "Write the letter" }).click();
      await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
      const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();

      // Both dates default to today; a received date before the posting date is refused, calmly.
      const today = new Date().toISOString().slice(0, 10);
      await expect(page.getByLabel("Date posted")).toHaveValue(today);
      await expect(page.getByLabel("Date they received it")).toHaveValue(today);
      await page.getByLabel("Date posted").fill(daysAgo(40));
      await page.getByLabel("Date they received it").fill(daysAgo(45));
      await page.getByRole("button", { name: "Mark as posted" }).click();
      await expect(
        page.getByText("They cannot have received it before it was sent: check both dates."),
      ).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page);

      await page.getByLabel("Date posted").fill(daysAgo(48));
      await page.getByLabel("Date they received it").fill(daysAgo(45));
      await page.getByRole("button", { name: "Mark as posted" }).click();
      await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
      await expect(page.getByRole("status")).toContainText(
        `Sent ${shown(daysAgo(48))}, received ${shown(daysAgo(45))}`,
      );

      // The case page says the day it was posted, not the day it was recorded.
      const letterUrl = page.url();
      await page.getByRole("link", { name: "Back to the case" }).click();
      const letters = page.getByRole("region", { name: "Letters", exact: true });
      await expect(letters.getByRole("listitem").filter({ hasText: reference })).toContainText(
        `Sent ${shown(daysAgo(48))}`,
      );
      // The same page tells the request's story: overdue, with the dates it counts from.
      await page.goto(letterUrl);
      await expect(page.getByRole("heading", { name: `Request ${reference}` })).toBeVisible();
      await expect(page.getByRole("region", { name: "What this request is" })).toContainText(
        shown(daysAgo(45)),
      );
      await expect(page.locator(".badge-request-overdue")).toHaveText("overdue");
      await expect(page.getByText("The deadline has passed without an answer.")).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page);

      // The dashboard lists it as overdue.
      await page.goto("/");
      const reminders = page.getByRole("region", { name: "Requests that need you" });
      await expect(reminders.getByRole("listitem").filter({ hasText: reference })).toContainText(
        /overdue by [\d,]+ days/,
      );
      if (javaScriptEnabled) await expectAccessible(page);
    });
  });
}
