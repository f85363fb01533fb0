// API tokens as a user meets them: make one on Settings → API tokens (shown once), use it from a script to
// create a person and read them back, see "last used", revoke it with a confirmation, and the script gets 401.
// The same page works with JavaScript off.
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

test("make a token, use it against the API, revoke it", async ({ page, request }) => {
  await createAccount(page, {
    name: "Tess Tokens",
    email: uniqueEmail("tokens"),
    password: "correct horse battery",
  });
  await page.goto("/settings");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(page.getByText("You have no tokens in this workspace yet.")).toBeVisible();
  await expectAccessible(page);

  // A name is needed.
  await page.getByRole("button", { name: "Make the token" }).click();
  await expect(page.getByText("Give the token a name")).toBeVisible();

  await page.getByLabel("Name").fill("Import script");
  await page.getByLabel("What it may do").selectOption("write");
  await page.getByLabel("Stops working").selectOption("30");
  await page.getByRole("button", { name: "Make the token" }).click();
  const field = page.getByLabel("Token (read and write)");
  await expect(field).toHaveValue(/^rtr_[\w-]{40,}$/);
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const token = await field.inputValue();
  await expectAccessible(page);
  const item = page.getByRole("listitem").filter({ hasText: "Import script" });
  await expect(item).toContainText("read and write");
  await expect(item).toContainText("never used");
  await expect(item).toContainText(/expires \d{1,2} \w+ \d{4}/);

  // The script: create a person and read them back.
  const auth = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/subjects", {
    headers: auth,
    data: { name: "Robin Script", emails: ["robin@example.test"] },
  });
  expect(created.status()).toBe(201);
  const subject = (await created.json()) as { id: string };
  const read = await request.get(`/api/v1/subjects/${subject.id}`, { headers: auth });
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({
    id: subject.id,
    name: "Robin Script",
    emails: ["robin@example.test"],
  });
  // Nested paths answer through the real server too (a case, an exposure on it, the case's list).
  const kase = await request.post("/api/v1/cases", {
    headers: auth,
    data: { subjectId: subject.id, title: "Post" },
  });
  expect(kase.status()).toBe(201);
  const caseId = ((await kase.json()) as { id: string }).id;
  const exposure = await request.post(`/api/v1/cases/${caseId}/exposures`, {
    headers: auth,
    data: { url: "t.me/somechannel/12", exposed: ["phone"] },
  });
  expect(exposure.status()).toBe(201);
  expect(await exposure.json()).toMatchObject({
    url: "https://t.me/somechannel/12",
    recipientId: "curated:telegram",
  });
  const listed = await request.get(`/api/v1/cases/${caseId}/exposures`, { headers: auth });
  expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(1);
  const doc = await request.get("/api/v1/openapi.json");
  expect((await doc.json()).paths["/api/v1/subjects/{subjectId}"].get).toBeDefined();

  // Reloaded, the token is no longer shown, and its last use is.
  await page.goto("/settings/tokens");
  await expect(page.getByLabel(/^Token/)).toHaveCount(0);
  // Days are written out in the page's language (British English: 4 December 2026), read in UTC.
  const today = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date());
  await expect(page.getByRole("listitem").filter({ hasText: "Import script" })).toContainText(
    `last used ${today}`,
  );

  // Revoke, after a confirmation.
  await page.getByRole("link", { name: "Revoke Import script" }).click();
  await expect(page.getByRole("heading", { name: "Revoke “Import script”?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Revoke the token" }).click();
  await expect(page.getByRole("status")).toContainText("The token was revoked");
  await expect(page.getByRole("listitem").filter({ hasText: "Import script" })).toContainText("revoked");
  await expect(page.getByRole("link", { name: "Revoke Import script" })).toHaveCount(0);

  const after = await request.get(`/api/v1/subjects/${subject.id}`, { headers: auth });
  expect(after.status()).toBe(401);
  expect((await after.json()).error).toMatch(/Bearer/);
});

test("the token page works with JavaScript off", async ({ page, browser, request }) => {
  await createAccount(page, {
    name: "Nora NoScript",
    email: uniqueEmail("noscript"),
    password: "correct horse battery",
  });
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await context.newPage();
  await plain.goto("/settings/tokens");
  await plain.getByLabel("Name").fill("Read-only report");
  await plain.getByRole("button", { name: "Make the token" }).click();
  const token = await plain.getByLabel("Token (read only)").inputValue();
  expect(token).toMatch(/^rtr_/);
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/deadlines", { headers: auth })).status()).toBe(200);
  const write = await request.post("/api/v1/subjects", { headers: auth, data: { name: "Not allowed" } });
  expect(write.status()).toBe(403);

  await plain.getByRole("link", { name: "Revoke Read-only report" }).click();
  await plain.getByRole("button", { name: "Revoke the token" }).click();
  await expect(plain.getByText("The token was revoked")).toBeVisible();
  expect((await request.get("/api/v1/deadlines", { headers: auth })).status()).toBe(401);
  await context.close();
});
