// One page per request (decision 090): a letter is written, checked and posted, the answer is recorded and the
// follow-up written, all on the request's one page, in the order the story happens; the old letter address
// sends a bookmark (GET) and a form left open (POST) to it. Plain form posts: the same with JavaScript off (axe
// needs it on).
import { expect, expectAccessible, signUp, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("draft → posted → answer recorded → follow-up written, on one page", async ({ page }) => {
      test.setTimeout(90_000);
      await signUp(page, { name: "Robin Example", email: uniqueEmail("one-page"), password });
      await page.goto("/cases/new");
      await page.getByLabel("Case title").fill("A post in a Telegram channel");
      await page.getByLabel("Full name").fill("Robin Example");
      await page.getByLabel("Country where the person lives").selectOption("DE");
      await page.getByRole("button", { name: "Open case" }).click();
      await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_one_page/3");
      if (javaScriptEnabled)
        await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByRole("region", { name: "Telegram" })).toBeVisible();

      await page.getByRole("link", { name: "Write a letter" }).click();
      await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
      await page.getByLabel("Language of the letter").selectOption("en");
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

      // The draft: the request's page, its story first, then the letter to check.
      await expect(page).toHaveURL(/\/cases\/[^/]+\/requests\/[^/?#]+/);
      const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
      await expect(page.getByRole("heading", { level: 1, name: `Request ${reference}` })).toBeVisible();
      const about = page.getByRole("region", { name: "What this request is" });
      await expect(about).toContainText("Telegram");
      await expect(about).toContainText("Erasure request and objection");
      await expect(about).toContainText("draft");
      await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Are the pages still there?" })).toContainText(
        "t.me/leak_channel_one_page/3",
      );
      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings).toEqual([
        "What this request is",
        "Check and edit the letter",
        "Replies",
        "Are the pages still there?",
        "History",
      ]);
      if (javaScriptEnabled) await expectAccessible(page);
      const requestUrl = page.url().replace(/[?#].*$/, "");

      // Posted today.
      await page.getByRole("button", { name: "Mark as posted" }).click();
      await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
      await expect(about).toContainText("sent");
      await expect(page.getByRole("region", { name: "History" })).toContainText(reference);
      if (javaScriptEnabled) await expectAccessible(page);

      // Their answer, recorded by hand, on the same page.
      const replies = page.getByRole("region", { name: "Replies" });
      await expect(replies).toContainText("No reply yet.");
      await page.getByLabel("What did they answer?").selectOption({ label: "They removed some of it" });
      await page.getByLabel("Their reply (optional)").fill("We removed the address but kept the photo.");
      await page.getByRole("button", { name: "Save the answer" }).click();
      await expect(replies).toContainText("We removed the address but kept the photo.");
      await expect(page.locator(".badge-request-partly_removed")).toHaveText("partly removed");
      // The letter itself stays "sent" in words, whatever the request's state.
      await expect(page.locator(".badge-letter-sent")).toHaveText("Sent");
      const next = page.getByRole("region", { name: "Next step" });
      await expect(next).toContainText("Suggested: a follow-up.");
      if (javaScriptEnabled) await expectAccessible(page);

      // The next letter: a draft of its own request, filled from this one.
      await next.getByRole("button", { name: "Write the follow-up" }).click();
      await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
      await expect(page).not.toHaveURL(requestUrl);
      await expect(page).toHaveURL(/\/requests\//);
      await expect(page.getByLabel("Letter text")).toHaveValue(new RegExp(reference));
      if (javaScriptEnabled) await expectAccessible(page);
      // The first request says the follow-up waits to be sent, and links to it.
      const followUpUrl = page.url().replace(/[?#].*$/, "");
      await page.goto(requestUrl);
      await page.getByRole("link", { name: "Open it to send it" }).click();
      await expect(page).toHaveURL(followUpUrl);
    });

    test("the old letter address leads to the request page", async ({ page }) => {
      test.setTimeout(60_000);
      await signUp(page, { name: "Robin Example", email: uniqueEmail("old-url"), password });
      await page.goto("/cases/new");
      await page.getByLabel("Case title").fill("A post");
      await page.getByLabel("Full name").fill("Robin Example");
      await page.getByLabel("Country where the person lives").selectOption("DE");
      await page.getByRole("button", { name: "Open case" }).click();
      await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_old_url/4");
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByRole("link", { name: "https://t.me/leak_channel_old_url/4" })).toBeVisible();
      await page.getByRole("link", { name: "Write a letter" }).click();
      await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
      await page.getByLabel("Language of the letter").selectOption("en");
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
      const requestPath = new URL(page.url()).pathname;
      const oldPath = requestPath.replace("/requests/", "/letters/");

      // A bookmark of the old page: the same query string, at the letter's section. A whole-page load while the
      // previous page still reads its data aborts that read, so the test waits until the page is quiet.
      await page.waitForLoadState("networkidle");
      await page.goto(`${oldPath}?from=bookmark`);
      await expect(page).toHaveURL(new RegExp(`${requestPath}\\?from=bookmark#letter$`));
      await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();

      if (javaScriptEnabled) {
        // A form posted to the old address (a tab left open before the change): sent on with its body.
        const subject = await page.getByLabel("Subject").inputValue();
        const paper = await page.locator('input[name="paper"]').inputValue();
        await page.waitForLoadState("networkidle");
        await page.evaluate(
          ({ action, subject, paper }) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = action;
            for (const [name, value] of Object.entries({
              intent: "save",
              subject,
              body: "Please erase my address from the channel.",
              paper,
            })) {
              const input = document.createElement("input");
              input.type = "hidden";
              input.name = name;
              input.value = value;
              form.append(input);
            }
            document.body.append(form);
            form.submit();
          },
          { action: oldPath, subject, paper },
        );
        await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
        await expect(page).toHaveURL(new RegExp(`${requestPath}$`));
        await page.reload();
        await expect(page.getByLabel("Letter text")).toHaveValue(
          /^Please erase my address from the channel\.\s*$/,
        );
      }
    });
  });
}
