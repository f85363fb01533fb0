// The whole victim story in the page language (issue 20's acceptance): a person who reads Korean, French,
// German or Dutch opens the sign-up page, sets the language with the footer's switcher while signed out, signs
// up, sets up the mail for letters (a real SMTP server on 127.0.0.1), opens a case, records a Telegram post,
// writes the letter, sends it, records the answer and writes the follow-up. On every page: no English sentence
// (expectNoEnglish; the letter itself is marked with its own language and left out), axe, and a few of the
// page's words in the language, so a page that falls back to English fails.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import type en from "../../app/i18n/locales/en.json";
import type shellEn from "../../app/i18n/locales/shell/en.json";
import { startSmtpServer } from "../integration/smtp-test-server";
import { expectNoEnglish } from "./english";
import { expect, expectAccessible, mailFor, test, uniqueEmail } from "./fixtures";

type Key = keyof typeof en | keyof typeof shellEn;
// The catalogues as the server reads them (the shell's words and the pages'), read from the files: Node does
// not import JSON without an attribute.
const LOCALES = join(process.cwd(), "app", "i18n", "locales");
const read = (file: string) => JSON.parse(readFileSync(join(LOCALES, file), "utf8")) as Record<Key, string>;
const CATALOGUES: Record<string, Record<Key, string>> = Object.fromEntries(
  ["en", "ko", "fr", "de", "nl"].map((l) => [l, { ...read(`shell/${l}.json`), ...read(`${l}.json`) }]),
);

/** Each story: who signs up, what they type (in their language), the letter's language. */
const STORIES = [
  {
    locale: "ko",
    name: "김지우",
    caseTitle: "텔레그램 채널 게시물",
    situation: "제 주소가 올라온 뒤로 모르는 사람들이 집에 찾아왔습니다.",
    authority: "베를린 데이터 보호 감독청",
    reply: "어떤 게시물인지 알려 주십시오.",
    // GDPR letters are written in the EU's languages: this one in English, marked lang="en" on the page.
    letterLang: "en",
    // Words the page must show in Korean, typed here so a wrong catalogue entry fails too.
    dashboard: "내 사건",
    requestHeading: "서신 확인 및 수정",
  },
  {
    locale: "fr",
    name: "Camille Martin",
    caseTitle: "Publications sur une chaîne Telegram",
    situation: "Des inconnus sont venus chez moi depuis que mon adresse a été publiée.",
    authority: "Autorité de protection des données de Berlin",
    reply: "Merci de nous dire de quelles publications il s’agit.",
    letterLang: "fr",
    dashboard: "Vos dossiers",
    requestHeading: "Vérifier et modifier la lettre",
  },
  {
    locale: "de",
    name: "Jonas Weber",
    caseTitle: "Beiträge in einem Telegram-Kanal",
    situation: "Seit der Veröffentlichung stehen Fremde vor meiner Tür.",
    authority: "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
    reply: "Bitte nennen Sie uns die Beiträge, die Sie meinen.",
    letterLang: "de",
    dashboard: "Ihre Fälle",
    requestHeading: "Schreiben prüfen und bearbeiten",
  },
  {
    locale: "nl",
    name: "Sanne de Vries",
    caseTitle: "Berichten in een Telegram-kanaal",
    situation: "Sinds de publicatie staan er vreemden voor mijn deur.",
    authority: "Autoriteit Persoonsgegevens",
    reply: "Laat u ons weten welke berichten u bedoelt?",
    letterLang: "nl",
    dashboard: "Uw zaken",
    requestHeading: "De brief controleren en aanpassen",
  },
] as const;

