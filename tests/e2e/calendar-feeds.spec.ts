// Calendar links as a user meets them: on a case page, make a private calendar link (shown once), a calendar app
// reads it without any cookie and finds the request's date under its reference and nothing that names the
// person or the place; making a new one turns the old one off. On the account page, with JavaScript off, a
// link for all cases is made and turned off, and then answers 404.
import ICAL from "ical.js";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

function summaries(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v).summary);
}

test("a case's calendar link holds the request's date and no personal data", async ({ page, playwright }) => {
  await createAccount(page, { name: "Cal Owner", email: uniqueEmail("calendar"), password });
  // A person, a case, a place and a request sent through a web form, made through the API.
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("Setup");
  await page.getByLabel("What it may do").selectOption("write");
  await page.getByRole("button", { name: "Make the token" }).click();
  const token = await page.getByLabel("Token (read and write)").inputValue();
  const api = await playwright.request.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const subject = await api.post("/api/v1/subjects", {
    data: { name: "Mirela Quast-Obenauf", emails: ["mirela.quast@example.test"] },
  });
  const subjectId = ((await subject.json()) as { id: string }).id;
  const kase = await api.post("/api/v1/cases", { data: { subjectId, title: "Posts about Mirela" } });
  const caseId = ((await kase.json()) as { id: string }).id;
  const exposure = await api.post(`/api/v1/cases/${caseId}/exposures`, {
    data: { url: "t.me/quast_leaks/41", exposed: ["home_address"] },
  });
  expect(exposure.status()).toBe(201);
  const draft = await api.post("/api/v1/requests", {
    data: {
      caseId,
      recipientId: "curated:telegram",
      kind: "platform-report",
      channel: "webform",
      address: "https://telegram.org/support",
    },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const request = (await draft.json()) as { id: string; reference: string };
  const sent = await api.patch(`/api/v1/requests/${request.id}`, { data: { event: "send" } });
  expect(sent.status(), await sent.text()).toBe(200);

  await page.goto(`/cases/${caseId}`);
  const section = page.getByRole("region", { name: "Calendar", exact: true });
  await expect(section).toContainText("There is no calendar link yet.");
  await expectAccessible(page);
  await section.getByRole("button", { name: "Make a calendar link" }).click();
  const field = page.getByRole("textbox", { name: "Calendar link" });
  await expect(field).toHaveValue(/\/calendar\/rcal_[\w-]{43}$/);
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  await expectAccessible(page);
  const link = await field.inputValue();

  // A calendar app: no session, no cookies.
  const app = await playwright.request.newContext();
  const feed = await app.get(link);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toBe("private, no-store");
  expect(feed.headers()["set-cookie"]).toBeUndefined();
  const ics = await feed.text();
  expect(summaries(ics)).toEqual([`Follow up on ${request.reference}`]);
  for (const secret of ["Mirela", "Quast", "mirela.quast@example.test", "quast_leaks", "t.me", "Telegram"])
    expect(ics.replace(/\r\n[ \t]/g, "")).not.toContain(secret);

  // The case page now says a link is on; a new one turns the old one off.
  await page.getByRole("link", { name: "← Back to the case" }).click();
  await expect(page.getByRole("region", { name: "Calendar", exact: true })).toContainText(
    "A calendar link is on.",
  );
  await page.getByRole("button", { name: "Make a new calendar link (the old one stops working)" }).click();
  await expect(page.getByRole("textbox", { name: "Calendar link" })).not.toHaveValue(link);
  expect((await app.get(link)).status()).toBe(404);
  await api.dispose();
  await app.dispose();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the account page makes a link for all cases and turns it off", async ({ page, playwright }) => {
    await createAccount(page, { name: "Cal NoJS", email: uniqueEmail("calendar-nojs"), password });
    await page.goto("/account");
    const section = page.getByRole("region", { name: "Calendar", exact: true });
    await expect(section).toContainText("all the cases you can see");
    await section.getByRole("button", { name: "Make a calendar link" }).click();
    const link = await page.getByRole("textbox", { name: "Calendar link" }).inputValue();
    expect(link).toMatch(/\/calendar\/rcal_/);
    const app = await playwright.request.newContext();
    const feed = await app.get(link);
    expect(feed.status()).toBe(200);
    expect(summaries(await feed.text())).toEqual([]);

    await page.getByRole("button", { name: "Turn off the calendar link" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "The calendar link is turned off. Calendar apps that use it get nothing more.",
    );
    await expect(page.getByRole("region", { name: "Calendar", exact: true })).toContainText(
      "There is no calendar link yet.",
    );
    const gone = await app.get(link);
    expect(gone.status()).toBe(404);
    await app.dispose();
  });
});
