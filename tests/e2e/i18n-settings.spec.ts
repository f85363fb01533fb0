// Settings, account, tokens, members, invitations and the audit log in the page language (issue 20): a Korean and
// a French account each walk the settings pages, see a form error in their language, change their password,
// make and revoke an API token, make a calendar link, create an organisation, invite someone (the invitation
// page opens in the invitee's browser language) and read the audit log, whose action names are in their
// language. No English sentence on any page, and axe on each.
import type { Browser, Page } from "@playwright/test";
import { expectNoEnglish } from "./english";
import { createAccount, expect, expectAccessible, test, uniqueEmail } from "./fixtures";

// The header's workspace switcher (app/workspaces/switcher.tsx) is translated in another branch; until it lands,
// its words are allowed here. Remove this list once it is merged.
const SWITCHER = ["New organisation", "Members", "Workspace", "Switch", "Personal"];

type Words = {
  locale: "ko" | "fr";
  browserLocale: string;
  name: string;
  organisation: string;
  token: string;
  settings: string;
  account: string;
  currentPassword: string;
  newPassword: string;
  newPasswordAgain: string;
  changePassword: string;
  currentPasswordMissing: string;
  passwordChanged: string;
  tokens: string;
  makeToken: string;
  tokenNameMissing: string;
  tokenName: string;
  tokenAccess: string;
  readAndWrite: string;
  tokenCreated: string;
  revoke: string;
  revokeToken: string;
  tokenRevoked: string;
  calendarLink: string;
  makeCalendarLink: string;
  newCalendarLink: string;
  newOrganisation: string;
  organisationName: string;
  createOrganisation: string;
  organisationNameMissing: string;
  membersOf: string;
  theirEmail: string;
  role: string;
  invite: string;
  sendInvitation: string;
  invitationLink: string;
  openInvitations: string;
  join: string;
  createAndJoin: string;
  nameMissing: string;
  auditLog: string;
  createdAction: string;
  auditWhat: string;
  showEvents: string;
  invitedAction: string;
  auditDateError: string;
};

const KO: Words = {
  locale: "ko",
  browserLocale: "ko-KR",
  name: "박서연",
  organisation: "서울 법률 지원",
  token: "가져오기 스크립트",
  settings: "설정",
  account: "내 계정",
  currentPassword: "현재 비밀번호",
  newPassword: "새 비밀번호",
  newPasswordAgain: "새 비밀번호 다시 입력",
  changePassword: "비밀번호 바꾸기",
  currentPasswordMissing: "현재 비밀번호를 입력하세요.",
  passwordChanged: "비밀번호를 바꾸었고 다른 모든 기기에서 로그아웃했습니다.",
  tokens: "API 토큰",
  makeToken: "토큰 만들기",
  tokenNameMissing: "토큰 이름을 정하세요.",
  tokenName: "이름",
  tokenAccess: "할 수 있는 일",
  readAndWrite: "읽기와 쓰기",
  tokenCreated: "새 토큰 ‘가져오기 스크립트’",
  revoke: "취소",
  revokeToken: "토큰 취소",
  tokenRevoked: "토큰을 취소했습니다.",
  calendarLink: "캘린더 링크",
  makeCalendarLink: "캘린더 링크 만들기",
  newCalendarLink: "새 캘린더 링크",
  newOrganisation: "단체 만들기",
  organisationName: "단체 이름",
  createOrganisation: "단체 만들기",
  organisationNameMissing: "단체 이름을 입력하세요.",
  membersOf: "서울 법률 지원 구성원",
  theirEmail: "초대할 사람의 이메일 주소",
  role: "역할",
  invite: "초대하기",
  sendInvitation: "초대장 보내기",
  invitationLink: "7일 동안 한 번만 쓸 수 있습니다.",
  openInvitations: "열려 있는 초대",
  join: "서울 법률 지원에 참여하기",
  createAndJoin: "계정 만들고 참여하기",
  nameMissing: "이름이나 불리고 싶은 이름을 입력해 주세요.",
  auditLog: "감사 기록",
  createdAction: "단체를 만듦",
  auditWhat: "일어난 일",
  showEvents: "기록 보기",
  invitedAction: "누군가를 초대함",
  auditDateError: "시작일: 2026-11-23처럼 날짜를 입력하세요.",
};