for (const story of STORIES) {
  test(`the whole victim story in ${story.locale}: sign up, mail settings, case, place, letter, send, reply, follow-up`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const messages = CATALOGUES[story.locale]!;
    const m = (key: Key, values?: Record<string, string | number>) =>
      String(new IntlMessageFormat(messages[key], story.locale).format(values));
    const english = (key: Key) => CATALOGUES.en![key];
    const email = uniqueEmail(`story-${story.locale}`);
    const local = email.split("@")[0]!;
    // Names that are right in any language: what this person typed, and the recipients' registered names.
    const allow = [
      story.name,
      story.caseTitle,
      "Telegram Messenger Inc.",
      "Telegram UK Holdings Ltd.",
      "Telegram FZ-LLC",
      "Telegram",
      // File formats, named the same in every language.
      "PNG, JPEG, WebP",
    ];
    /**
     * Every page of the story: in its language, no English, axe. `gaps`: English that another part of issue 20
     * translates (listed in KNOWN_GAPS below), left out here by the exact elements that show it.
     */
    const check = async (heading: string, gaps: readonly string[] = []) => {
      await expect(page.locator("html")).toHaveAttribute("lang", story.locale);
      await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
      const owedElsewhere = (
        await Promise.all(gaps.map((selector) => page.locator(selector).allTextContents()))
      ).flat();
      // Longest first: "Georgia (United States)" is left out whole before "Georgia" is.
      const words = [...allow, ...owedElsewhere.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean)];
      await expectNoEnglish(
        page,
        words.sort((x, y) => y.length - x.length),
      );
      await expectAccessible(page);
    };
    const smtp = await startSmtpServer();
    try {
      // Signed out, in English: the footer's switcher sets the language for this browser.
      await page.goto("/signup");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.getByLabel(english("language.switcher.label")).selectOption(story.locale);
      await page.getByRole("button", { name: english("language.switcher.submit") }).click();
      await expect(page).toHaveURL(/\/signup$/);
      expect(m("auth.signup.title")).not.toBe(english("auth.signup.title"));
      await check(m("auth.signup.title"));

      // Sign up.
      await page.getByLabel(m("auth.signup.name"), { exact: true }).fill(story.name);
      await page.getByLabel(m("auth.field.email"), { exact: true }).fill(email);
      await page.getByRole("button", { name: m("auth.signup.submit") }).click();
      await check(m("auth.checkEmail.title"));
      await page.goto(await mailFor(email, /(http\S+\/signup\?token=\S+)/));
      await check(m("auth.signup.finish.title"));
      await page
        .getByLabel(m("auth.field.password"), { exact: true })
        .fill("a calm and rather long passphrase");
      await page.getByRole("button", { name: m("auth.signup.finish.submit") }).click();
      await expect(page.getByRole("heading", { level: 1, name: story.dashboard })).toBeVisible();
      await check(m("dashboard.title"));

      // The mail for letters: the workspace's own SMTP server.
      await page.goto("/settings/email");
      await check(m("settings.email.title"));
      await expect(page).toHaveTitle(`${m("settings.email.pageTitle")} · Retract`);
      await page.getByLabel(m("settings.email.host")).fill("127.0.0.1");
      await page.getByLabel(m("settings.port"), { exact: true }).fill("not a port");
      await page.getByLabel(m("settings.user")).fill(local);
      await page.getByLabel(m("settings.password"), { exact: true }).fill("app-password");
      await page.getByLabel(m("settings.email.from"), { exact: true }).fill(`${story.name} <${email}>`);
      await page.getByRole("button", { name: m("settings.email.save") }).click();
      // A form error in the language (the schema's message is a key).
      await expect(page.getByText(m("errors.smtp.port"))).toBeVisible();
      await check(m("settings.email.title"));
      await page.getByLabel(m("settings.port"), { exact: true }).fill(String(smtp.port));
      await page.getByLabel(m("settings.password"), { exact: true }).fill("app-password");
      await page.getByRole("button", { name: m("settings.email.save") }).click();
      await expect(page.getByRole("status")).toHaveText(m("settings.email.saved"));
      await expect(page.getByTestId("smtp-connection")).toContainText(m("mailConnection.plainLoopback"));
      await check(m("settings.email.title"));

      // Open a case.
      await page.goto("/");
      await page
        .getByRole("link", { name: m("dashboard.newCase") })
        .first()
        .click();
      await check(m("cases.new.title"), KNOWN_GAPS.personFields);
      await page.getByLabel(m("cases.new.caseTitle")).fill(story.caseTitle);
      await page.getByLabel(m("subjects.field.name")).fill(story.name);
      await page.getByLabel(m("subjects.field.country")).selectOption("DE");
      await page.getByRole("button", { name: m("cases.new.submit"), exact: true }).click();
      await check(story.caseTitle, KNOWN_GAPS.recipientMatch);
      const caseUrl = page.url().replace(/[?#].*$/, "");

      // Record the place: a Telegram post.
      const address = `https://t.me/leak_channel_${story.locale}/3`;
      await page.getByLabel(m("exposure.field.url")).fill(address);
      await expect(page.getByRole("status", { name: m("exposure.recipient.live") })).toContainText(
        "Telegram",
      );
      await page.getByRole("checkbox", { name: m("exposure.kind.home_address") }).check();
      await page.getByRole("button", { name: m("cases.page.savePlace") }).click();
      await expect(page.getByRole("link", { name: address })).toBeVisible();
      await check(story.caseTitle, KNOWN_GAPS.recipientMatch);

      // The place's own page (with "Is it still there?").
      await page.getByRole("link", { name: address }).click();
      await check(m("exposure.page.title"), KNOWN_GAPS.regimeNames);
      await expect(page.getByRole("heading", { name: m("recheck.title") })).toBeVisible();
      await expect(page.getByText(m("recheck.none"))).toBeVisible();
      await page.goto(caseUrl);

      // Write the letter.
      await page.getByRole("link", { name: m("caseLetters.write") }).click();
      await check(m("letterNew.writeTo", { name: "Telegram" }), KNOWN_GAPS.letterForm);
      await page.getByRole("radio", { name: new RegExp(literally(m("kinds.gdpr-erasure.label"))) }).check();
      await page.getByLabel(m("letterNew.lang.label")).selectOption(story.letterLang);
      const destination = page.getByLabel(m("letterNew.destination.label"));
      const abuse = await destination
        .locator("option")
        .filter({ hasText: "abuse@telegram.org" })
        .first()
        .getAttribute("value");
      await destination.selectOption(abuse!);
      await page.getByLabel(m("letterNew.requesterEmail.label")).fill(email);
      await page.getByLabel(m("letterNew.situation.label")).fill(story.situation);
      await page.getByLabel(m("letterNew.authority.label")).fill(story.authority);
      await page.getByRole("button", { name: m("letterNew.submit") }).click();
      await expect(page.getByRole("heading", { name: story.requestHeading })).toBeVisible();
      await check(m("letter.titleEdit"), KNOWN_GAPS.complaintChoice);
      const reference = (await page.locator("p.muted .mono").first().textContent())!.trim();
      const requestUrl = page.url();
      // The letter keeps its own language, and says so to the browser and to screen readers.
      await expect(page.getByLabel(m("letter.body"))).toHaveAttribute("lang", story.letterLang);

      // Send it, and wait for the mail server to have it.
      await page
        .getByRole("button", { name: m("letter.sendEmail", { address: "abuse@telegram.org" }) })
        .click();
      await expect
        .poll(() => smtp.received.filter((mail) => mail.subject?.includes(reference)).length, {
          timeout: 30_000,
        })
        .toBe(1);
      await expect
        .poll(
          async () => {
            await page.goto(requestUrl);
            return page.locator(".badge-request-sent").count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      await expect(page.locator(".badge-request-sent")).toHaveText(m("requestState.sent"));
      await check(m("letter.titleSent"), KNOWN_GAPS.complaintChoice);

      // Their answer came by post: record it.
      const record = page.getByRole("region", { name: m("reply.record.title") });
      await record
        .getByLabel(m("reply.record.what"))
        .selectOption({ label: m("replyOutcome.more_info_requested") });
      await record.getByLabel(m("reply.record.text")).fill(story.reply);
      await record.getByRole("button", { name: m("reply.record.submit") }).click();
      await expect(page.locator(".badge-request-more_info_requested")).toHaveText(
        m("requestState.more_info_requested"),
      );
      await expect(page.getByRole("region", { name: m("replies.title"), exact: true })).toContainText(
        story.reply,
      );
      await expect(page.getByRole("heading", { name: m("request.next.title") })).toBeVisible();
      await check(m("request.title", { reference }), KNOWN_GAPS.complaintChoice);

      // The case page lists the letter; the timeline page tells the story.
      await page.goto(caseUrl);
      await expect(page.getByRole("region", { name: m("caseLetters.title"), exact: true })).toContainText(
        reference,
      );
      await check(story.caseTitle, KNOWN_GAPS.recipientMatch);
      await page.getByRole("link", { name: m("cases.page.timelineLink") }).click();
      await check(m("timelinePage.title"));
      await expect(page.getByRole("region", { name: m("timelinePage.timeline") })).toContainText(reference);

      // The follow-up: a new draft, its page in the language, its letter in the letter's.
      await page.goto(requestUrl);
      await page.getByRole("button", { name: m("request.next.followUp") }).click();
      await expect(page.getByRole("heading", { name: story.requestHeading })).toBeVisible();
      expect(page.url()).not.toBe(requestUrl);
      await expect(page.getByLabel(m("letter.body"))).toHaveValue(new RegExp(reference));
      await expect(page.getByRole("button", { name: m("letter.saveDraft") })).toBeVisible();
      await check(m("letter.titleEdit"), KNOWN_GAPS.followUpDraft);
    } finally {
      await smtp.close();
    }
  });
}

/**
 * English the story still meets on pages other engineers translate in issue 20 (not this spec's files): the
 * elements that show it, so each check leaves out exactly those words. Remove an entry once its part lands.
 */
const KNOWN_GAPS = {
  // app/subjects/subject-fields.tsx: US state, German Land and UK nation names are English (Intl has none; the
  // options are marked lang="en"); the countries are in the page language.
  personFields: ['select[name="region"] option'],
  // db/seed-data/directory/curated.json: a recipient's in-app channel is an English instruction ("Report the
  // message, channel, group or bot in the Telegram app …"), shown by app/exposures/recipient-match.tsx.
  recipientMatch: [".recipient-match .pre-line"],
  // app/recipients/regimes.ts: the names of the rules a letter can use ("EU Digital Services Act", "The service's
  // own rules"), on the exposure page (their reasons are translated).
  regimeNames: [".recipient-match .pre-line", "h3 + ul > li > strong"],
  // The letter form: the directory's words for a channel ("Illegal public content (channels, groups, bots,
  // sticker sets)", db/seed-data/directory) inside each destination, and the authorities' own (German) names.
  letterForm: [".recipient-match .pre-line", 'select[name="destination"] option', "details li"],
  // The request page's complaint choice: "Bavaria: Bayerisches Landesamt …" (the Land in English from
  // app/requests/compose/next-letter.server.ts LANDER; the authorities' names are their own, in German).
  complaintChoice: ['select[name="authorityId"] option'],
  // The follow-up draft: the same complaint choice. Its own text is checked too: without a known authority a
  // German, French or Dutch follow-up names none instead of English words (app/requests/compose/next-letter.server.ts).
  followUpDraft: ['select[name="authorityId"] option'],
} as const;

/** A message as a literal part of a regular expression. */
function literally(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
