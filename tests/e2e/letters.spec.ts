// Letters as a new user writes them: set up their own mailbox (a real SMTP server on 127.0.0.1 started here),
// record two Telegram posts, write one GDPR erasure letter for both, edit it, send it, see it sent on the case
// and unchangeable, and download it as PDF.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { startSmtpServer } from "../integration/smtp-test-server";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

test("a GDPR erasure letter for two Telegram posts: written, edited, sent by SMTP, kept as sent", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const smtp = await startSmtpServer();
  try {
    await createAccount(page, { name: "Robin Example", email: uniqueEmail("letters"), password });

    // Their own mailbox, with a test message.
    await page.goto("/settings/email");
    await expect(page.getByRole("heading", { name: "Email for letters" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("SMTP server").fill("127.0.0.1");
    await page.getByLabel("Port", { exact: true }).fill(String(smtp.port));
    await page.getByLabel("User name").fill("robin");
    await page.getByLabel("Password", { exact: true }).fill("app-password");
    await page.getByLabel("From", { exact: true }).fill("Robin Example <robin@example.test>");
    await page.getByLabel("Reply-To (optional)").fill("replies@example.test");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
    await page.getByRole("button", { name: "Send test message" }).click();
    await expect(page.getByRole("status")).toContainText("Test message sent to replies@example.test");
    expect(smtp.received.map((m) => m.subject)).toContain("Retract: test message");

    // A case with two posts in one Telegram channel.
    await page.goto("/cases/new");
    await page.getByLabel("Case title").fill("Posts in a Telegram channel");
    await page.getByLabel("Full name").fill("Robin Example");
    await page.getByLabel("Country where the person lives").selectOption("DE");
    await page.getByRole("button", { name: "Open case" }).click();
    await expect(page.getByRole("heading", { name: "Posts in a Telegram channel" })).toBeVisible();
    for (const url of ["https://t.me/leak_channel_x/101", "https://t.me/leak_channel_x/102"]) {
      await page.getByLabel("Web address (URL)").fill(url);
      // Let the live look-up answer before submitting (a submit would abort it mid-flight).
      await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByRole("region", { name: "Telegram" })).toContainText(url);
    }
    const caseUrl = page.url().replace(/[?#].*$/, "");

    // Write the letter: one recipient, so the form opens for Telegram straight away.
    await page.getByRole("link", { name: "Write a letter" }).click();
    await expect(page.getByRole("heading", { name: "Write to Telegram" })).toBeVisible();
    await expect(page.getByText("this is not legal advice")).toBeVisible();
    await expectAccessible(page);
    await expect(page.getByRole("checkbox", { name: /t\.me\/leak_channel_x\/101/ })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /t\.me\/leak_channel_x\/102/ })).toBeChecked();
    await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
    await page.getByLabel("Language of the letter").selectOption("en");
    await page.getByLabel("Send it").selectOption({
      label: "Email to abuse@telegram.org — Illegal public content (channels, groups, bots, sticker sets)",
    });
    await page.getByLabel("Email address for the answer").fill("robin@example.test");
    await page
      .getByLabel("Why this puts you at risk")
      .fill("Strangers have come to my door since my address was posted in this channel.");
    await page
      .getByLabel("Authority you would complain to")
      .fill("the Berlin Commissioner for Data Protection");
    await page.getByRole("button", { name: "Write the letter" }).click();

    // Preview and edit.
    await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Not legal advice" })).toBeVisible();
    await expectAccessible(page);
    const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
    expect(reference).toMatch(/^RX-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const body = page.getByLabel("Letter text");
    await expect(body).toHaveValue(/https:\/\/t\.me\/leak_channel_x\/101/);
    await expect(body).toHaveValue(/https:\/\/t\.me\/leak_channel_x\/102/);
    await expect(body).toHaveValue(/Article 17/);
    const edited = `${await body.inputValue()}\nP.S. The posts were also forwarded to two other channels.\n`;
    await body.fill(edited);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();

    // Send; the outbox worker delivers it to the SMTP server.
    await page.getByRole("button", { name: "Send by email to abuse@telegram.org" }).click();
    await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .locator(".badge-letter-sent, .badge-letter-queued, .badge-letter-failed")
            .first()
            .textContent();
        },
        { timeout: 30_000, intervals: [1000] },
      )
      .toBe("Sent");
    const mails = smtp.received.filter((m) => m.subject?.includes(reference));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("P.S. The posts were also forwarded to two other channels.");
    expect(mails[0]!.replyTo?.text).toBe("replies@example.test");
    expect(mails[0]!.messageId).toMatch(/@example\.test>$/);
    // Immutable: no editor, no send button.
    await expect(page.getByLabel("Letter text")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Send by email/ })).toHaveCount(0);
    await expect(page.locator("pre.letter-text")).toContainText("P.S. The posts were also forwarded");
    // The difference from the template is kept and shown.
    await page.getByText(/What you changed in the template's text/).click();
    await expect(page.locator(".letter-added")).toContainText("P.S. The posts were also forwarded");
    await expectAccessible(page);

    // The PDF.
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download PDF" }).click();
    const download = await downloadPromise;
    const file = testInfo.outputPath("letter.pdf");
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text).toContain(reference);
    expect(text).toContain("t.me/leak_channel_x/101");

    // On the case page.
    await page.goto(caseUrl);
    const letters = page.getByRole("region", { name: "Letters" });
    await expect(letters).toContainText(reference);
    await expect(letters).toContainText("Sent");
    await expect(letters).toContainText("Answer due");
    await expectAccessible(page);
  } finally {
    await smtp.close();
  }
});