const FR: Words = {
  locale: "fr",
  browserLocale: "fr-FR",
  name: "Camille Martin",
  organisation: "Aide juridique Nord",
  token: "Script d’import",
  settings: "Paramètres",
  account: "Votre compte",
  currentPassword: "Mot de passe actuel",
  newPassword: "Nouveau mot de passe",
  newPasswordAgain: "Nouveau mot de passe, une seconde fois",
  changePassword: "Changer le mot de passe",
  currentPasswordMissing: "Saisissez votre mot de passe actuel.",
  passwordChanged: "Votre mot de passe a été changé et tous les autres appareils ont été déconnectés.",
  tokens: "Jetons d’API",
  makeToken: "Créer le jeton",
  tokenNameMissing: "Donnez un nom au jeton",
  tokenName: "Nom",
  tokenAccess: "Ce qu’il peut faire",
  readAndWrite: "lecture et écriture",
  tokenCreated: "Votre nouveau jeton « Script d’import »",
  revoke: "Révoquer",
  revokeToken: "Révoquer le jeton",
  tokenRevoked: "Le jeton a été révoqué.",
  calendarLink: "Lien d’agenda",
  makeCalendarLink: "Créer un lien de calendrier",
  newCalendarLink: "Votre nouveau lien d’agenda",
  newOrganisation: "Créer une organisation",
  organisationName: "Nom de l’organisation",
  createOrganisation: "Créer l’organisation",
  organisationNameMissing: "Saisissez le nom de l’organisation.",
  membersOf: "Membres de Aide juridique Nord",
  theirEmail: "Son adresse e-mail",
  role: "Rôle",
  invite: "Inviter quelqu’un",
  sendInvitation: "Envoyer l’invitation",
  invitationLink: "il fonctionne une fois, pendant 7 jours",
  openInvitations: "Invitations en attente",
  join: "Rejoindre Aide juridique Nord",
  createAndJoin: "Créer le compte et rejoindre",
  nameMissing: "Saisissez votre nom, ou la façon dont vous souhaitez qu’on vous appelle.",
  auditLog: "Journal d’audit",
  createdAction: "A créé l’organisation",
  auditWhat: "Ce qui s’est passé",
  showEvents: "Afficher les événements",
  invitedAction: "A invité quelqu’un",
  auditDateError: "Du : saisissez une date comme 2026-11-23.",
};

