// The employer security team's story in the page language (issue 20): an organisation's member in Korean, and
// one in German, creates an incident (after one form error), imports a small roster from a CSV file whose header
// is in their language (one bad row shows its problem in words), adds the leaked web addresses, reads the
// people × recipients table, starts a small bulk run and watches its page until the summary, opens the incident's
// progress page, and adds many places at once on one person's case. No English sentence on any of these pages,
// and axe on each.
import type { Page } from "@playwright/test";
import { expectNoEnglish } from "./english";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";

type Words = {
  locale: "ko" | "de";
  nav: { label: string; incidents: string; roster: string; urls: string; matrix: string; progress: string };
  incidentsHeading: string;
  incidentTitle: string;
  titleLabel: string;
  create: string;
  titleMissing: string;
  roster: string;
  preview: string;
  checkHeading: string;
  rowsWithProblem: string;
  badRow: string;
  invalidEmail: string;
  confirm: string;
  imported: string;
  urlsField: string;
  everyone: string;
  saveAndLink: string;
  saved: string;
  byState: string;
  noRequest: string;
  channel: string;
  sender: string;
  situation: RegExp;
  illegal: RegExp;
  authority: RegExp;
  start: string;
  bulkHeading: string;
  summary: string;
  allWritten: string;
  progressHeading: string;
  progressCaption: string;
  addMany: string;
  bulkAddHeading: string;
  bulkUrls: string;
  saveAll: string;
  pasteSomething: string;
  bulkSaved: string;
  alreadyInCase: string;
};

const KO: Words = {
  locale: "ko",
  nav: {
    label: "이 유출 사고",
    incidents: "유출 사고",
    roster: "명단",
    urls: "웹 주소",
    matrix: "사람 × 받는 곳",
    progress: "진행 상황",
  },
  incidentsHeading: "유출 사고",
  incidentTitle: "채널에 올라온 직원 명단",
  titleLabel: "제목",
  create: "유출 사고 만들기",
  titleMissing: "유출 사고에 짧은 제목을 붙여 주세요.",
  roster: [
    "이름,업무 이메일,부서,국가",
    "김민준,minjun@employer.example,운영팀,KR",
    "이서연,seoyeon@employer.example,운영팀,KR",
    "박지호,jiho.employer.example,법무팀,KR",
    "최유나,yuna@employer.example,법무팀,KR",
  ].join("\n"),
  preview: "미리 보기",
  checkHeading: "저장하기 전에 명단을 확인하세요",
  rowsWithProblem: "문제가 있는 행",
  badRow: "4행: 업무 이메일",
  invalidEmail: "올바른 이메일 주소가 아닙니다",
  confirm: "확인하고 3명 추가하기",
  imported: "3명을 명단에 추가했습니다.",
  urlsField: "웹 주소 (한 줄에 하나씩)",
  everyone: "명단의 모든 사람 (3명)",
  saveAndLink: "저장하고 연결하기",
  saved: "새 주소 2개를 저장했습니다",
  byState: "요청 상태별 쌍",
  noRequest: "아직 요청 없음",
  channel: "편지를 보내는 방법",
  sender: "편지를 보내는 사람",
  situation: /특별한 사정/,
  illegal: /불법인 이유/,
  authority: /개인정보 보호 기관/,
  start: "편지 쓰고 보낼 순서에 넣기",
  bulkHeading: "빈 칸마다 편지 쓰기",
  summary: "요약",
  allWritten: "편지 6통 중 6통",
  progressHeading: "진행 상황과 숫자",
  progressCaption: "부서별 숫자, 오늘 기준",
  addMany: "한꺼번에 여러 곳 추가",
  bulkAddHeading: "여러 곳을 한 번에 추가",
  bulkUrls: "웹 주소 (한 줄에 하나씩)",
  saveAll: "모두 저장",
  pasteSomething: "웹 주소를 하나 이상 붙여 넣거나 CSV 파일을 골라 주세요.",
  bulkSaved: "주소 1개 저장함",
  alreadyInCase: "이미 이 사건에 있습니다",
};

