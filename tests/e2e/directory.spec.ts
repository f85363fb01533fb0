// The recipient directory as people use it: search it, read a recipient's channels, sources and quality;
// paste real URLs into the exposure form and see who answers for them (before submitting with JavaScript,
// after submitting without); correct a recipient for a workspace without anyone else seeing it.
import type { Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, logIn, logOut, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

async function openCase(page: Page, title: string, country = "DE") {
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill(title);
  await page.getByLabel("Full name").fill("Robin Example");
  await page.getByLabel("Country where the person lives").selectOption(country);
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function search(page: Page, q: string, options: { country?: string; kind?: string } = {}) {
  await page.getByLabel("Name or domain").fill(q);
  await page.getByLabel("Country").selectOption(options.country ?? "");
  await page.getByLabel("Kind").selectOption(options.kind ?? "");
  await page.getByRole("button", { name: "Search" }).click();
}

test("search the directory by name, domain, country and kind, and read a recipient", async ({ page }) => {
  await page.goto("/directory");
  await expect(page.getByRole("heading", { name: "Who to write to" })).toBeVisible();
  await expectAccessible(page);

  await search(page, "Telegram");
  await expect(page.getByRole("link", { name: "Telegram", exact: true })).toBeVisible();

  await search(page, "youtu.be");
  await expect(page.getByRole("link", { name: "YouTube", exact: true })).toBeVisible();

  // By country and kind: Korea's regulators.
  await search(page, "", { country: "KR", kind: "regulator" });
  await expect(
    page.getByRole("link", { name: "Personal Information Protection Commission (PIPC, 개인정보보호위원회)" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Telegram", exact: true })).toHaveCount(0);

  // A data broker's front site, and its parent.
  await search(page, "truthfinder", { kind: "data_broker" });
  await page.getByRole("link", { name: "Truth Finder" }).click();
  await expect(page.getByRole("heading", { name: "Truth Finder" })).toBeVisible();
  await expect(page.getByText("The data behind this site is held by")).toBeVisible();
  await expect(page.getByText(/Quality: scraped/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Where this comes from" })).toBeVisible();
  await expect(page.getByRole("link", { name: /brianreumere\/data-brokers/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "PeopleConnect" }).click();
  await expect(
    page
      .getByRole("region", { name: "How to reach them" })
      .getByRole("link", { name: "https://suppression.peopleconnect.us/login" }),
  ).toBeVisible();

  // A curated platform: its channels, quality and date checked.
  await page.goto("/directory/curated%3Atelegram");
  const channels = page.getByRole("region", { name: "How to reach them" });
  await expect(channels.getByRole("link", { name: "abuse@telegram.org" })).toBeVisible();
  await expect(page.getByText(/Quality: verified, checked \d{1,2} [A-Z][a-z]+ 20\d\d/)).toBeVisible();
  await expectAccessible(page);
});

test("with JavaScript the exposure form names the recipient before saving", async ({ page }) => {
  await createAccount(page, { name: "Jo Caseworker", email: uniqueEmail("dir-js"), password });
  await openCase(page, "Posts about Robin");
  const url = page.getByLabel("Web address (URL)");
  const who = page.getByRole("status", { name: "Who is responsible" });

  // Real addresses of real services, as a new user would paste them: who answers, and the channel to use.
  const cases: [string, string[]][] = [
    ["https://t.me/durov/1", ["Telegram", "Use: Abuse — In the app", "Verified, checked 20"]],
    [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      ["YouTube", "Use: Privacy — Web form", "support.google.com"],
    ],
    ["https://mobile.twitter.com/someone/status/1", ["X (Twitter)", "Use: Privacy — Web form", "help.x.com"]],
    ["https://www.instagram.com/p/C0abcdEFG/", ["Instagram", "Run by Meta", "Use: Privacy"]],
    [
      "https://www.truthfinder.com/people-search/robin",
      ["Truth Finder", "The data is held by PeopleConnect", "Use: Privacy — Web form of PeopleConnect"],
    ],
    ["https://www.ionos.co.uk/", ["IONOS Cloud Ltd.", "Use: Privacy — Email", "privacypolicy@ionos.co.uk"]],
  ];
  for (const [address, expected] of cases) {
    await url.fill(address);
    for (const text of expected) await expect(who).toContainText(text);
  }
  await expectAccessible(page);

  // An unknown site: offer to add it, pre-filled with the domain.
  await url.fill("https://leaks.unknown-forum-example.org/t/robin");
  await expect(who).toContainText("No recipient is known for unknown-forum-example.org");
  await expect(
    who.getByRole("link", { name: "Add a recipient for unknown-forum-example.org" }),
  ).toHaveAttribute("href", /\/directory\?add=unknown-forum-example\.org/);

  // Save one, then the exposure page shows who to write to and the rules a letter can use.
  await url.fill("https://www.tiktok.com/@someone/video/7300000000000000000");
  await expect(who).toContainText("TikTok");
  await page.getByRole("checkbox", { name: "Photos" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "TikTok" })).toBeVisible();
  await page
    .getByRole("region", { name: "TikTok" })
    .getByRole("link", { name: /tiktok\.com\/@someone/ })
    .click();
  const card = page.getByRole("region", { name: "Who to write to" });
  await expect(card).toContainText("TikTok");
  await expect(card).toContainText("Privacy — Web form");
  await expect(card.getByText(/^GDPR:/)).toBeVisible();
  await expect(card.getByText(/^DMCA \(your own photos\):/)).toBeVisible();
  await expect(card.getByText(/^EU Digital Services Act:/)).toBeVisible();
  await expect(card).toContainText("where the person lives (DE)");
  await expectAccessible(page);

  // The unknown domain's link leads to the directory's add form, pre-filled.
  await page.goto("/directory?add=unknown-forum-example.org#add-heading");
  await expect(page.getByLabel("Domains")).toHaveValue("unknown-forum-example.org");
  await expectAccessible(page);
});

test("saving while the lookup is still on its way keeps the place and the page (a slow server)", async ({
  page,
}) => {
  await createAccount(page, { name: "Jo Slow", email: uniqueEmail("dir-slow"), password });
  await openCase(page, "Posts about Robin, slowly");
  // A slow server: the save takes 0.5 s and every fetch the page makes on its own (the lookup, 400 ms after the
  // last key, and whatever the router asks first to find the lookup's route) takes 2 s, so the save's answer
  // arrives while the lookup is still on its way. The place must be saved and the page stay (decision 127).
  await page.route("**/*", async (route) => {
    const request = route.request();
    const delay =
      request.method() === "POST"
        ? 500
        : request.resourceType() === "fetch" && !request.url().includes("/build/")
          ? 2000
          : 0;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    await route.continue();
  });
  await page.getByLabel("Web address (URL)").fill("https://www.example.com/people/robin");
  await page.getByRole("checkbox", { name: "Phone number" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByText("1 place recorded")).toBeVisible();
  await expect(page.getByRole("link", { name: "https://www.example.com/people/robin" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Not found" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the recipient is named after saving", async ({ page }) => {
    await createAccount(page, { name: "Nojs Person", email: uniqueEmail("dir-nojs"), password });
    await openCase(page, "Without scripts", "GB");
    await page.getByLabel("Web address (URL)").fill("https://t.me/some_leak_channel/123");
    await page.getByRole("button", { name: "Save this place" }).click();
    const saved = page.getByRole("status").filter({ hasText: "Saved" });
    await expect(saved).toContainText("Responsible for it: Telegram");
    await expect(saved).toContainText("abuse@telegram.org");

    await page.getByLabel("Web address (URL)").fill("https://www.truthfinder.com/people-search/x");
    await page.getByRole("button", { name: "Save this place" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText(
      "The data is held by PeopleConnect",
    );

    await page.getByRole("link", { name: "https://t.me/some_leak_channel/123" }).click();
    const card = page.getByRole("region", { name: "Who to write to" });
    await expect(card).toContainText("Telegram");
    await expect(card.getByText(/^UK GDPR:/)).toBeVisible();
    // (axe needs JavaScript in the page; the same pages are checked in the tests above.)
  });
});

test("a workspace's correction sits beside the original and no other account sees it", async ({ page }) => {
  const first = uniqueEmail("dir-corr");
  await createAccount(page, { name: "First Worker", email: first, password });
  await page.goto("/directory/curated%3Apastebin");
  await page
    .getByLabel("Channels")
    .fill('inapp, abuse, Use "report abuse"\nemail, abuse, abuse-desk@corrected.example');
  await page.getByLabel("Why (shown with the correction)").fill("They answered this address in a day");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const correction = page.getByRole("region", { name: "Your workspace's correction" });
  await expect(correction).toContainText("They answered this address in a day");
  await expect(correction.getByRole("columnheader", { name: "In the directory" })).toBeVisible();
  await expect(correction.getByRole("cell", { name: /abuse-desk@corrected\.example/ })).toBeVisible();
  await expect(correction.getByRole("cell", { name: /pastebin\.com\/contact/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/directory?q=pastebin");
  await expect(page.getByText("Corrected by your workspace")).toBeVisible();

  await logOut(page);
  await createAccount(page, { name: "Second Worker", email: uniqueEmail("dir-other"), password });
  await page.goto("/directory/curated%3Apastebin");
  await expect(page.getByRole("heading", { name: "Pastebin" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your workspace's correction" })).toHaveCount(0);
  await expect(page.getByText("abuse-desk@corrected.example")).toHaveCount(0);
  await page.goto("/directory?q=pastebin");
  await expect(page.getByText("Corrected by your workspace")).toHaveCount(0);

  // The first account still sees it after logging back in.
  await logOut(page);
  await page.goto("/login");
  await logIn(page, first, password);
  await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
  await page.goto("/directory/curated%3Apastebin");
  await expect(page.getByRole("region", { name: "Your workspace's correction" })).toBeVisible();
});
