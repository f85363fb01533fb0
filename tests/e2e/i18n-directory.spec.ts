// The directory, the person pages, the finding-yourself checklist and a caseworker's new client in the page
// language (issue 20): a Korean organisation owner takes on a client with the intake form (and meets a form
// error in Korean), reads the person's page, records a place from the checklist, searches the directory and
// reads a recipient; a French account searches the directory and reads a recipient. Each page: no English
// sentence (recipients' registered names and the directory's English data, marked lang=en, aside) and axe.
import type { Page } from "@playwright/test";
import { expectNoEnglish } from "./english";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "a calm long passphrase";

/** The footer's switcher, used in English (the account starts in English). */
async function switchTo(page: Page, locale: "ko" | "fr") {
  await page.getByLabel("Language of the pages").selectOption(locale);
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

// The account's and organisation's names, and the workspace menu's link (the workspace pages are translated
// apart from these).
const ALWAYS = ["Min-jun Kim", "Camille Martin", "New organisation"];

async function check(page: Page, allow: readonly string[] = []) {
  // Longest first, so "Telegram UK Holdings Ltd." goes whole before "Telegram" does.
  await expectNoEnglish(
    page,
    [...ALWAYS, ...allow].sort((a, b) => b.length - a.length),
  );
  await expectAccessible(page);
}

test("a Korean caseworker takes on a client, finds them on a search engine and reads the directory", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await createAccount(page, { name: "Min-jun Kim", email: uniqueEmail("i18n-dir-ko"), password });
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("법률 지원 센터");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of 법률 지원 센터" })).toBeVisible();
  await switchTo(page, "ko");

  // A new client: first a form error, in Korean.
  await page.goto("/clients/new");
  await expect(page.getByRole("heading", { level: 1, name: "새 의뢰인" })).toBeVisible();
  await expect(page).toHaveTitle("새 의뢰인 · Retract");
  await check(page);
  await page.getByLabel("다른 이름 (선택)").fill("서연");
  await page.getByRole("button", { name: "저장하고 계속" }).click();
  await expect(page.getByRole("alert")).toContainText("다시 봐야 할 답이 있습니다.");
  await expect(page.getByText("그 사람의 이름을 입력하세요.")).toBeVisible();
  await expect(page.getByText("안전하게 연락할 방법을 고르세요.")).toBeVisible();
  await check(page);

  await page.getByLabel("성명").fill("박서연");
  await page.getByLabel("그 사람이 사는 나라(선택)").selectOption("KR");
  await page.getByRole("group", { name: "어떻게 연락하면 안전할까요?" }).getByLabel("문자 메시지").check();
  await page
    .getByRole("group", { name: "다른 사람이 우편이나 메시지를 보나요?" })
    .getByLabel("아니요, 본인만 읽습니다")
    .check();
  await page
    .getByRole("group", { name: "게시물이 그 사람을 해치거나 찾아내거나 위협하자고 부추기나요?" })
    .getByLabel("네: 게시물이", { exact: false })
    .check();
  await page
    .getByRole("group", { name: "저희가 대신 웹사이트와 기업에 연락하기를 원하나요?" })
    .getByLabel("아직은 아닙니다", { exact: false })
    .check();
  await page.getByRole("button", { name: "저장하고 계속" }).click();

  // The intake answers.
  await expect(page.getByRole("heading", { level: 1, name: /박서연/ })).toBeVisible();
  await expect(page).toHaveTitle("첫 상담 · Retract");
  await expect(page.getByText("의뢰인을 저장했고, 일어난 일에 대한 사건도 만들었습니다.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "안전이 가장 먼저입니다" })).toBeVisible();
  await expect(page.getByText("긴급", { exact: true })).toBeVisible();
  await expect(page.getByText("문자 메시지", { exact: true })).toBeVisible();
  await check(page);

  // The person's page.
  await page.getByRole("link", { name: "의뢰인 페이지" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "박서연 님에 관한 정보" })).toBeVisible();
  await expect(page).toHaveTitle("사람 · Retract");
  await expect(page.getByRole("heading", { name: "위임장" })).toBeVisible();
  await expect(page.getByRole("button", { name: "이 사람 삭제" })).toBeVisible();
  await check(page);

  // The checklist: found on a search engine, recorded in one click.
  await page.getByRole("link", { name: "박서연 님의 정보가 또 어디에 있을까요?" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "박서연 님의 정보가 또 어디에 있을까요?" }),
  ).toBeVisible();
  await expect(page).toHaveTitle("내 정보가 또 어디에 있을까요? · Retract");
  await expect(page.getByRole("heading", { name: "검색 엔진" })).toBeVisible();
  // The sites' registered names ("Advanced Background Checks") are names, in any language.
  const sites = await page.getByRole("listitem").getByRole("heading", { level: 3 }).allTextContents();
  await check(page, sites);
  const bing = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "Microsoft Bing", exact: true }) });
  await expect(
    bing.getByRole("link", { name: "Microsoft Bing에서 박서연 찾아보기(새 탭에서 열림)" }),
  ).toBeVisible();
  await bing.getByRole("button", { name: "여기서 찾음" }).click();
  await expect(
    page.getByText("기록했습니다: 이제 Microsoft Bing이(가) 사건의 정보가 올라온 곳입니다."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "삭제 요청 쓰기" })).toBeVisible();
  await check(page, sites);

  // The directory: search by name, then filter by country and kind.
  await page.goto("/directory");
  await expect(page.getByRole("heading", { level: 1, name: "어디에 연락할까요" })).toBeVisible();
  await expect(page).toHaveTitle("어디에 연락할까요 · Retract");
  await page.getByLabel("이름 또는 도메인").fill("Telegram");
  await page.getByRole("button", { name: "찾기", exact: true }).click();
  await expect(page.getByRole("link", { name: "Telegram", exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "받는 곳" })).toContainText("곳");
  // The recipients found, by their registered names ("Telegram UK Holdings Ltd.").
  await check(page, await page.getByRole("listitem").getByRole("heading", { level: 3 }).allTextContents());
  const searchForm = page.getByRole("region", { name: "목록에서 찾기" });
  await searchForm.getByLabel("이름 또는 도메인").fill("");
  await searchForm.getByLabel("나라").selectOption("KR");
  await searchForm.getByLabel("종류").selectOption("regulator");
  await page.getByRole("button", { name: "찾기", exact: true }).click();
  const pipc = page.getByRole("link", { name: /개인정보보호위원회/ });
  await expect(pipc).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: pipc }).first()).toContainText("감독 기관");

  // A recipient's page.
  await page.goto("/directory/curated%3Atelegram");
  await expect(page.getByRole("heading", { level: 1, name: "Telegram" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "연락하는 방법" })).toBeVisible();
  await expect(page.getByText(/정보 품질: 확인됨, \d{4}년/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "편지에 어떤 규정을 쓸 수 있나요?" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "이 정보의 출처" })).toBeVisible();
  await check(page, ["Telegram Messenger Inc.", "Telegram FZ-LLC", "Telegram"]);

  // A form error on the directory, in Korean.
  await page.goto("/directory#add-heading");
  await page.getByRole("button", { name: "받는 곳 추가" }).click();
  await expect(page.getByText("받는 곳의 이름을 입력하세요.")).toBeVisible();
  // The first page of the directory: its recipients' registered names, and Hetzner's domain your-server.de.
  const names = await page.getByRole("listitem").getByRole("heading", { level: 3 }).allTextContents();
  await check(page, [...names, "your-server.de"]);
});