const DE: Words = {
  locale: "de",
  nav: {
    label: "Dieser Vorfall",
    incidents: "Vorfälle",
    roster: "Personenliste",
    urls: "Webadressen",
    matrix: "Personen × Empfänger",
    progress: "Fortschritt",
  },
  incidentsHeading: "Vorfälle",
  incidentTitle: "Mitarbeiterliste in einem Kanal",
  titleLabel: "Titel",
  create: "Vorfall anlegen",
  titleMissing: "Geben Sie dem Vorfall einen kurzen Titel.",
  roster: [
    "Name;Dienstliche E-Mail;Abteilung;Land",
    "Anna Schmidt;anna.schmidt@employer.example;Betrieb;DE",
    "Jonas Weber;jonas.weber@employer.example;Betrieb;DE",
    "Lena Fischer;keine-adresse;Recht;DE",
    "Paul Wagner;paul.wagner@employer.example;Recht;AT",
  ].join("\n"),
  preview: "Vorschau",
  checkHeading: "Prüfen Sie die Liste vor dem Speichern",
  rowsWithProblem: "Zeilen mit einem Problem",
  badRow: "Zeile 4: Dienstliche E-Mail",
  invalidEmail: "Das ist keine gültige E-Mail-Adresse",
  confirm: "Bestätigen und 3 Personen hinzufügen",
  imported: "3 Personen wurden der Liste hinzugefügt",
  urlsField: "Webadressen, eine pro Zeile",
  everyone: "Alle auf der Liste (3 Personen)",
  saveAndLink: "Speichern und verknüpfen",
  saved: "2 neue Adressen gespeichert",
  byState: "Paare nach Stand der Anfrage",
  noRequest: "Noch keine Anfrage",
  channel: "Wie die Briefe verschickt werden",
  sender: "Von wem die Briefe kommen",
  situation: /besondere Situation/,
  illegal: /rechtswidrig/,
  authority: /Datenschutzbehörde/,
  start: "Briefe schreiben und einreihen",
  bulkHeading: "Briefe für jedes leere Feld",
  summary: "Zusammenfassung",
  allWritten: "6 von 6 Briefen",
  progressHeading: "Fortschritt und Zahlen",
  progressCaption: "Zahlen je Abteilung, heute",
  addMany: "Mehrere auf einmal hinzufügen",
  bulkAddHeading: "Viele Stellen auf einmal hinzufügen",
  bulkUrls: "Webadressen, eine pro Zeile",
  saveAll: "Alle speichern",
  pasteSomething: "Fügen Sie mindestens eine Webadresse ein oder wählen Sie eine CSV-Datei.",
  bulkSaved: "1 Adresse gespeichert",
  alreadyInCase: "ist schon in diesem Fall",
};

// Words that are right in any language: the organisation's name as its owner typed it. "New organisation" is
// the header's organisation switcher (app/workspaces/switcher.tsx), part of the organisation pages, which are
// translated separately.
const ALLOW = ["Employer Security Team", "New organisation"];