/** The footer's switcher, used in English (the account starts in English). */
async function switchTo(page: Page, locale: string) {
  await page.getByLabel("Language of the pages").selectOption(locale);
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

/** The page has no English sentence (but the names typed in) and passes axe. */
async function checked(page: Page, allow: readonly string[]) {
  await expectNoEnglish(page, [...SWITCHER, ...allow]);
  await expectAccessible(page);
}

async function walk(page: Page, browser: Browser, w: Words) {
  const password = "a calm long passphrase";
  const email = uniqueEmail(`i18n-settings-${w.locale}`);
  const inviteeEmail = uniqueEmail(`i18n-invitee-${w.locale}`);
  const typed = [w.name, w.organisation, w.token];
  await createAccount(page, { name: w.name, email, password });
  await switchTo(page, w.locale);

  // Settings.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: w.settings })).toBeVisible();
  await expect(page).toHaveTitle(`${w.settings} · Retract`);
  await checked(page, typed);

  // Account: a form error in the language, then the password changed.
  await page.getByRole("link", { name: w.account }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.account })).toBeVisible();
  await checked(page, typed);
  await page.getByRole("button", { name: w.changePassword }).click();
  await expect(page.getByText(w.currentPasswordMissing)).toBeVisible();
  await checked(page, typed);
  await page.getByLabel(w.currentPassword).fill(password);
  await page.getByLabel(w.newPassword, { exact: true }).fill(`${password} again`);
  await page.getByLabel(w.newPasswordAgain).fill(`${password} again`);
  await page.getByRole("button", { name: w.changePassword }).click();
  await expect(page.getByRole("status")).toHaveText(w.passwordChanged);
  await checked(page, typed);

  // API tokens: an error, one made, then revoked.
  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { level: 1, name: w.tokens })).toBeVisible();
  await checked(page, typed);
  await page.getByRole("button", { name: w.makeToken, exact: true }).click();
  await expect(page.getByText(w.tokenNameMissing, { exact: false })).toBeVisible();
  await checked(page, typed);
  await page.getByLabel(w.tokenName, { exact: true }).fill(w.token);
  await page.getByLabel(w.tokenAccess).selectOption("write");
  await page.getByRole("button", { name: w.makeToken, exact: true }).click();
  await expect(page.getByRole("heading", { name: w.tokenCreated })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: w.token })).toContainText(w.readAndWrite);
  await checked(page, typed);
  await page.goto("/settings/tokens");
  await page.getByRole("link", { name: `${w.revoke} ${w.token}` }).click();
  await checked(page, typed);
  await page.getByRole("button", { name: w.revokeToken }).click();
  await expect(page.getByRole("status")).toContainText(w.tokenRevoked);
  await checked(page, typed);

  // A calendar link.
  await page.goto("/calendar-feeds");
  await expect(page.getByRole("heading", { level: 1, name: w.calendarLink })).toBeVisible();
  await page.getByRole("button", { name: w.makeCalendarLink }).click();
  await expect(page.getByRole("heading", { name: w.newCalendarLink })).toBeVisible();
  await checked(page, typed);

  // A new organisation: an error, then the members page.
  await page.goto("/workspaces/new");
  await expect(page.getByRole("heading", { level: 1, name: w.newOrganisation })).toBeVisible();
  await page.getByRole("button", { name: w.createOrganisation }).click();
  await expect(page.getByText(w.organisationNameMissing)).toBeVisible();
  await checked(page, typed);
  await page.getByLabel(w.organisationName).fill(w.organisation);
  await page.getByRole("button", { name: w.createOrganisation }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.membersOf })).toBeVisible();
  await checked(page, typed);

  // Invite someone; the invitation page speaks the invitee's browser language.
  await page.getByLabel(w.theirEmail).fill(inviteeEmail);
  await page.getByLabel(w.role, { exact: true }).selectOption("caseworker");
  await page.getByRole("button", { name: w.sendInvitation }).click();
  const invite = page.getByRole("region", { name: w.invite });
  await expect(invite.getByRole("status")).toContainText(w.invitationLink);
  await expect(page.getByRole("list", { name: w.openInvitations })).toContainText(inviteeEmail);
  await checked(page, [...typed, inviteeEmail]);
  const link = (await page.locator(".invite-link").textContent())!.trim();

  const context = await browser.newContext({ locale: w.browserLocale });
  const invitee = await context.newPage();
  await invitee.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await expect(invitee.locator("html")).toHaveAttribute("lang", w.locale);
  await expect(invitee.getByRole("heading", { level: 1, name: w.join })).toBeVisible();
  await checked(invitee, typed);
  await invitee.getByRole("button", { name: w.createAndJoin }).click();
  await expect(invitee.getByText(w.nameMissing)).toBeVisible();
  await checked(invitee, typed);
  await context.close();

  // The audit log: action names in the language, and a filter error.
  await page.goto("/workspace/audit");
  await expect(page.getByRole("heading", { level: 1, name: w.auditLog })).toBeVisible();
  const table = page.locator("table");
  await expect(table).toContainText(w.createdAction);
  await expect(table).toContainText(w.invitedAction);
  await checked(page, [...typed, email]);
  await page.getByLabel(w.auditWhat).selectOption("invitation.create");
  await page.getByRole("button", { name: w.showEvents }).click();
  await expect(table).toContainText(w.invitedAction);
  await expect(table).not.toContainText(w.createdAction);
  await checked(page, [...typed, email]);
  await page.goto("/workspace/audit?from=23.11.2026");
  await expect(page.getByText(w.auditDateError)).toBeVisible();
  await checked(page, [...typed, email]);
}

test("a Korean account walks settings, tokens, members, an invitation and the audit log in Korean", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await walk(page, browser, KO);
});

test("a French account walks the same pages in French", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await walk(page, browser, FR);
});
