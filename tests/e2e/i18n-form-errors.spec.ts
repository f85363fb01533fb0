// Form errors in the page's language (issue 20): the schemas and the domain errors answer with message keys, and
// the page writes them in Korean. On a place's page: a checked-gone day in the future (a schema) and a file that
// of no known kind (a domain error); on the letter form: an email address that is not one. The
// browser's own checks are switched off first (noValidate), so the server's answer is what shows.
import type { Page } from "@playwright/test";
import { expectNoEnglish } from "./english";
import { createAccount, expect, test, uniqueEmail } from "./fixtures";

/** Lets a form reach the server with what the browser would refuse (a date after `max`, a malformed email). */
async function skipBrowserChecks(page: Page) {
  await page.evaluate(() => {
    for (const form of document.querySelectorAll("form")) form.noValidate = true;
  });
}

// Still English on the place page, from parts other engineers translate (reported): the re-check section
// (app/rechecks/recheck-section.tsx) and the workspace switcher's "New organisation". File format names are
// right in every language.
const NOT_YET = [
  "New organisation",
  "Is it still there?",
  "Retract fetches the page from this server (never from your browser) and looks for the person's name, email addresses, phone numbers, usernames and address. Pages are also checked automatically every day.",
  "Check now",
  "Not checked yet.",
  "PNG, JPEG, WebP",
];

// On the letter form after a failed post: the places' exposed kinds ("Home address", from the form's failure
// path) and the Korean authorities' English directory names, both outside this part (reported).
const LETTER_NOT_YET = [
  "Home address",
  "Personal Information Protection Commission (PIPC",
  "KISA Privacy Infringement Report Center (118",
  "Korea Communications Standards Commission (KCSC",
];

test("form errors on the place page and the letter form are in Korean", async ({ page }) => {
  test.setTimeout(120_000);
  await createAccount(page, {
    name: "Seo-yeon Park",
    email: uniqueEmail("i18n-errors-ko"),
    password: "a calm long passphrase",
  });
  await page.getByLabel("Language of the pages").selectOption("ko");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");

  await page.goto("/cases/new");
  await page.getByLabel("사건 제목").fill("커뮤니티 게시물");
  await page.getByLabel("성명").fill("박서연");
  await page.getByLabel("그 사람이 사는 나라").selectOption("KR");
  await page.getByRole("button", { name: "사건 만들기", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "커뮤니티 게시물" })).toBeVisible();
  const caseUrl = page.url().replace(/[?#].*$/, "");
  const address = "https://forum.example.com/t/9";
  const add = page.locator("section", { has: page.getByRole("heading", { name: "정보가 올라온 곳 추가" }) });
  await add.getByLabel("웹 주소(URL)").fill(address);
  await expect(add.getByRole("status", { name: "책임지는 곳" })).toContainText("example.com");
  await add.getByRole("checkbox", { name: "집 주소" }).check();
  await add.getByRole("button", { name: "이곳 저장" }).click();
  await page.getByRole("link", { name: address }).click();
  await expect(page.getByRole("heading", { level: 1, name: "공개된 곳" })).toBeVisible();

  // A schema's message: the day checked cannot be in the future.
  const gone = page.locator("section", {
    has: page.getByRole("heading", { name: "확인했습니다: 삭제되었습니다" }),
  });
  await skipBrowserChecks(page);
  await gone.getByLabel("확인한 날짜").fill("2099-01-01");
  await gone.getByRole("button", { name: "삭제되었다고 기록" }).click();
  await expect(page.getByText("확인한 날짜는 미래일 수 없습니다.")).toBeVisible();
  await expect(page.getByText("cannot be in the future")).toHaveCount(0);
  await expectNoEnglish(page, [address, ...NOT_YET]);

  // A domain error's message (EvidenceError with a key): bytes of no known kind are no evidence.
  await page.getByLabel("파일 추가").setInputFiles({
    name: "data.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]),
  });
  await page.getByRole("button", { name: "올리기" }).click();
  await expect(page.getByText("이 형식의 파일은 증거로 보관할 수 없습니다.", { exact: false })).toBeVisible();
  await expect(page.getByText("cannot be kept as evidence")).toHaveCount(0);
  await expectNoEnglish(page, [address, ...NOT_YET]);

  // The letter form: an email address that is not one.
  await page.goto(`${caseUrl}/letters/new`);
  await expect(page.getByRole("group", { name: "편지 종류" })).toBeVisible();
  await page.getByRole("group", { name: "편지 종류" }).getByRole("radio").first().check();
  await skipBrowserChecks(page);
  await page.getByLabel("답변을 받을 이메일 주소").fill("not-an-address");
  await page.getByRole("button", { name: "편지 작성하기" }).click();
  await expect(page.getByText("name@example.com 같은 형식의 이메일 주소를 입력해 주세요.")).toBeVisible();
  await expect(page.getByText("Enter an email address")).toHaveCount(0);
  await expectNoEnglish(page, [address, ...NOT_YET, ...LETTER_NOT_YET]);
});
