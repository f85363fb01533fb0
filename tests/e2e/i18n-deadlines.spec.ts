// The public deadline page in the browser's language (Accept-Language from the browser locale): German and
// Korean readers work out a date and read the rule in words in their language, with the same dates and numbers
// the English explanation gives. axe on each answer.
import { expect, expectAccessible, test } from "./fixtures";

test.describe("/deadlines in German and Korean", () => {
  test("German: a GDPR request to Germany at Christmas", async ({ browser }) => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await page.goto("/deadlines");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("Bis wann müssen sie antworten? · Retract");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bis wann müssen sie antworten?");

    await page.getByLabel("Art des Antrags").selectOption("gdpr-month");
    await page.getByLabel("Tag des Eingangs").fill("2026-11-25");
    await page.getByLabel("Land des Empfängers").selectOption("DE");
    await page.getByRole("button", { name: "Datum berechnen" }).click();

    const answer = page.getByRole("region", { name: /Sie müssen bis/ });
    await expect(answer.getByRole("heading", { level: 2 })).toHaveText(
      "Sie müssen bis Montag, 28. Dezember 2026 antworten",
    );
    await expect(answer).toContainText("Bei Verlängerung");
    await expect(answer).toContainText("Donnerstag, 25. Februar 2027");
    const rule = answer.locator("h3 + p");
    await expect(rule).toContainText(
      "DSGVO: ein Monat ab Eingang. Eingegangen am Mittwoch, 25. November 2026;",
    );
    await expect(rule).toContainText(
      "25. Dezember (1. Weihnachtstag, gesetzlicher Feiertag, Deutschland), 26. Dezember (Samstag), 27. Dezember (Sonntag) sind keine Werktage",
    );
    await expect(rule).toContainText("auf den nächsten Werktag: Montag, 28. Dezember 2026.");
    await expect(answer).toContainText("Dies ist keine Rechtsberatung");
    await expectAccessible(page);
    await context.close();
  });

  test("Korean: a PIPA request whose tenth day is the 2026 local election day", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ko-KR" });
    const page = await context.newPage();
    await page.goto("/deadlines");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("언제까지 답해야 하나요?");

    await page.getByLabel("요청 종류").selectOption("kr-pipa-10");
    await page.getByLabel("상대방이 받은 날").fill("2026-05-24");
    await page.getByRole("button", { name: "날짜 계산하기" }).click();

    const answer = page.getByRole("region", { name: /까지 답해야 합니다/ });
    await expect(answer.getByRole("heading", { level: 2 })).toHaveText(
      "2026년 6월 4일 목요일까지 답해야 합니다",
    );
    await expect(answer).toContainText("연장은 허용되지 않습니다.");
    const rule = answer.locator("h3 + p");
    await expect(rule).toContainText("받은 날부터 10일이며, 받은 날은 세지 않습니다.");
    await expect(rule).toContainText("10일째 되는 날은 2026년 6월 3일 수요일입니다.");
    await expect(rule).toContainText("6월 3일(제9회 전국동시지방선거일, 한국 공휴일)");
    await expect(rule).toContainText("2026년 6월 4일 목요일로 미뤄집니다.");
    await expect(answer).toContainText("개인정보 보호법 제36조");
    await expectAccessible(page);
    await context.close();
  });
});