async function caseWithXPost(page: import("@playwright/test").Page, tag: string, js = true) {
  await createAccount(page, { name: "Sam Example", email: uniqueEmail(tag), password });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("A post on X");
  await page.getByLabel("Full name").fill("Sam Example");
  await page.getByLabel("Country where the person lives").selectOption("DE");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByLabel("Web address (URL)").fill("https://x.com/someone/status/1790000000000000000");
  if (js) await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("X (Twitter)");
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "X (Twitter)" })).toBeVisible();
  await page.getByRole("link", { name: "Write a letter" }).click();
  await expect(page.getByRole("heading", { name: "Write to X (Twitter)" })).toBeVisible();
  await page.getByRole("radio", { name: /Doxxing report to a platform/ }).check();
  await page.getByLabel("Send it").selectOption({ index: 0 });
  await expect(page.getByLabel("Send it")).toHaveValue(/^webform\|https:\/\/help\.x\.com\//);
  await page.getByLabel("Email address for the answer").fill("sam@example.test");
  await page.getByRole("button", { name: "Write the letter" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
}

test("a platform report for a web form: text ready to paste with copy buttons and the form's link", async ({
  page,
}) => {
  await caseWithXPost(page, "letters-webform");
  await expect(page.getByRole("link", { name: /^https:\/\/help\.x\.com\// })).toBeVisible();
  await expect(page.getByLabel("Letter text")).toHaveValue(/x\.com\/someone\/status\/1790000000000000000/);
  await page.getByRole("button", { name: "Copy the text" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Mark as submitted in their form" }).click();
  await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Text for their form" })).toBeVisible();
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue(/x\.com\/someone\/status/);
  await expect(page.locator(".badge-letter-sent")).toHaveText("Sent");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the web-form letter is written, shown in plain text areas and marked submitted", async ({ page }) => {
    await caseWithXPost(page, "letters-nojs", false);
    await expect(page.getByRole("button", { name: "Copy the text" })).toHaveCount(0);
    await expect(page.getByLabel("Letter text")).toHaveValue(/x\.com\/someone\/status/);
    await page.getByRole("button", { name: "Mark as submitted in their form" }).click();
    await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();
    await expect(page.getByLabel("Subject", { exact: true })).toHaveValue(/RX-[0-9A-Z]{4}-[0-9A-Z]{2}/);
  });
});

test("a workspace template: copied, edited with a live preview, saved as a new version", async ({ page }) => {
  await createAccount(page, { name: "Jo Caseworker", email: uniqueEmail("letters-tpl"), password });
  await page.goto("/settings/templates");
  await expect(page.getByRole("heading", { name: "Your letter templates" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Letter to copy").selectOption("gdpr-erasure/en");
  await page.getByRole("button", { name: "Copy and edit" }).click();
  await expect(
    page.getByRole("heading", { name: "Erasure request and objection (GDPR Art 17 and 21)" }),
  ).toBeVisible();
  const preview = page.getByRole("region", { name: "Preview with example details" });
  await expect(preview).toContainText(/Legal checklist: (\d+) of \1 items present\./);
  await expectAccessible(page);
  const body = page.getByLabel("Template text (Liquid)");
  await body.fill(`${await body.inputValue()}\nOur organisation follows up every request by phone.\n`);
  await expect(preview).toContainText("Our organisation follows up every request by phone.");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved as version 2.");
  await expect(page.getByRole("region", { name: "Versions" })).toContainText("Version 2");
});

test("a letter of authority: generated as a PDF to sign, the signed copy uploaded on the person's page", async ({
  page,
}, testInfo) => {
  await createAccount(page, { name: "Casey Worker", email: uniqueEmail("letters-mandate"), password });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Client posts");
  await page.getByLabel("Full name").fill("Sam Client");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByRole("link", { name: "Sam Client" }).click();
  const section = page.getByRole("region", { name: "Letter of authority" });
  await expect(section).toContainText("No signed copy uploaded yet.");
  const downloading = page.waitForEvent("download");
  await section.getByRole("link", { name: "Letter of authority (PDF to sign)" }).click();
  const download = await downloading;
  const file = testInfo.outputPath("authority.pdf");
  await download.saveAs(file);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(text).toContain("I, Sam Client");
  expect(text).toContain("authorise Casey Worker");

  await section.getByLabel("Signed copy (PDF or photo)").setInputFiles(file);
  await section.getByLabel("Date they signed it").fill("2026-11-20");
  await section.getByRole("button", { name: "Upload the signed copy" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByRole("region", { name: "Letter of authority" })).toContainText(
    "Signed 20 November 2026",
  );
  await expectAccessible(page);
});