/** The footer's switcher, used in English (the account starts in English). */
async function switchTo(page: Page, locale: Words["locale"]) {
  await page.getByLabel("Language of the pages").selectOption(locale);
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

async function checked(page: Page) {
  await expectNoEnglish(page, ALLOW);
  await expectAccessible(page);
}

async function securityTeamStory(page: Page, w: Words) {
  test.setTimeout(180_000);
  await createAccount(page, {
    name: "Sam Security",
    email: uniqueEmail(`i18n-incident-${w.locale}`),
    password,
  });
  // The organisation pages are another part of issue 20; they are used in English here.
  await page.getByRole("link", { name: "New organisation" }).click();
  await page.getByLabel("Organisation name").fill("Employer Security Team");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Employer Security Team" })).toBeVisible();
  await switchTo(page, w.locale);

  // The incidents, and one form error in the language.
  await page.getByRole("link", { name: w.nav.incidents, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: w.incidentsHeading, exact: true })).toBeVisible();
  await expect(page).toHaveTitle(`${w.incidentsHeading} · Retract`);
  await page.getByRole("button", { name: w.create }).click();
  await expect(page.getByText(w.titleMissing)).toBeVisible();
  await checked(page);
  await page.getByLabel(w.titleLabel).fill(w.incidentTitle);
  await page.getByRole("button", { name: w.create }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.incidentTitle })).toBeVisible();
  await checked(page);
  const nav = page.getByRole("navigation", { name: w.nav.label });

  // The roster, from a CSV file with the header in the page's language and one bad row.
  await nav.getByRole("link", { name: w.nav.roster }).click();
  await checked(page);
  await page.locator("#f-file").setInputFiles({
    name: "staff.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(w.roster),
  });
  await page.getByRole("button", { name: w.preview }).click();
  await expect(page.getByRole("heading", { name: w.checkHeading })).toBeVisible();
  const problems = page.getByRole("list", { name: w.rowsWithProblem });
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  await expect(problems).toContainText(w.badRow);
  await expect(problems).toContainText(w.invalidEmail);
  await checked(page);
  await page.getByRole("button", { name: w.confirm }).click();
  await expect(page.getByText(w.imported)).toBeVisible();
  await checked(page);

  // The leaked web addresses, linked to everyone.
  await nav.getByRole("link", { name: w.nav.urls, exact: true }).click();
  await page
    .getByLabel(w.urlsField)
    .fill("https://t.me/staffleak/42\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await expect(page.getByLabel(w.everyone)).toBeChecked();
  await page.getByRole("button", { name: w.saveAndLink }).click();
  await expect(page.getByText(w.saved)).toBeVisible();
  await checked(page);

  // The people × recipients table.
  await nav.getByRole("link", { name: w.nav.matrix }).click();
  await expect(page.getByRole("list", { name: w.byState })).toContainText(`${w.noRequest} 6`);
  await checked(page);

  // A small bulk run, watched until its summary.
  const bulk = page.locator("#bulk");
  await bulk.getByLabel(w.channel).selectOption("documents");
  await bulk.getByLabel(w.sender).selectOption("self");
  await bulk.getByLabel(w.situation).fill("공개된 명단 때문에 직원들이 위협을 받았습니다.");
  await bulk.getByLabel(w.illegal).fill("집 주소를 올려 괴롭힘을 부추기는 게시물입니다.");
  await bulk.getByLabel(w.authority).fill("Data Protection Commission");
  await bulk.getByRole("button", { name: w.start }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.bulkHeading })).toBeVisible();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByRole("heading", { name: w.summary })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(w.allWritten)).toBeVisible();
  await checked(page);

  // The incident's progress page.
  await page.goto(page.url().replace(/\/jobs\/.*$/, "/progress"));
  await expect(page.getByRole("heading", { name: w.progressHeading })).toBeVisible();
  await expect(page.getByRole("table", { name: w.progressCaption })).toBeVisible();
  await checked(page);

  // Many places at once on one person's case: one new, one already there, and first an empty form.
  await nav.getByRole("link", { name: w.nav.roster }).click();
  await page.getByRole("rowheader").first().getByRole("link").click();
  await page.getByRole("link", { name: w.addMany }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.bulkAddHeading })).toBeVisible();
  await page.getByRole("button", { name: w.saveAll }).click();
  await expect(page.getByText(w.pasteSomething)).toBeVisible();
  await checked(page);
  await page.getByLabel(w.bulkUrls).fill("https://t.me/staffleak/42\nhttps://forum.example.com/t/99");
  await page.getByRole("button", { name: w.saveAll }).click();
  await expect(page.getByRole("heading", { name: w.bulkSaved })).toBeVisible();
  await expect(page.getByText(w.alreadyInCase)).toBeVisible();
  await checked(page);
}

test("the security team's incident, roster, bulk letters and progress in Korean", async ({ page }) => {
  await securityTeamStory(page, KO);
});

test("the security team's incident, roster, bulk letters and progress in German", async ({ page }) => {
  await securityTeamStory(page, DE);
});
