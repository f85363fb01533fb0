// The page language (issue 20, the shell): a Korean account sees the shell in Korean on any device, a signed-out
// French browser gets the log-in page's shell in French from Accept-Language, and the footer's switcher works
// without JavaScript (a cookie for the signed-out visitor). axe runs in each language.
import { createAccount, expect, expectAccessible, logIn, test, uniqueEmail } from "./fixtures";

test("Korean chosen in the account: the shell speaks Korean, on this device and the next", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("i18n-ko");
  const password = "a calm long passphrase";
  await createAccount(page, { name: "Ji-woo Kim", email, password });
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The page's HTML carries no catalogue: the words come as a file the browser keeps (decision 152).
  const html = await (await page.request.get("/")).text();
  const src = /<script src="(\/i18n\/en\.[0-9a-f]{16}\.js)"/.exec(html)?.[1];
  expect(src).toBeTruthy();
  expect(html).not.toContain("shell.nav.cases");
  const file = await page.request.get(src!);
  expect(file.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(await file.text()).toContain('"shell.nav.cases":"Cases"');

  // With JavaScript the switch is a navigation inside the page: the Korean file is fetched, no reload.
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await page.getByLabel("Language of the pages").selectOption("ko");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  expect(await page.evaluate(() => "samePage" in window)).toBe(true);
  const nav = page.getByRole("navigation", { name: "주 메뉴" });
  await expect(nav.getByRole("link", { name: "사건" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "어디에 요청할까요" })).toBeVisible();
  await expect(page.getByRole("button", { name: "빠른 나가기" })).toBeVisible();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
  await expect(page.getByText("지금 위험한 상황이라면 바로 긴급 신고 번호로 연락하세요.")).toBeVisible();
  await expect(page.getByText("법률 자문은 아닙니다", { exact: false })).toBeVisible();
  await expect(page.getByLabel("화면 언어")).toHaveValue("ko");
  // Back on the page the switcher was used on: the dashboard, in Korean too.
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByRole("heading", { level: 1, name: "내 사건" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "아직 사건이 없습니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "첫 사건 만들기" })).toBeVisible();
  await expectAccessible(page);

  // Another device whose browser asks for English: after log-in the account's Korean wins.
  const other = await browser.newContext({ locale: "en-GB" });
  const second = await other.newPage();
  await second.goto("/login");
  await expect(second.locator("html")).toHaveAttribute("lang", "en");
  await logIn(second, email, password);
  await expect(second.locator("html")).toHaveAttribute("lang", "ko");
  await expect(second.getByRole("button", { name: "빠른 나가기" })).toBeVisible();
  await second.getByRole("button", { name: "로그아웃" }).click();
  await expect(second).toHaveURL(/\/login/);
  await other.close();
});

test("the dashboard in French: the case list, the chart, its legend and its table", async ({ page }) => {
  test.setTimeout(90_000);
  await createAccount(page, {
    name: "Camille Martin",
    email: uniqueEmail("i18n-fr"),
    password: "une phrase longue",
  });
  await page.goto("/cases/new");
  await page.getByLabel("Case title").fill("Adresse sur un forum");
  await page.getByLabel("Full name").fill("Camille Martin");
  await page.getByLabel("Country where the person lives").selectOption("BE");
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Adresse sur un forum" })).toBeVisible();
  for (const address of ["https://forum.example.com/t/1", "https://forum.example.com/t/2"]) {
    await page.getByLabel("Web address (URL)").fill(address);
    await expect(page.getByRole("status", { name: "Who is responsible" })).toContainText("example.com");
    await page.getByRole("checkbox", { name: "Home address" }).check();
    await page.getByRole("button", { name: "Save this place" }).click();
    await expect(page.getByRole("link", { name: address })).toBeVisible();
  }

  await page.goto("/");
  await page.getByLabel("Language of the pages").selectOption("fr");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: "Vos dossiers" })).toBeVisible();
  const item = page.getByRole("list", { name: "Dossiers" }).getByRole("listitem").first();
  await expect(item).toContainText("Concerne Camille Martin");
  await expect(item).toContainText("2 endroits notés");
  await expect(item).toContainText("2 encore en ligne");
  await expect(item).toContainText("Ouvert");
  const chart = page.getByRole("img", { name: "Avancement de tous vos dossiers" });
  await expect(chart).toBeVisible();
  await expect(page.getByRole("list", { name: "Ce que montrent les lignes" })).toContainText(
    "Endroits trouvés : 2",
  );
  await page.getByText("Les chiffres sous forme de tableau").click();
  await expect(page.getByRole("columnheader", { name: "Jour" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Retrait demandé" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Comment chaque destinataire a répondu à vos demandes" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Comment les destinataires ont répondu" }),
  ).toBeVisible();
  await expect(page).toHaveTitle("Comment les destinataires ont répondu · Retract");
  await expect(page.getByText("Aucune demande n’a encore été envoyée.", { exact: false })).toBeVisible();
  await expectAccessible(page);
});

test.describe("a signed-out French browser", () => {
  test.use({ locale: "fr-BE" });

  test("the log-in page's shell is French from Accept-Language; the switcher keeps Dutch in a cookie", async ({
    page,
    context,
  }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeAttached();
    await expect(page.getByRole("button", { name: "Sortie rapide" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "À qui écrire" }),
    ).toBeVisible();
    await expect(page.getByText("Ce n’est pas un conseil juridique", { exact: false })).toBeVisible();
    await expect(page.locator("footer kbd")).toHaveText("Échap");
    await expectAccessible(page);

    await page.getByLabel("Langue des pages").selectOption("nl");
    await page.getByRole("button", { name: "Changer de langue" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("button", { name: "Snel weg" })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "retract_lang");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    // Remix's cookie encoding: base64 of the JSON value.
    expect(JSON.parse(atob(decodeURIComponent(cookie!.value)))).toBe("nl");
    await expectAccessible(page);
  });

  test("the switcher works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ locale: "fr-BE", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Langue des pages").selectOption("ko");
    await page.getByRole("button", { name: "Changer de langue" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByRole("button", { name: "빠른 나가기" })).toBeVisible();
    await context.close();
  });

  test("an unknown language is refused with a 400 and a message in the reader's language", async ({
    page,
  }) => {
    const answer = await page.request.post("/language", {
      form: { locale: "xx", redirectTo: "/login" },
      headers: { "Accept-Language": "fr" },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toContain("Choisissez l’une des langues de la liste.");
  });
});
