// Quick exit and the log-in redirect: the beacon is answered with 204 (no redirect for it
// to follow), and a page that needs a session leads to a log-in address without the page's path in it, so
// the browser's history holds no case id, yet the log-in still returns to that page.
import { createAccount, expect, logIn, logOut, test, uniqueEmail } from "./fixtures";

test("the quick-exit beacon gets a 204; log-in keeps no redirectTo in the address bar", async ({ page }) => {
  const email = uniqueEmail("exit-beacon");
  const password = "a calm long passphrase";
  await createAccount(page, { name: "Bea Con", email, password });
  // What the quick-exit script's beacon gets: the browser would follow a redirect (a fetch of the neutral
  // site, refused by connect-src 'self'); with redirect: "manual" a redirect shows as "opaqueredirect".
  await page.goto("/cases/new");
  const answer = await page.evaluate(async () => {
    const r = await fetch("/exit?beacon=1", { method: "POST", redirect: "manual", keepalive: true });
    return { type: r.type, status: r.status };
  });
  expect(answer).toEqual({ type: "basic", status: 204 });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();

  // The button still leaves at once.
  await page.goto("/");
  await page.getByRole("button", { name: "Quick exit" }).click();
  await expect(page).toHaveURL(/left=1/);

  await page.goto("/cases/new");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/login");
  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/cases\/new$/);
  await logOut(page);
});
