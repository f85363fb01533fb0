// Truthful states as a person lives them: a posted letter about two places, the recipient answers that they
// removed everything, and the request says "they say it is done" (with a re-check date) until both places are
// checked gone; the person checks each page and records it. Then two requests at once: one already set aside,
// so the bulk "stop reminding me" names it and sets the other aside, which is taken up again later.
// Plain form posts: the same with JavaScript off (axe needs it on).
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

function longDate(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCDate()} ${d.toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${d.getUTCFullYear()}`;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("said done → checked gone by the person; bulk set aside with a refusal by name; resumed", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const today = new Date().toISOString().slice(0, 10);
      await createAccount(page, { name: "Robin Example", email: uniqueEmail("states"), password });
      await page.goto("/cases/new");
      await page.getByLabel("Case title").fill("Posts in a Telegram channel");
      await page.getByLabel("Full name").fill("Robin Example");
      await page.getByLabel("Country where the person lives").selectOption("DE");
      await page.getByRole("button", { name: "Open case" }).click();
      const tag = Date.now().toString(36);
      for (const n of [1, 2]) {
        await page.getByLabel("Web address (URL)").fill(`https://t.me/leak_${tag}/${n}`);
        if (javaScriptEnabled)
          await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
        await page.getByRole("checkbox", { name: "Home address" }).check();
        await page.getByRole("button", { name: "Save this place" }).click();
        await expect(page.getByRole("region", { name: "Telegram" })).toContainText(`leak_${tag}/${n}`);
      }
      const caseUrl = page.url().replace(/[?#].*$/, "");

      async function postedLetter() {
        await page.goto(caseUrl);
        await page.getByRole("link", { name: "Write a letter" }).click();
        await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
        await page.getByLabel("Language of the letter").selectOption("en");
        const post = page
          .getByLabel("Send it")
          .locator("option", { hasText: "Print and post (PDF)" })
          .first();
        await page.getByLabel("Send it").selectOption((await post.getAttribute("value"))!);
        await page.getByLabel("Email address for the answer").fill("robin@example.test");
        await page.getByLabel("Why this puts you at risk").fill("Strangers have come to my door.");
        await page
          .getByLabel("Authority you would complain to")
          .fill("the Berlin Commissioner for Data Protection");
        await page.getByRole("button", { name: "Write the letter" }).click();
        await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
        const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
        await page.getByRole("button", { name: "Mark as posted" }).click();
        await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
        return { reference, url: page.url().replace(/[?#].*$/, "") };
      }

      // Three requests about the two places (the last two are for the bulk change below).
      const first = await postedLetter();
      const second = await postedLetter();
      const third = await postedLetter();

      // The answer to the first says everything is removed: their word, not a check.
      await page.goto(first.url);
      await page.getByLabel("What did they answer?").selectOption({ label: "They removed everything" });
      await page.getByRole("button", { name: "Save the answer" }).click();
      const about = page.getByRole("region", { name: "What this request is" });
      await expect(about).toContainText("they say it is done");
      const places = page.getByRole("region", { name: "Are the pages still there?" });
      await expect(places.getByRole("listitem")).toHaveCount(2);
      for (const item of await places.getByRole("listitem").all()) {
        await expect(item).toContainText("They say it is removed (not yet checked)");
        await expect(item).toContainText(
          `Next re-check on ${longDate(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10))}`,
        );
      }
      await expect(page.getByText(/said_removed|no_longer_there/)).toHaveCount(0);
      if (javaScriptEnabled) await expectAccessible(page);

      // The person checks both pages. A day in the future is refused calmly; then the first page, with a day.
      await page.goto(caseUrl);
      await page.getByRole("link", { name: new RegExp(`leak_${tag}/1$`) }).click();
      const gone = page.getByRole("region", { name: "I checked: it is gone" });
      await expect(gone.getByLabel("The day you checked")).toHaveValue(today);
      await gone.getByLabel("The day you checked").fill("2999-01-01");
      await gone.getByRole("button", { name: "Record that it is gone" }).click();
      await expect(page.getByText("The day you checked cannot be in the future.")).toBeVisible();
      if (javaScriptEnabled) await expectAccessible(page);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await page
        .getByRole("region", { name: "I checked: it is gone" })
        .getByLabel("The day you checked")
        .fill(yesterday);
      await page.getByRole("button", { name: "Record that it is gone" }).click();
      await expect(page.getByText(`You confirmed it was gone on ${longDate(yesterday)}.`)).toBeVisible();
      await expect(page.locator(".badge-removed")).toHaveText("Removed (checked)");
      await expect(page.getByRole("region", { name: "I checked: it is gone" })).toHaveCount(0);

      // One of two checked: the request still says it is their word.
      await page.goto(first.url);
      await expect(page.getByRole("region", { name: "What this request is" })).toContainText(
        "they say it is done",
      );
      await page.goto(caseUrl);
      await page.getByRole("link", { name: new RegExp(`leak_${tag}/2$`) }).click();
      await page.getByRole("button", { name: "Record that it is gone" }).click();
      await expect(page.getByText(`You confirmed it was gone on ${longDate(today)}.`)).toBeVisible();
      await page.goto(first.url);
      await expect(page.getByRole("region", { name: "What this request is" })).toContainText(
        "removed (checked)",
      );
      await expect(page.getByRole("region", { name: "History" })).toContainText(
        `A place was checked by hand and is gone (checked on ${longDate(yesterday)})`,
      );

      // The third is set aside from its own page, with a note.
      await page.goto(third.url);
      await page.getByLabel("Why (optional, only for you and your team)").fill("They closed the channel.");
      await page.getByRole("button", { name: "Stop reminding me" }).click();
      await expect(page.getByText("This request is set aside")).toBeVisible();
      await expect(page.locator(".badge-request-abandoned")).toHaveText("set aside (no reminders)");
      await expect(page.getByRole("region", { name: "History" })).toContainText("They closed the channel.");
      if (javaScriptEnabled) await expectAccessible(page);

      // Ticking the second and third and "stop reminding me": the second is set aside, the third is named.
      await page.goto(caseUrl);
      const letters = page.getByRole("region", { name: "Letters", exact: true });
      await letters.getByRole("checkbox", { name: `Choose request ${second.reference}` }).check();
      await letters.getByRole("checkbox", { name: `Choose request ${third.reference}` }).check();
      await letters
        .getByLabel("Change the requests you ticked")
        .selectOption({ label: "Stop reminding me (set them aside)" });
      await letters.getByRole("button", { name: "Apply to the ticked requests" }).click();
      const result = page.getByRole("status").filter({ hasText: "Changed:" });
      await expect(result).toContainText(`Changed: ${second.reference}.`);
      await expect(result).toContainText(
        `${third.reference} was not changed: this change does not apply to a request that is “set aside (no reminders)”.`,
      );
      await expect(letters.getByRole("listitem").filter({ hasText: second.reference })).toContainText(
        "Set aside (no reminders)",
      );
      await expect(letters.getByRole("listitem").filter({ hasText: first.reference })).toContainText(
        "Removed (checked)",
      );
      if (javaScriptEnabled) await expectAccessible(page);

      // The second is taken up again: back to the state it left.
      await page.goto(second.url);
      await expect(page.getByText("This request is set aside")).toBeVisible();
      await page.getByRole("button", { name: "Take this request up again" }).click();
      await expect(page.locator(".badge-request-sent")).toHaveText("sent");
      await expect(page.getByRole("region", { name: "History" })).toContainText("taken up again");
      if (javaScriptEnabled) await expectAccessible(page);
    });
  });
}
