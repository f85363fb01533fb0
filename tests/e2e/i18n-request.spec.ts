// The request page in the page language (issue 20): a Korean account sends its letter, records the answer that
// came by post and writes the follow-up, reading Korean all the way (and a form error in Korean); the letters
// themselves stay in the letter's own language. Then one look in French. axe runs on each page.
import { startSmtpServer } from "../integration/smtp-test-server";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

test("a Korean account sends the letter, records the reply and writes the follow-up in Korean", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const smtp = await startSmtpServer();
  try {
    // Set up with the English pages: mail settings, a case, a place, a letter.
    await createAccount(page, {
      name: "Ji-woo Kim",
      email: uniqueEmail("i18n-request"),
      password: "a calm long passphrase",
    });
    await page.goto("/settings/email");
    await page.getByLabel("SMTP server").fill("127.0.0.1");
    await page.getByLabel("Port", { exact: true }).fill(String(smtp.port));
    await page.getByLabel("User name").fill("jiwoo");
    await page.getByLabel("Password", { exact: true }).fill("app-password");
    await page.getByLabel("From", { exact: true }).fill("Ji-woo Kim <jiwoo@example.test>");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved.");

    await page.goto("/cases/new");
    await page.getByLabel("Case title").fill("Posts in a Telegram channel");
    await page.getByLabel("Full name").fill("Ji-woo Kim");
    await page.getByLabel("Country where the person lives").selectOption("DE");
    await page.getByRole("button", { name: "Open case" }).click();
    await page.getByLabel("Web address (URL)").fill("https://t.me/leak_channel_ko/3");
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
    await page.getByLabel("Email address for the answer").fill("jiwoo@example.test");
    await page.getByLabel("Why this puts you at risk").fill("Strangers have come to my door since the post.");
    await page
      .getByLabel("Authority you would complain to")
      .fill("the Berlin Commissioner for Data Protection");
    await page.getByRole("button", { name: "Write the letter" }).click();
    await expect(page.getByRole("heading", { name: "Check and edit the letter" })).toBeVisible();
    const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
    const requestUrl = page.url();

    // The footer's switcher, on the request page: back on it, in Korean.
    await page.getByLabel("Language of the pages").selectOption("ko");
    await page.getByRole("button", { name: "Change language" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    expect(page.url()).toBe(requestUrl);
    await expect(page.getByRole("heading", { level: 1, name: `요청 ${reference}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "이 요청에 대하여" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "서신 확인 및 수정" })).toBeVisible();
    await expect(page.locator(".badge-letter-draft")).toHaveText("초안");
    await expect(page.getByRole("region", { name: "답변", exact: true })).toContainText(
      "아직 답변이 없습니다.",
    );
    // The letter keeps its own language.
    await expect(page.getByLabel("서신 본문")).toHaveValue(/Telegram/);
    await expect(page.getByLabel("서신 본문")).not.toHaveValue(/[가-힣]/);
    await expectAccessible(page);

    // Send it.
    await page.getByRole("button", { name: "abuse@telegram.org(으)로 이메일 보내기" }).click();
    await expect
      .poll(() => smtp.received.filter((m) => m.subject?.includes(reference)).length, { timeout: 30_000 })
      .toBe(1);
    const sent = smtp.received.find((m) => m.subject?.includes(reference))!;
    expect(sent.text).not.toMatch(/[가-힣]/);
    await expect
      .poll(
        async () => {
          await page.goto(requestUrl);
          return page.locator(".badge-request-sent").count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect(page.locator(".badge-request-sent")).toHaveText("발송됨");
    await expect(page.getByRole("heading", { name: "보낸 서신" })).toBeVisible();
    await expect(
      page.getByText("보낸 그대로 보관되며 더 이상 변경할 수 없습니다.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "기록", exact: true })).toContainText(
      `${reference}: 메일 서버가 접수함`,
    );
    await expectAccessible(page);

    // Their answer came by post: record it. A date left empty is refused in Korean first.
    const record = page.getByRole("region", { name: "상대방의 답변 기록하기" });
    await record
      .getByLabel("상대방이 어떻게 답했습니까?")
      .selectOption({ label: "추가 정보를 요청했습니다" });
    await record.getByLabel("받은 날짜").fill("");
    await record.getByLabel("상대방의 답변(선택 사항)").fill("Please tell us which posts you mean.");
    await record.getByRole("button", { name: "답변 저장" }).click();
    await expect(record.getByText("날짜를 YYYY-MM-DD 형식으로 입력해 주십시오.")).toBeVisible();
    await expectAccessible(page);
    await record.getByLabel("받은 날짜").fill(new Date().toISOString().slice(0, 10));
    await record.getByRole("button", { name: "답변 저장" }).click();
    await expect(page.locator(".badge-request-more_info_requested")).toHaveText("추가 정보 요청됨");
    const replies = page.getByRole("region", { name: "답변", exact: true });
    await expect(replies).toContainText("직접 기록함");
    await expect(replies).toContainText("Please tell us which posts you mean.");
    await expect(page.getByRole("region", { name: "기록", exact: true })).toContainText(
      `${reference}에 대한 답변: 추가 정보를 요청했습니다`,
    );
    await expect(page.getByRole("heading", { name: "다음 단계" })).toBeVisible();
    await expectAccessible(page);

    // The follow-up: a new draft, its page in Korean, its letter in English.
    await page.getByRole("button", { name: "후속 서신 작성하기" }).click();
    await expect(page.getByRole("heading", { name: "서신 확인 및 수정" })).toBeVisible();
    expect(page.url()).not.toBe(requestUrl);
    await expect(page.locator(".badge-letter-draft")).toHaveText("초안");
    await expect(page.getByLabel("서신 본문")).toHaveValue(new RegExp(reference));
    await expect(page.getByLabel("서신 본문")).not.toHaveValue(/[가-힣]/);
    await expect(page.getByRole("button", { name: "초안 저장" })).toBeVisible();
    await expectAccessible(page);

    // One look in French, at the first request.
    await page.goto(requestUrl);
    await page.getByLabel("화면 언어").selectOption("fr");
    await page.getByRole("button", { name: "언어 바꾸기" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1, name: `Demande ${reference}` })).toBeVisible();
    await expect(page.locator(".badge-request-more_info_requested")).toHaveText(
      "informations complémentaires demandées",
    );
    await expect(page.getByRole("heading", { name: "La lettre telle qu’elle a été envoyée" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Historique" })).toContainText(
      `Réponse enregistrée pour ${reference}`,
    );
    await expect(page.getByRole("button", { name: "Rédiger la relance" })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await smtp.close();
  }
});
