// The sign-in pages in the reader's language (issue 20, safety first): a Korean browser signs up, sets nothing
// up yet but sees the two-factor page, logs out and logs in again, all in Korean from Accept-Language; a French
// browser is told in French that the password is wrong, and reads the password-reset pages and a broken
// sign-up link in French. axe runs on every page.
import { expect, expectAccessible, mailFor, test, uniqueEmail } from "./fixtures";

test.describe("a Korean browser", () => {
  test.use({ locale: "ko-KR" });

  test("signs up and logs in in Korean; a French browser hears the password is wrong in French", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const email = uniqueEmail("i18n-auth-ko");
    const password = "조용하고 긴 비밀 문장";

    await page.goto("/signup");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page).toHaveTitle("계정 만들기 · Retract");
    await expect(page.getByRole("heading", { level: 1, name: "계정 만들기" })).toBeVisible();
    // The schema's messages are keys, translated by the action.
    await page.getByRole("button", { name: "계속" }).click();
    await expect(page.getByText("이름이나 불리고 싶은 이름을 입력해 주세요.")).toBeVisible();
    await expect(page.getByText("이메일 주소를 입력해 주세요.")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("이름", { exact: true }).fill("김지우");
    await page.getByLabel("이메일 주소").fill(email);
    await page.getByRole("button", { name: "계속" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "이메일을 확인해 주세요" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("24시간 안에");
    await expectAccessible(page);

    await page.goto(await mailFor(email, /(http\S+\/signup\?token=\S+)/));
    await expect(page.getByRole("heading", { level: 1, name: "비밀번호를 정해 주세요" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await page.getByLabel("비밀번호", { exact: true }).fill("짧아요");
    await page.getByRole("button", { name: "계정 만들기" }).click();
    await expect(
      page.getByText("12자 이상으로 정해 주세요. 서로 관련 없는 단어", { exact: false }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("비밀번호", { exact: true }).fill(password);
    await page.getByRole("button", { name: "계정 만들기" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "내 사건" })).toBeVisible();

    await page.goto("/two-factor");
    await expect(page.getByRole("heading", { level: 1, name: "2단계 인증 설정" })).toBeVisible();
    await expect(page.getByRole("img", { name: "인증 앱에 Retract를 추가하는 QR 코드" })).toBeVisible();
    await expect(page.getByRole("button", { name: "2단계 인증 켜기" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "로그아웃" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "로그인" })).toBeVisible();
    await expect(page).toHaveTitle("로그인 · Retract");
    await expect(page.getByRole("link", { name: "비밀번호를 잊으셨나요?" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("이메일 주소").fill(email);
    await page.getByLabel("비밀번호", { exact: true }).fill(password);
    await page.getByRole("button", { name: "로그인", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "내 사건" })).toBeVisible();

    // The same account from a French browser, with a wrong password.
    const french = await browser.newContext({ locale: "fr-FR" });
    const other = await french.newPage();
    await other.goto("/login");
    await expect(other.locator("html")).toHaveAttribute("lang", "fr");
    await expect(other.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    await other.getByLabel("Adresse e-mail").fill(email);
    await other.getByLabel("Mot de passe", { exact: true }).fill("pas le bon mot de passe");
    await other.getByRole("button", { name: "Se connecter" }).click();
    await expect(other.getByText("L’adresse e-mail ou le mot de passe n’est pas correct.")).toBeVisible();
    await expect(other.getByLabel("Adresse e-mail")).toHaveValue(email);
    await expectAccessible(other);
    await french.close();
  });
});

test.describe("a French browser", () => {
  test.use({ locale: "fr-FR" });

  test("reads the log-in form's errors, the password reset and a broken sign-up link in French", async ({
    page,
  }) => {
    await page.goto("/login");
    await expect(page).toHaveTitle("Connexion · Retract");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByText("Saisissez votre adresse e-mail.")).toBeVisible();
    await expect(page.getByText("Saisissez votre mot de passe.")).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Mot de passe oublié" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Réinitialiser votre mot de passe" }),
    ).toBeVisible();
    await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Envoyer le lien de réinitialisation" }).click();
    await expect(page.getByText("Saisissez une adresse e-mail de la forme nom@example.com.")).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Adresse e-mail").fill(uniqueEmail("i18n-auth-fr"));
    await page.getByRole("button", { name: "Envoyer le lien de réinitialisation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultez vos e-mails" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("une seule fois, pendant une heure");
    await expectAccessible(page);

    await page.goto("/reset-password?token=not-a-real-reset-token-at-all");
    await expect(page.getByRole("heading", { level: 1, name: "Ce lien ne fonctionne plus" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Demander un nouveau lien" })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/signup?token=not-a-real-sign-up-token-at-all");
    await expect(page.getByRole("alert")).toHaveText(
      "Ce lien n’est pas valide ou a expiré. Recommencez depuis la page d’inscription.",
    );
    await expect(page.getByRole("link", { name: "Recommencer" })).toBeVisible();
    await expectAccessible(page);
  });
});
