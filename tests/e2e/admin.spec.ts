// Admin and caseworker work in the browser: a caseworker takes on clients with the intake form (with and without
// JavaScript); the owner filters the audit log by member and action and downloads the events as CSV.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signUp, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";

async function fillIntake(
  page: Page,
  { name, harm, consent }: { name: string; harm: "yes" | "no"; consent: "yes" | "not_yet" },
) {
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Other names (optional)").fill(`${name.split(" ")[0]} K.`);
  await page.getByLabel("Country where they live (optional)").selectOption({ label: "Germany" });
  await page
    .getByRole("group", { name: "How can we contact them safely?" })
    .getByLabel("A messaging app (for example Signal)")
    .check();
  await page.getByLabel("Number, address or name to use (optional)").fill("+49 151 0000000");
  await page.getByLabel("When is it safe to contact them? (optional)").fill("Weekdays 10 to 2");
  await page
    .getByRole("group", { name: "Does someone else read their mail or messages?" })
    .getByLabel("Yes, someone else may read their mail or messages")
    .check();
  await page
    .getByRole("group", { name: "What was shared about them? (optional)" })
    .getByLabel("Home address")
    .check();
  await page.getByLabel("Where it was posted (optional)").fill("https://forum.example.org/thread/1");
  const harmGroup = page.getByRole("group", { name: /Do the posts call for someone to hurt/ });
  await (harm === "yes"
    ? harmGroup.getByLabel(/Yes: the posts call/)
    : harmGroup.getByLabel("No", { exact: true })
  ).check();
  const consentGroup = page.getByRole("group", {
    name: "Do they want us to contact websites and companies for them?",
  });
  await (consent === "yes"
    ? consentGroup.getByLabel(/Yes, they want us to act/)
    : consentGroup.getByLabel(/Not yet: they want/)
  ).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
}

test("a caseworker takes on clients; the owner filters the audit log and downloads it", async ({
  page,
  browser,
}) => {
  // Three people's browsers and six accessibility checks on a shared two-core machine.
  test.setTimeout(180_000);
  const ownerEmail = uniqueEmail("audit-owner");
  const workerEmail = uniqueEmail("audit-worker");
  await signUp(page, { name: "Olga Owner", email: ownerEmail, password });
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("Legal Aid South");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Legal Aid South" })).toBeVisible();
  await page.getByLabel("Their email address").fill(workerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("caseworker");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.locator(".invite-link").textContent())!.trim();

  // The caseworker joins.
  const workerContext = await browser.newContext();
  const worker = await workerContext.newPage();
  await worker.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await worker.getByLabel("Your name").fill("Cas Worker");
  await worker.getByLabel("Email address").fill(workerEmail);
  await worker.getByLabel("Password").fill(password);
  await worker.getByRole("button", { name: "Create account and join" }).click();
  await expect(worker.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();

  // With JavaScript: an urgent client who wants us to act for them.
  await worker.goto("/cases/new");
  await worker.getByRole("link", { name: "intake form" }).click();
  await expect(worker.getByRole("heading", { name: "New client" })).toBeVisible();
  await expectAccessible(worker);
  // A mistake first: the page explains it and keeps what was typed.
  await worker.getByLabel("Number, address or name to use (optional)").fill("+49 151 1111111");
  await worker.getByRole("button", { name: "Save and continue" }).click();
  await expect(worker.getByText("Enter the person's name.")).toBeVisible();
  await expect(worker.getByLabel("Number, address or name to use (optional)")).toHaveValue("+49 151 1111111");
  await expectAccessible(worker);
  await fillIntake(worker, { name: "Amira Haddad", harm: "yes", consent: "yes" });
  await expect(worker.getByRole("heading", { name: /Amira Haddad/ })).toBeVisible();
  await expect(worker.getByRole("heading", { name: "Their safety comes first" })).toBeVisible();
  await expect(worker.getByText("Urgent", { exact: true })).toBeVisible();
  await expect(worker.getByRole("link", { name: "Download the letter of authority" })).toBeVisible();
  await expectAccessible(worker);
  await worker.getByRole("link", { name: "Open the case" }).click();
  await expect(worker.getByText("Calls for harm").first()).toBeVisible();

  // Without JavaScript: the same form, a plain POST and redirect.
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await workerContext.storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto("/clients/new");
  await fillIntake(plain, { name: "Ben Okafor", harm: "no", consent: "not_yet" });
  await expect(plain.getByRole("heading", { name: "Ben Okafor" })).toBeVisible();
  await expect(plain.getByText("The client is saved, with a case for what happened.")).toBeVisible();
  await expect(plain.getByRole("heading", { name: "Their safety comes first" })).toHaveCount(0);
  await expect(plain.getByText(/They have not decided yet/)).toBeVisible();
  // (axe runs inside the page, so it needs JavaScript: this page is checked above with it.)
  // The caseworker has no audit log.
  const refused = await plain.goto("/workspace/audit");
  expect(refused?.status()).toBe(403);
  await noJs.close();
  await workerContext.close();

  // The owner opens the audit log from the members page and filters by member and action.
  await page.goto("/workspace/members");
  await page.getByRole("link", { name: "See the audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Member").selectOption({ label: `Cas Worker (${workerEmail})` });
  await page.getByLabel("What happened").selectOption({ label: "Recorded a client's intake" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page).toHaveURL(/action=subject\.intake/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // the header and two intakes
  await expect(page.getByRole("table")).toContainText("Cas Worker");
  await expect(page.getByRole("table")).toContainText(workerEmail);
  await expect(page.getByRole("table")).not.toContainText("Amira");
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these events (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain("time (UTC),member,member email,action");
  expect(lines).toHaveLength(3);
  for (const line of lines.slice(1)) {
    expect(line).toContain("Cas Worker");
    expect(line).toContain("subject.intake");
    expect(line).toContain("Recorded a client's intake");
  }
  expect(csv).not.toContain("Amira");
});
