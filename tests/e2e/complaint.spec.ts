// A complaint to the authority as a Belgian resident writes it: the GDPR request to Telegram is posted, its
// deadline passes (moved into the past in the database: a month cannot pass in a test), and the request page
// offers APD/GBA, in the languages it takes; the complaint is addressed to APD/GBA in French and lists the
// screenshot with its SHA-256.
import { createHash } from "node:crypto";
import { join } from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

test("a Belgian resident's complaint addressed to APD/GBA in French with the evidence hash", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createAccount(page, {
    name: "Lucas Peeters",
    email: uniqueEmail("complaint"),
    password: "correct horse battery staple",
  });

  // A case, a post, its screenshot.
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Posts in a Telegram channel");
  await page.getByLabel("Full name").fill("Lucas Peeters");
  await page.getByLabel("Country where the person lives").selectOption("BE");
  await page.getByRole("button", { name: "Open case" }).click();
  await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_be/12");
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "Telegram" })).toBeVisible();
  const caseUrl = page.url().replace(/[?#].*$/, "");
  await page.getByRole("link", { name: "https://t.me/leak_channel_be/12" }).click();
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#446688" } })
    .png()
    .toBuffer();
  const hash = createHash("sha256").update(png).digest("hex");
  await page
    .getByLabel("Add a file")
    .setInputFiles({ name: "post-12.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText(hash)).toBeVisible();

  // The GDPR erasure request, posted.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Write a letter" }).click();
  await page.getByRole("radio", { name: /Erasure request and objection/ }).check();
  await page.getByLabel("Language of the letter").selectOption("en");
  const post = await page
    .getByLabel("Send it")
    .locator("option", { hasText: "Print and post" })
    .first()
    .getAttribute("value");
  await page.getByLabel("Send it").selectOption(post!);
  await page.getByLabel("Email address for the answer").fill("lucas@example.test");
  await page.getByLabel("Why this puts you at risk").fill("Strangers have come to my door since the post.");
  await expect(page.getByLabel("Authority you would complain to")).toHaveValue(/APD\/GBA/);
  await page.getByRole("button", { name: "Write the letter" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
  await page.getByRole("button", { name: "Mark as posted" }).click();
  await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();

  // A month later: the due date has passed without an answer.
  const db = new Database(join(process.env.E2E_DATA_DIR!, "retract.sqlite"));
  db.prepare("UPDATE letters SET due_on = '2020-01-31' WHERE reference = ?").run(reference);
  db.close();

  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Requests, deadlines and timeline" }).click();
  await page.getByRole("link", { name: new RegExp(`${reference} to Telegram`) }).click();
  await expect(page.getByRole("heading", { name: `Request ${reference}` })).toBeVisible();
  await expect(page.getByText("The deadline has passed without an answer.")).toBeVisible();

  // The authority of the residence is chosen first; the languages are the ones it takes.
  const form = page.getByRole("form", { name: "Complain to the authority" });
  await expect(form.getByLabel("Authority")).toHaveValue("datenanfragen:sa.beapd");
  await expect(form.getByLabel("Authority").locator("option:checked")).toContainText("APD/GBA");
  const langs = await form.getByLabel("Language of the complaint").locator("option").allTextContents();
  expect([...langs].sort()).toEqual(["Dutch", "French", "German"]);
  await expectAccessible(page);
  await form.getByLabel("Language of the complaint").selectOption("fr");
  await form.getByRole("button", { name: "Write the complaint to the authority" }).click();

  // The draft: to APD/GBA, its address, email and form, in French, with the screenshot's hash.
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  await expect(page.getByText(/Letter to Autorité de protection des données de Belgique/)).toBeVisible();
  const text = page.getByLabel("Letter text");
  await expect(text).toHaveValue(/À : Autorité de protection des données de Belgique.*\(APD\/GBA\)/);
  await expect(text).toHaveValue(/Drukpersstraat 35\n1000 Brussels/);
  await expect(text).toHaveValue(/contact@apd-gba\.be/);
  await expect(text).toHaveValue(/Objet : réclamation fondée sur l'article 77 du RGPD/);
  await expect(text).toHaveValue(new RegExp(`post-12\\.png, SHA-256 ${hash}, enregistré le`));
  await expectAccessible(page);

  // The case's requests name the authority as the complaint's recipient, not Telegram.
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Requests, deadlines and timeline" }).click();
  await expect(page.getByRole("main")).toContainText(/to Autorité de protection des données de Belgique/);
});
