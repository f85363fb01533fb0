// A Korean resident's escalation: a PIPA erasure request to Naver, in Korean, posted with the
// dates the user sets so that its 10-day deadline has passed; the request page offers PIPC (KISA 118 as the
// alternative) in Korean, and the complaint is addressed to PIPC with its postal address and the dispute
// mediation committee's form, in Korean.
import { expect, expectAccessible, signUp, test, uniqueEmail } from "./fixtures";

function daysAgo(n: number) {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

test("a Korean resident's overdue PIPA request ends in a complaint addressed to PIPC in Korean", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, {
    name: "김지현",
    email: uniqueEmail("complaint-kr"),
    password: "correct horse battery staple",
  });

  // A case for a Korean resident and a Naver blog post with her address.
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("네이버 블로그 게시물");
  await page.getByLabel("Full name").fill("김지현");
  await page.getByLabel("Country where the person lives").selectOption("KR");
  await page.getByRole("button", { name: "Open case" }).click();
  const url = `https://blog.naver.com/someone/2234567${Date.now() % 100000}`;
  await page.getByLabel("Web address (URL)").fill(url);
  await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("Naver");
  await page.getByRole("checkbox", { name: "Home address" }).check();
  await page.getByRole("button", { name: "Save this place" }).click();
  await expect(page.getByRole("region", { name: "Naver" })).toBeVisible();

  // The PIPA erasure request, in Korean, printed and posted.
  await page.getByRole("link", { name: "Write a letter" }).click();
  await page
    .getByRole("radio", { name: /Request to erase personal information \(Korea PIPA Art 36\)/ })
    .check();
  await page.getByLabel("Language of the letter").selectOption("ko");
  const post = page.getByLabel("Send it").locator("option", { hasText: "Print and post" }).first();
  await page.getByLabel("Send it").selectOption((await post.getAttribute("value"))!);
  await page.getByLabel("Email address for the answer").fill("jihyun@example.test");
  await page
    .getByLabel("Why this puts you at risk")
    .fill("게시물이 올라온 뒤 모르는 사람이 집 앞까지 찾아왔습니다.");
  await page.getByRole("button", { name: "Write the letter" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();

  // Posted 20 days ago and received 18 days ago: the 10 days have passed.
  await page.getByLabel("Date posted").fill(daysAgo(20));
  await page.getByLabel("Date they received it").fill(daysAgo(18));
  await page.getByRole("button", { name: "Mark as posted" }).click();
  await expect(page.getByRole("heading", { name: "The letter as sent" })).toBeVisible();

  // The request page: overdue; the complaint goes to PIPC, KISA offered too, in Korean only.
  await page.goto(page.url().replace(/\/letters\/([^/?]+).*$/, "/requests/$1"));
  await expect(page.getByRole("heading", { name: `Request ${reference}` })).toBeVisible();
  await expect(page.getByText("The deadline has passed without an answer.")).toBeVisible();
  const requestUrl = page.url();

  // The follow-up is written in Korean too, naming the bodies a complaint goes to.
  await page.getByRole("button", { name: "Write the follow-up" }).click();
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  await expect(page.getByLabel("Letter text")).toHaveValue(/^재요청서/);
  await expect(page.getByLabel("Letter text")).toHaveValue(
    /개인정보보호위원회 또는 한국인터넷진흥원 개인정보침해 신고센터\(118\)에 개인정보 침해 신고/,
  );
  await page.goto(requestUrl);

  const form = page.getByRole("form", { name: "Complain to the authority" });
  await expect(form.getByLabel("Authority")).toHaveValue("curated:kr-pipc");
  await expect(form.getByLabel("Authority").locator("option:checked")).toContainText(
    "Personal Information Protection Commission (PIPC",
  );
  await expect(form.getByLabel("Authority").locator("option")).toContainText([
    /PIPC/,
    /KISA Privacy Infringement Report Center \(118/,
  ]);
  await expect(form.getByLabel("Language of the complaint").locator("option")).toHaveText(["Korean"]);
  await expect(page.getByText("not available in the first letter's language")).toHaveCount(0);
  await expectAccessible(page);
  await form.getByRole("button", { name: "Write the complaint to the authority" }).click();

  // The draft: to PIPC and its dispute mediation committee, with PIPC's address and form, in Korean.
  await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
  await expect(
    page.getByText(/Letter to Personal Information Protection Commission \(PIPC, 개인정보보호위원회\)/),
  ).toBeVisible();
  const text = page.getByLabel("Letter text");
  await expect(text).toHaveValue(/^개인정보 침해 신고 및 분쟁조정 신청서/);
  await expect(text).toHaveValue(
    /수신: 개인정보보호위원회\n개인정보보호위원회\n서울특별시 종로구 세종대로 209 정부서울청사/,
  );
  await expect(text).toHaveValue(/온라인 신청: https:\/\/www\.kopico\.go\.kr\//);
  await expect(text).toHaveValue(/개인정보 분쟁조정위원회에 분쟁조정을 신청/);
  await expect(text).toHaveValue(
    new RegExp(`개인정보 삭제 요구\\(「개인정보 보호법」 제36조제1항\\), 문서번호 ${reference}`),
  );
  await expect(text).toHaveValue(/답변하지 않았으며, 위 처리 기한이 지났습니다/);
  await expect(text).not.toHaveValue(/GDPR|Complaint|Sent to|Article/);
  await expectAccessible(page);
});
