// The first story: sign up, open a case, record where the details appear, add evidence, and find it all
// again after logging out and in. Run once with JavaScript and once without.
import { createHash } from "node:crypto";
import { expect, expectAccessible, logIn, logOut, photoWithGps, signUp, test, uniqueEmail } from "./fixtures";

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });
    // axe needs scripts in the page; the markup is the same either way, so it runs in the JavaScript pass.
    const check = js ? expectAccessible : async (_page: unknown) => {};

    test("sign up → case → paste URLs → evidence with GPS → log out → log in → all still there", async ({
      page,
    }) => {
      const email = uniqueEmail(js ? "js" : "nojs");
      const password = "a long and calm passphrase";
      await page.goto("/");
      await check(page);
      await signUp(page, { name: "Sam Example", email, password });
      await expect(page.getByText("No cases yet")).toBeVisible();
      await check(page);

      await page.getByRole("link", { name: "Open your first case" }).click();
      await check(page);
      await page.getByLabel("Case title").fill("Telegram channel post, June");
      await page.getByLabel("Full name").fill("Sam Example");
      await page.getByLabel("Phone numbers (optional)").fill("+44 7700 900456");
      await page.getByLabel("Country where the person lives").selectOption("GB");
      await page.getByRole("button", { name: "Open case" }).click();
      await expect(page.getByRole("heading", { name: "Telegram channel post, June" })).toBeVisible();
      await expect(page.getByText("Nothing recorded yet")).toBeVisible();
      await check(page);

      // Paste three URLs, one of them invalid.
      await page.getByRole("link", { name: "Add many at once" }).click();
      await page
        .getByLabel("Web addresses, one per line")
        .fill(
          ["https://t.me/leakchannel/812", "this is not an address", "https://pastebin.com/AbCd1234"].join(
            "\n",
          ),
        );
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save all" }).click();
      await expect(page.getByRole("heading", { name: "2 addresses saved" })).toBeVisible();
      await expect(page.getByText(/Line 2:.*this is not an address/)).toBeVisible();
      await check(page);

      // The same list again: both are reported as duplicates, nothing new is saved.
      await page
        .getByLabel("Web addresses, one per line")
        .fill("https://t.me/leakchannel/812\nhttps://pastebin.com/AbCd1234");
      await page.getByRole("button", { name: "Save all" }).click();
      await expect(page.getByRole("heading", { name: "0 addresses saved" })).toBeVisible();
      await expect(page.getByText("is already in this case")).toHaveCount(2);

      await page.getByRole("link", { name: "See them in the case" }).click();
      await expect(page.getByRole("region", { name: "Telegram" })).toContainText(
        "https://t.me/leakchannel/812",
      );
      await expect(page.getByRole("region", { name: "Pastebin" })).toContainText(
        "https://pastebin.com/AbCd1234",
      );
      await expect(page.getByText("2 places recorded")).toBeVisible();

      // Add one more by the single form, then open it and upload a photo with a GPS position.
      await page.getByLabel("Web address (URL)").fill("https://www.example.com/people/sam");
      await page.getByRole("checkbox", { name: "Phone number" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByText("3 places recorded")).toBeVisible();
      await page.getByRole("link", { name: "https://t.me/leakchannel/812" }).click();
      await expect(page.getByRole("heading", { name: "Exposure" })).toBeVisible();
      await expect(page.getByText("No evidence yet")).toBeVisible();
      await check(page);

      const photo = await photoWithGps();
      await page
        .getByLabel("Add a file")
        .setInputFiles({ name: "screenshot.jpg", mimeType: "image/jpeg", buffer: photo });
      await page.getByRole("button", { name: "Upload" }).click();
      const hash = createHash("sha256").update(photo).digest("hex");
      await expect(page.getByText(hash)).toBeVisible();
      await expect(page.getByText("This file contains a GPS position")).toBeVisible();
      await check(page);

      await page.getByRole("button", { name: "Make a copy without metadata" }).click();
      await expect(page.getByRole("link", { name: "Download screenshot-no-metadata.jpg" })).toBeVisible();
      await expect(page.getByText("This file contains a GPS position")).toHaveCount(1);

      // Log out; the case page is no longer reachable; log in again and everything is there.
      const caseUrl = page.url().split("#")[0]!;
      await logOut(page);
      await page.goto(caseUrl);
      await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
      await logIn(page, email, password);
      await expect(page).toHaveURL(caseUrl);
      await expect(page.getByText(hash)).toBeVisible();
      await page.goto("/");
      await expect(page.getByRole("link", { name: "Telegram channel post, June" })).toBeVisible();
      await expect(page.getByText("3 places recorded")).toBeVisible();
    });
  });
}

test("a form with mistakes explains them and keeps what was typed", async ({ page }) => {
  await signUp(page, { name: "Kim", email: uniqueEmail("errors"), password: "another long passphrase" });
  await page.goto("/cases/new");
  await page.getByLabel("Full name").fill("Kim Example");
  await page.getByLabel("Email addresses (optional)").fill("not-an-email");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByText("Give the case a short title")).toBeVisible();
  await expect(page.getByText("One of the email addresses is not valid")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Kim Example");
  await expectAccessible(page);
});

test("quick exit leaves at once, replaces the history entry and signs out", async ({ page }) => {
  await signUp(page, { name: "Lee", email: uniqueEmail("exit"), password: "yet another passphrase" });
  await page.goto("/cases/new");
  await page.getByRole("button", { name: "Quick exit" }).click();
  await expect(page).toHaveURL(/left=1/);
  await page.goBack();
  // The case form is not in the history any more; what is there asks to log in.
  await expect(page).not.toHaveURL(/\/cases\/new$/);
  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
});

test("pressing Esc twice also exits", async ({ page }) => {
  await signUp(page, { name: "Ari", email: uniqueEmail("esc"), password: "calm passphrase here" });
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/left=1/);
});

test("every page sends a strict CSP without inline scripts or third-party origins", async ({ page }) => {
  for (const path of ["/", "/login", "/signup", "/forgot-password"]) {
    const res = await page.goto(path);
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res!.headers()["referrer-policy"]).toBe("no-referrer");
    expect(res!.headers()["cache-control"]).toBe("no-store");
  }
});
