// Replies classified on arrival, as a user meets them: a letter goes out by email (a real SMTP server on
// 127.0.0.1), the recipient answers asking for a passport copy (a real dovecot on 127.0.0.1), the request page
// says "This looks like: they ask for an ID document" with that answer pre-selected, and one click (without
// JavaScript) confirms it. A second letter comes back undelivered and the page says it did not arrive. Then an
// opt-out to a parent broker lists the front sites it covers.
import MimeNode from "nodemailer/lib/mime-node/index.js";
import { startDovecot } from "../integration/dovecot";
import { startSmtpServer } from "../integration/smtp-test-server";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "correct horse battery staple";

test("a reply asking for an ID is shown as such, pre-selected, and confirmed without JavaScript; a bounce says the letter did not arrive", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const smtp = await startSmtpServer();
  const dovecot = await startDovecot();
  try {
    await createAccount(page, { name: "Robin Example", email: uniqueEmail("classify"), password });
    await page.goto("/settings/email");
    await page.getByLabel("SMTP server").fill("127.0.0.1");
    await page.getByLabel("Port", { exact: true }).fill(String(smtp.port));
    await page.getByLabel("User name").fill("robin");
    await page.getByLabel("Password", { exact: true }).fill("app-password");
    await page.getByLabel("From", { exact: true }).fill("Robin Example <robin@example.test>");
    await page.getByLabel("Reply-To (optional)").fill(dovecot.user);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");
    await page.goto("/settings/mailbox");
    await page.getByLabel("IMAP server").fill(dovecot.host);
    await page.getByLabel("Port").fill(String(dovecot.port));
    await page.getByLabel("Connection").selectOption("starttls");
    await page.getByLabel("User name").fill(dovecot.user);
    await page.getByLabel("Password").fill(dovecot.password);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");

    // Two letters to Telegram, each in its own case, both sent by email.
    const sendOne = async (post: string) => {
      await page.goto("/cases/new");
      await page.getByLabel("Case title").fill(`Post ${post}`);
      await page.getByLabel("Full name").fill("Robin Example");
      await page.getByLabel("Country where the person lives").selectOption("DE");
      await page.getByRole("button", { name: "Open case" }).click();
      await page.getByLabel("Web address (URL)").fill(post);
      await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
      await page.getByRole("checkbox", { name: "Home address" }).check();
      await page.getByRole("button", { name: "Save this place" }).click();
      await expect(page.getByRole("region", { name: "Telegram" })).toBeVisible();
      await page.getByRole("link", { name: "Write a letter" }).click();
      await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
      await page.getByLabel("Language of the letter").selectOption("en");
      await page.getByLabel("Send it").selectOption({
        label: "Email to abuse@telegram.org — Illegal public content (channels, groups, bots, sticker sets)",
      });
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
      const url = page.url().replace(/[?#].*$/, "");
      await page.getByRole("button", { name: "Send by email to abuse@telegram.org" }).click();
      await expect
        .poll(() => smtp.received.filter((m) => m.subject?.includes(reference)).length, { timeout: 30_000 })
        .toBe(1);
      return { reference, url, sent: smtp.received.find((m) => m.subject?.includes(reference))! };
    };
    const asked = await sendOne("https://t.me/leak_channel_c/11");
    const bounced = await sendOne("https://t.me/leak_channel_c/12");

    // The answer to the first asks for a passport; the second comes back from the mail system.
    dovecot.deliver(
      [
        "From: Telegram Abuse <abuse@telegram.org>",
        `To: ${dovecot.user}`,
        `Subject: Re: ${asked.sent.subject}`,
        `Message-ID: <id-${Date.now()}@telegram.org>`,
        `In-Reply-To: ${asked.sent.messageId}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Thank you for your email. Please send a copy of your passport so that we can process your request.",
        "",
      ].join("\r\n"),
    );
    const dsn = new MimeNode("multipart/report; report-type=delivery-status");
    dsn.setHeader({
      from: "Mail Delivery System <MAILER-DAEMON@mx.telegram.org>",
      to: dovecot.user,
      subject: "Undelivered Mail Returned to Sender",
      "message-id": `<dsn-${Date.now()}@mx.telegram.org>`,
    });
    dsn
      .createChild("text/plain")
      .setContent("Your message could not be delivered to one or more recipients.");
    dsn
      .createChild("message/delivery-status")
      .setContent(
        "Reporting-MTA: dns; mx.telegram.org\r\n\r\nFinal-Recipient: rfc822; abuse@telegram.org\r\nAction: failed\r\nStatus: 5.2.2\r\n",
      );
    dsn.createChild("text/rfc822-headers").setContent(`Message-ID: ${bounced.sent.messageId}\r\n`);
    dovecot.deliver((await dsn.build()).toString("utf8"));
    await page.goto("/settings/mailbox");
    await page.getByRole("button", { name: "Read the mailbox now" }).click();
    await expect(page.getByRole("status")).toContainText("2 new messages: 2 attached to a request");

    // The first request: still "sent" (not "acknowledged"), and the page says what the reply looks like.
    await page.goto(asked.url);
    await expect(page.locator(".badge-request-sent")).toHaveText("sent");
    const suggestion = page.getByRole("region", { name: /What the reply of .* says/ });
    await expect(suggestion).toContainText("This looks like: they ask for an ID document.");
    await expect(suggestion.getByLabel("What does it say?")).toHaveValue("refused");
    await expect(suggestion.getByLabel("The reason they gave, if they refused")).toHaveValue(
      "id_document_demanded",
    );
    await expect(page.locator("main")).not.toContainText("id_document_demanded");
    await expectAccessible(page);

    // One click, without JavaScript: the form posts and the server renders the answer.
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      baseURL,
      storageState: await page.context().storageState(),
    });
    try {
      const plain = await noJs.newPage();
      await plain.goto(asked.url);
      await plain
        .getByRole("region", { name: /What the reply of .* says/ })
        .getByRole("button", { name: "Confirm" })
        .click();
      await expect(plain.locator(".badge-request-refused")).toHaveText("refused");
      await expect(plain.getByText("They demand an ID document.", { exact: false })).toBeVisible();
      await expect(plain.getByRole("region", { name: /What the reply of .* says/ })).toHaveCount(0);
    } finally {
      await noJs.close();
    }

    // The second request: the letter did not arrive, so it is not sent and says what to do.
    await page.goto(bounced.url);
    await expect(page.locator(".badge-request-failed")).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Your letter did not arrive.");
    await expect(page.getByRole("alert")).toContainText("Check their address in the directory");
    await expect(page.getByRole("region", { name: "History" })).toContainText("came back undelivered");
    await expectAccessible(page);
  } finally {
    await dovecot.stop();
    await smtp.close();
  }
});

test("an opt-out to a parent broker lists the front sites it covers, with the places on them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createAccount(page, { name: "Jana Example", email: uniqueEmail("family"), password });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("People-search listings");
  await page.getByLabel("Full name").fill("Jana Example");
  await page.getByLabel("Country where the person lives").selectOption("US");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByLabel("Web address (URL)")).toBeVisible();
  const caseUrl = page.url().replace(/[?#].*$/, "");
  for (const [url, name] of [
    ["https://www.truthfinder.com/people-search/jana-example", "Truth Finder"],
    ["https://peopleconnect.us/profile/jana-example", "PeopleConnect"],
  ] as const) {
    await page.goto(caseUrl);
    await page.getByLabel("Web address (URL)").fill(url);
    await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText(name);
    await page.getByRole("checkbox", { name: "Home address" }).check();
    await page.getByRole("button", { name: "Save this place" }).click();
    await expect(page.getByRole("region", { name })).toBeVisible();
  }
  await page.getByRole("region", { name: "Letters" }).getByRole("link", { name: "Write a letter" }).click();
  await page.getByRole("link", { name: "Write to PeopleConnect" }).click();
  await page
    .getByRole("radio", { name: /opt-out/i })
    .first()
    .check();
  const channel = page.getByLabel("Send it");
  const options = await channel.locator("option").allTextContents();
  await channel.selectOption({ label: options.find((o) => /form/i.test(o)) ?? options[0]! });
  for (const [label, value] of [
    ["Email address for the answer", "jana@example.test"],
    ["Why this puts you at risk", "Strangers came to my door after my address was listed."],
  ] as const) {
    const field = page.getByLabel(label);
    if (await field.count()) await field.fill(value);
  }
  await page.getByRole("button", { name: "Write the letter" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  const covers = page.getByRole("list", { name: "Sites this request also covers" });
  await expect(covers).toContainText("Truth Finder (1 of your places is on this site)");
  await expect(covers).toContainText("Intelius");
  await expect(page.locator("main")).not.toContainText("data-brokers:");
  await expectAccessible(page);
});
