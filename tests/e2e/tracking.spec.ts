// Tracking as a user lives it: a letter goes out by email (a real SMTP server on 127.0.0.1), the recipient's reply
// lands in the user's mailbox (a real dovecot on 127.0.0.1) and attaches itself to the request, the status
// changes, the deadline passes (moved into the past in the database: a month cannot pass in a test), the
// dashboard says so, one click writes the follow-up, and the request is followed up once that is sent.
import { join } from "node:path";
import Database from "better-sqlite3";
import { startDovecot } from "../integration/dovecot";
import { startSmtpServer } from "../integration/smtp-test-server";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

test("send → reply arrives → status changes → overdue → follow-up written, then sent", async ({ page }) => {
  test.setTimeout(150_000);
  const smtp = await startSmtpServer();
  const dovecot = await startDovecot();
  try {
    await createAccount(page, { name: "Robin Example", email: uniqueEmail("tracking"), password });

    await page.goto("/settings/email");
    await page.getByLabel("SMTP server").fill("127.0.0.1");
    await page.getByLabel("Port", { exact: true }).fill(String(smtp.port));
    await page.getByLabel("User name").fill("robin");
    await page.getByLabel("Password", { exact: true }).fill("app-password");
    await page.getByLabel("From", { exact: true }).fill("Robin Example <robin@example.test>");
    await page.getByLabel("Reply-To (optional)").fill(dovecot.user);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");

    // The mailbox replies arrive in.
    await page.goto("/settings/mailbox");
    await expect(page.getByRole("heading", { name: "Mailbox for replies" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("IMAP server").fill(dovecot.host);
    await page.getByLabel("Port").fill(String(dovecot.port));
    await page.getByLabel("Connection").selectOption("starttls");
    await page.getByLabel("User name").fill(dovecot.user);
    await page.getByLabel("Password").fill(dovecot.password);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");

    // A case, a post, a letter, sent.
    await page.goto("/cases/new");
    await page.getByLabel("Case title").fill("Posts in a Telegram channel");
    await page.getByLabel("Full name").fill("Robin Example");
    await page.getByLabel("Country where the person lives").selectOption("DE");
    await page.getByRole("button", { name: "Open case" }).click();
    await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_y/7");
    await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
    await page.getByRole("checkbox", { name: "Home address" }).check();
    await page.getByRole("button", { name: "Save this place" }).click();
    await expect(page.getByRole("region", { name: "Telegram" })).toBeVisible();
    const caseUrl = page.url().replace(/[?#].*$/, "");
    await page.getByRole("link", { name: "Write a letter" }).click();
    await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
    await page.getByLabel("Language of the letter").selectOption("en");
    await page.getByLabel("Send it").selectOption({
      label: "Email to abuse@telegram.org — Illegal public content (channels, groups, bots, sticker sets)",
    });
    await page.getByLabel("Email address for the answer").fill("robin@example.test");
    await page.getByLabel("Why this puts you at risk").fill("Strangers have come to my door since the post.");
    await page
      .getByLabel("Authority you would complain to")
      .fill("the Berlin Commissioner for Data Protection");
    await page.getByRole("button", { name: "Write the letter" }).click();
    await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
    const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
    await page.getByRole("button", { name: "Send by email to abuse@telegram.org" }).click();
    await expect
      .poll(() => smtp.received.filter((m) => m.subject?.includes(reference)).length, { timeout: 30_000 })
      .toBe(1);
    const sent = smtp.received.find((m) => m.subject?.includes(reference))!;

    // The recipient answers; the reply is in the mailbox, and Retract reads it.
    dovecot.deliver(
      [
        "From: Telegram Abuse <abuse@telegram.org>",
        `To: ${dovecot.user}`,
        `Subject: Re: ${sent.subject}`,
        `Message-ID: <reply-${Date.now()}@telegram.org>`,
        `In-Reply-To: ${sent.messageId}`,
        `References: ${sent.messageId}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "We have received your report and are looking into it.",
        "",
      ].join("\r\n"),
    );
    await page.goto("/settings/mailbox");
    await page.getByRole("button", { name: "Read the mailbox now" }).click();
    await expect(page.getByRole("status")).toContainText("1 new message: 1 attached to a request");

    // The request shows the reply and its new status.
    await page.goto(caseUrl);
    await page.getByRole("link", { name: "Requests, deadlines and timeline" }).click();
    await expect(page.getByRole("heading", { name: "Requests and timeline" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: new RegExp(`${reference} to Telegram`) }).click();
    await expect(page.getByRole("heading", { name: `Request ${reference}` })).toBeVisible();
    await expect(page.locator(".badge-request-acknowledged")).toHaveText("acknowledged");
    await expect(page.getByRole("region", { name: "Replies" })).toContainText("We have received your report");
    await expect(page.getByRole("region", { name: "History" })).toContainText("accepted by the mail server");
    await expectAccessible(page);
    const requestUrl = page.url();

    // A month later: the due date has passed without an answer.
    const db = new Database(join(process.env.E2E_DATA_DIR!, "retract.sqlite"));
    db.prepare("UPDATE letters SET due_on = '2020-01-31' WHERE reference = ?").run(reference);
    db.close();
    await page.goto("/");
    const reminders = page.getByRole("region", { name: "Requests that need you" });
    await expect(reminders).toContainText(reference);
    // Counts are written in the page language's digits, with its thousands separator ("overdue by 2,499 days").
    await expect(reminders).toContainText(/overdue by [\d,]+ days/);
    await page.goto(requestUrl);
    await expect(page.locator(".badge-request-overdue")).toBeVisible();
    await expect(page.getByText("The deadline has passed without an answer.")).toBeVisible();

    // One click: the follow-up, filled from the first letter.
    await page.getByRole("button", { name: "Write the follow-up" }).click();
    await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
    await expect(page.getByLabel("Letter text")).toHaveValue(new RegExp(reference));
    const followUpUrl = page.url();
    const followUpReference = (await page.locator("p.muted .mono").first().textContent())!.trim();
    // Written is not sent: the request is still overdue, and says the follow-up waits to be sent.
    await page.goto(requestUrl);
    await expect(page.locator(".badge-request-overdue")).toBeVisible();
    await expect(page.getByText(/You wrote a follow-up .* and have not sent it yet/)).toBeVisible();
    await page.goto(followUpUrl);
    await page.getByRole("button", { name: "Send by email to abuse@telegram.org" }).click();
    await expect
      .poll(() => smtp.received.filter((m) => m.subject?.includes(followUpReference)).length, {
        timeout: 30_000,
      })
      .toBe(1);
    // Sent: now the request is followed up.
    await expect
      .poll(
        async () => {
          await page.goto(requestUrl);
          return page.locator(".badge-request-follow_up_sent").count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect(page.locator(".badge-request-follow_up_sent")).toHaveText("followed up");
  } finally {
    await dovecot.stop();
    await smtp.close();
  }
});

test("'Check now' fetches on the server and refuses an address inside the private network", async ({
  page,
}) => {
  await createAccount(page, { name: "Sam Example", email: uniqueEmail("recheck"), password });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("A paste");
  await page.getByLabel("Full name").fill("Sam Example");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByLabel("Web address (URL)").fill("http://169.254.169.254/latest/meta-data/");
  // Let the live look-up answer before submitting (a submit would abort it mid-flight).
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText(/\w/);
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await page
    .getByRole("link", { name: /169\.254\.169\.254/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Is it still there?" })).toBeVisible();
  await expect(page.getByText("Not checked yet.")).toBeVisible();
  await page.getByRole("button", { name: "Check now" }).click();
  const checks = page.getByRole("list", { name: "Past checks" });
  await expect(checks).toContainText("Could not be reached");
  await expect(checks).toContainText("points into a private network");
  await expect(page.locator(".badge-unreachable")).toBeVisible();
  await expectAccessible(page);
});
