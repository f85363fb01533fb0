// Shared browser-test fixtures: any console error fails the test; axe checks a page for serious problems;
// files with GPS metadata are made on the fly; the server's system mail (sign-up links) arrives at a real SMTP
// server on 127.0.0.1 (playwright.config.ts points SMTP_PORT at it).
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import sharp from "sharp";
import { startSmtpServer } from "../integration/smtp-test-server";

/** Mail the e2e server sent, as it arrived at this worker's SMTP server. */
export const systemMail: ParsedMail[] = [];

const recipients = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));

/** Waits for a mail to `to` whose text matches `pattern`; returns the first match group (or the match). */
export async function mailFor(to: string, pattern: RegExp) {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        for (const mail of systemMail) {
          const m = recipients(mail).includes(to) ? pattern.exec(mail.text ?? "") : null;
          if (m) found = m[1] ?? m[0];
        }
        return found;
      },
      { message: `a mail to ${to}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return found!;
}

export const test = base.extend<{ consoleErrors: string[] }, { mailServer: number }>({
  mailServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const port = Number(process.env.E2E_SMTP_PORT);
      const server = await startSmtpServer(port, (mail) => systemMail.push(mail));
      await use(server.port);
      await server.close();
    },
    { scope: "worker", auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        // A 4xx answer to a form with mistakes is expected (the page explains it); anything else is a bug.
        if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility problems on ${page.url()}`,
  ).toEqual([]);
}

export function uniqueEmail(tag: string) {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

export async function photoWithGps() {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: "#7799bb" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneCam", Model: "Z5" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 0/1",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 30/1",
      },
    })
    .toBuffer();
}

export async function signUp(
  page: Page,
  { name, email, password }: { name: string; email: string; password: string },
) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // The link in the mail finishes the account.
  const link = await mailFor(email, /(http\S+\/signup\?token=\S+)/);
  await page.goto(link);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
}

/**
 * The app's own account and session functions, run in this test process against the e2e server's data folder
 * (same database file and keys; SQLite's WAL lets both processes use it). Loaded on first use, after the
 * environment points them there.
 */
async function appAuth() {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  process.env.RETRACT_DATA_DIR = dataDir;
  // The server has migrated the database; this process only writes a user and a session.
  process.env.NODE_ENV = "production";
  process.env.RETRACT_WAL_CHECKPOINTER = "inline";
  const [{ createUser }, { createSession }] = await Promise.all([
    import("~/auth/users.server"),
    import("~/auth/session.server"),
  ]);
  return { createUser, createSession };
}

/**
 * A signed-in account without walking the sign-up form (which foundation.spec.ts still covers): the user is
 * made with the app's createUser, a session with createSession, and its cookie is put in the browser; the page
 * opens on the dashboard.
 */
export async function createAccount(
  page: Page,
  { name, email, password }: { name: string; email: string; password: string },
) {
  const { createUser, createSession } = await appAuth();
  const { id, workspaceId } = await createUser({ email, name, password });
  const [pair] = (await createSession({ userId: id, workspaceId })).split(";");
  const at = pair!.indexOf("=");
  await page.goto("/login");
  const url = new URL(page.url()).origin;
  await page.context().addCookies([{ name: pair!.slice(0, at), value: pair!.slice(at + 1), url }]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
}

/**
 * Logs out with the header's button and waits for the log-in page it leads to: going elsewhere before the
 * POST has landed would leave the session alive.
 */
export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
}

/** Fills the log-in form on the current page (which may carry a redirectTo). */
export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}
