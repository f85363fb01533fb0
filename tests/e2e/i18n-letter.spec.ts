// Writing a letter in the page's language (issue 20, the victim story's "write a letter" step): a Korean and a
// French account open the letter form and see it in their language (the legends, the kinds of letter and why
// each applies, where it can go, the not-legal-advice line, the sender-safety notices), write the letter and
// land on its request page. The case and its places are recorded first (in English: those pages are not
// translated here). The letter itself keeps the letter language chosen on the form. axe runs in each language.
import type { Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

/** A case for `name` living in `country`, with one Telegram post; returns the case's address. */
async function caseWithTelegramPost(page: Page, name: string, country: string, url: string) {
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Telegram");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Country where the person lives").selectOption(country);
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Telegram" })).toBeVisible();
  await page.getByLabel("Web address (URL)").fill(url);
  // Let the live look-up answer before submitting (a submit would abort it mid-flight).
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Telegram");
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "Telegram" })).toContainText(url);
  return page.url().replace(/[?#].*$/, "");
}

async function chooseLanguage(page: Page, locale: string) {
  await page.getByLabel("Language of the pages").selectOption(locale);
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

test("a Korean account writes a letter on a form in Korean", async ({ page }) => {
  test.setTimeout(120_000);
  await createAccount(page, {
    name: "Ji-woo Kim",
    email: uniqueEmail("letter-ko"),
    password: "a calm long passphrase",
  });
  const caseUrl = await caseWithTelegramPost(page, "Ji-woo Kim", "KR", "https://t.me/leak_channel_ko/7");
  await chooseLanguage(page, "ko");

  await page.goto(`${caseUrl}/letters/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Telegram에 편지 쓰기" })).toBeVisible();
  await expect(page.locator(".letter-advice")).toHaveText(
    "Retract는 공개된 규정에 따라 편지를 채워 드릴 뿐이며, 이는 법률 자문이 아닙니다. 확실하지 않으시면 변호사나 지원 단체에 문의하십시오.",
  );
  await expect(page.getByRole("link", { name: "사건으로 돌아가기" })).toBeVisible();
  await expect(page.getByRole("group", { name: "이 편지가 다루는 곳" })).toBeVisible();
  const kinds = page.getByRole("group", { name: "편지 종류" });
  await expect(kinds).toBeVisible();
  const pipa = kinds.getByRole("radio", { name: /개인정보 삭제 요구\(개인정보 보호법 제36조\)/ });
  await expect(pipa).toBeVisible();
  await expect(kinds).toContainText("한국에 거주하고 계십니다. 개인정보 보호법(PIPA) 제36조는");
  await expect(kinds).toContainText("그 사람이 보아도 괜찮은 연락처만 적으십시오.");
  await expect(page.getByRole("group", { name: "요청하는 사람" })).toBeVisible();
  await expect(page.getByRole("group", { name: "편지에 넣을 우편 주소" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "우편 주소 없이 이메일만" })).toBeChecked();
  await expect(page.getByLabel("보내는 방법")).toContainText("인쇄해서 우편으로 보내기(PDF)");
  await expect(page.getByRole("button", { name: "편지 작성하기" })).toBeVisible();
  await expect(page.getByText("Kind of letter")).toHaveCount(0);
  await expectAccessible(page);

  await pipa.check();
  await page.getByLabel("편지 언어").selectOption("ko");
  await page.getByLabel("답변을 받을 이메일 주소").fill("jiwoo@example.test");
  await page
    .getByLabel("이 일로 위험해지는 이유")
    .fill("제 주소가 이 채널에 올라온 뒤로 모르는 사람들이 집에 찾아왔습니다.");
  await page.getByRole("button", { name: "편지 작성하기" }).click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/requests\/[^/?]+$/);
  // The letter speaks the letter language chosen on the form (Korean here), whatever the page language.
  await expect(page.getByText("개인정보 보호법", { exact: false }).first()).toBeVisible();
  await expectAccessible(page);
});

test("a French account writes a letter on a form in French", async ({ page }) => {
  test.setTimeout(120_000);
  await createAccount(page, {
    name: "Camille Martin",
    email: uniqueEmail("letter-fr"),
    password: "une phrase longue",
  });
  const caseUrl = await caseWithTelegramPost(page, "Camille Martin", "BE", "https://t.me/leak_channel_fr/9");
  await chooseLanguage(page, "fr");

  await page.goto(`${caseUrl}/letters/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Écrire à Telegram" })).toBeVisible();
  await expect(page.locator(".letter-advice")).toContainText("ceci n’est pas un conseil juridique");
  await expect(page.getByRole("group", { name: "Endroits concernés par cette lettre" })).toBeVisible();
  const kinds = page.getByRole("group", { name: "Type de lettre" });
  const erasure = kinds.getByRole("radio", {
    name: /Demande d’effacement et opposition \(RGPD, art\. 17 et 21\)/,
  });
  await expect(erasure).toBeVisible();
  // Why the GDPR applies, with the country named in French.
  await expect(kinds).toContainText("Belgique");
  await expect(page.getByRole("group", { name: "Qui fait la demande" })).toBeVisible();
  await expect(page.getByRole("link", { name: "réglages de l’e-mail" })).toBeVisible();
  await expect(page.getByLabel("Envoi")).toContainText("Imprimer et envoyer par la poste (PDF)");
  await expectAccessible(page);

  await erasure.check();
  await page.getByLabel("Langue de la lettre").selectOption("fr");
  await page
    .getByLabel("Envoi")
    .selectOption({ label: "Imprimer et envoyer par la poste (PDF) à Telegram UK Holdings Ltd." });
  await page.getByLabel("Adresse e-mail pour la réponse").fill("camille@example.test");
  await page
    .getByLabel("Pourquoi cela vous met en danger")
    .fill("Des inconnus sont venus chez moi depuis que mon adresse a été publiée.");
  await page
    .getByLabel("Autorité auprès de laquelle vous porteriez plainte")
    .fill("Autorité de protection des données");
  await page.getByRole("button", { name: "Rédiger la lettre" }).click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/requests\/[^/?]+$/);
  await expectAccessible(page);
});