test("a French account searches the directory and reads a recipient", async ({ page }) => {
  test.setTimeout(120_000);
  await createAccount(page, { name: "Camille Martin", email: uniqueEmail("i18n-dir-fr"), password });
  await switchTo(page, "fr");
  await page.goto("/directory");
  await expect(page.getByRole("heading", { level: 1, name: "À qui écrire" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Qui est responsable de cette adresse ?" })).toBeVisible();
  await page.getByLabel("Nom ou domaine").fill("truthfinder");
  await page.getByLabel("Type").selectOption("data_broker");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(page.getByRole("link", { name: "Truth Finder" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Truth Finder" })).toContainText(
    "Courtier en données",
  );
  await check(page, ["Truth Finder"]);

  await page.getByRole("link", { name: "Truth Finder" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Truth Finder" })).toBeVisible();
  await expect(page.getByText("Les données de ce site sont détenues par")).toBeVisible();
  await expect(page.getByText("Qualité : collecté automatiquement", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "D’où cela vient" })).toBeVisible();
  await check(page, ["Truth Finder", "PeopleConnect"]);

  // A form error, in French.
  await page.goto("/directory");
  await page.getByLabel("Adresse où les informations apparaissent").fill("pas une adresse");
  await page.getByRole("button", { name: "Trouver le destinataire" }).click();
  await expect(page.getByText("Ce n’est pas une adresse web.", { exact: false })).toBeVisible();
  // The first page of the directory lists Hetzner, whose domain is your-server.de (a name, not English).
  await check(page, ["your-server.de"]);
});
