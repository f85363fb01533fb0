// The victim story's second step in the page language (issue 20): a Korean account opens a case and records a
// place with Korean labels only, and sees the place's own page in Korean; a German account sees the case page in
// German. axe runs on each page.
import type { Page } from "@playwright/test";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

/** The footer's switcher, used in English (the account starts in English). */
async function switchTo(page: Page, locale: "ko" | "de") {
  await page.getByLabel("Language of the pages").selectOption(locale);
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** Today as the server writes it (a UTC day) in the page language's long form. */
function today(locale: string) {
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date());
}

test("a Korean account opens a case and records a place in Korean", async ({ page }) => {
  test.setTimeout(90_000);
  await createAccount(page, {
    name: "Seo-yeon Park",
    email: uniqueEmail("i18n-case-ko"),
    password: "a calm long passphrase",
  });
  await switchTo(page, "ko");

  await page.getByRole("link", { name: "새 사건 만들기" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "새 사건 만들기" })).toBeVisible();
  await expect(page).toHaveTitle("새 사건 만들기 · Retract");
  await expect(page.getByText("여기에 입력한 내용은 본인만 볼 수 있습니다.", { exact: false })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("사건 제목").fill("커뮤니티 게시물, 12월");
  await page.getByLabel("성명").fill("박서연");
  await page.getByLabel("그 사람이 사는 나라").selectOption("KR");
  await page.getByRole("button", { name: "사건 만들기", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "커뮤니티 게시물, 12월" })).toBeVisible();
  await expect(page).toHaveTitle("사건 · Retract");
  await expect(page.getByText("박서연에 관한 사건")).toBeVisible();
  await expect(page.getByRole("heading", { name: "정보가 올라온 곳", exact: true })).toBeVisible();
  await expect(page.getByText("아직 기록한 곳이 없습니다.", { exact: false })).toBeVisible();
  await expectAccessible(page);

  const address = "https://forum.example.com/t/7";
  const add = page.locator("section", { has: page.getByRole("heading", { name: "정보가 올라온 곳 추가" }) });
  await add.getByLabel("웹 주소(URL)").fill(address);
  await expect(add.getByRole("status", { name: "책임지는 곳" })).toContainText("example.com");
  await add.getByRole("checkbox", { name: "집 주소" }).check();
  await add.getByRole("checkbox", { name: "전화번호" }).check();
  await add.getByRole("checkbox", { name: "게시물이 해를 끼치자고 부추기거나", exact: false }).check();
  await expect(add.getByLabel("발견한 날짜")).toBeVisible();
  await add.getByRole("button", { name: "이곳 저장" }).click();

  await expect(page.getByRole("link", { name: address })).toBeVisible();
  await expect(page.getByText("기록한 곳 1곳 · 아직 남아 있음 1곳 · 삭제 확인함 0곳")).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: address }) });
  await expect(item).toContainText("아직 남아 있음");
  await expect(item).toContainText("위험도: 매우 위험");
  await expect(item).toContainText("해를 끼치자고 부추김");
  await expect(item).toContainText("집 주소, 전화번호");
  await expect(item).toContainText(`발견: ${today("ko")}`);
  await expect(page.getByRole("link", { name: "요청, 기한, 진행 기록" })).toBeVisible();
  await expect(page.getByRole("button", { name: "이 사건 종료" })).toBeVisible();
  await expectAccessible(page);

  // The place's own page.
  await page.getByRole("link", { name: address }).click();
  await expect(page.getByRole("heading", { level: 1, name: "공개된 곳" })).toBeVisible();
  await expect(page).toHaveTitle("공개된 곳 · Retract");
  await expect(page.getByRole("link", { name: "← 사건으로 돌아가기" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "어디에 편지를 보낼까요" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "확인했습니다: 삭제되었습니다" })).toBeVisible();
  await expect(page.getByText("아직 증거가 없습니다.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "내용 바꾸기" })).toBeVisible();
  await expect(page.getByLabel("아직 올라와 있나요?")).toHaveValue("active");
  await expect(page.getByRole("button", { name: "이 공개된 곳과 증거 삭제" })).toBeVisible();
  await expectAccessible(page);
});

test("a German account sees the case page in German", async ({ page }) => {
  test.setTimeout(90_000);
  await createAccount(page, {
    name: "Jonas Weber",
    email: uniqueEmail("i18n-case-de"),
    password: "ein ruhiger langer Satz",
  });
  await switchTo(page, "de");
  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "Neuen Fall anlegen" })).toBeVisible();
  await page.getByLabel("Titel des Falls").fill("Beitrag in einem Forum");
  await page.getByLabel("Vollständiger Name").fill("Jonas Weber");
  await page.getByLabel("Land, in dem die Person lebt").selectOption("DE");
  await page.getByRole("button", { name: "Fall anlegen", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beitrag in einem Forum" })).toBeVisible();

  const address = "https://forum.example.com/t/8";
  await page.getByLabel("Webadresse (URL)").fill(address);
  await page.getByRole("checkbox", { name: "Wohnadresse" }).check();
  await page.getByRole("button", { name: "Diese Stelle speichern" }).click();
  await expect(page.getByRole("link", { name: address })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "gespeichert." })).toContainText(address);

  await expect(page).toHaveTitle("Fall · Retract");
  await expect(page.getByText("Fall über Jonas Weber")).toBeVisible();
  await expect(page.getByText("Offen", { exact: true })).toBeVisible();
  await expect(page.getByText("1 Fundstelle erfasst · 1 noch online · 0 geprüft entfernt")).toBeVisible();
  await expect(page.getByRole("img", { name: "Fortschritt in diesem Fall" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Wo die Angaben zu sehen sind" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Mehrere auf einmal hinzufügen" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: address }) });
  await expect(item).toContainText("Noch online");
  await expect(item).toContainText("Schweregrad: Hoch");
  await expect(item).toContainText("Wohnadresse");
  await expect(item).toContainText(`Gefunden am ${today("de")}`);
  await expect(
    page.getByRole("heading", { name: "Eine Stelle hinzufügen, an der die Angaben zu sehen sind" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Anfragen, Fristen und Verlauf" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Diesen Fall abschließen" })).toBeVisible();
  await expectAccessible(page);
});
