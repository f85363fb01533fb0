// Teams in the browser: two-factor set-up and log-in with a real TOTP code; an organisation, an invitation
// accepted by a second person, a client assigned to them, and a colleague's client out of their reach; the
// owner revokes the second person's API token.
import { generateTOTP } from "@epic-web/totp";
import { createAccount, expect, expectAccessible, logIn, logOut, test, uniqueEmail } from "./fixtures";

const password = "a long and calm passphrase";

/**
 * The code the authenticator app will show at `at` (ms), from the same library the server checks with.
 * @epic-web/totp reads the clock once, synchronously, as `new Date()` when generateTOTP is called and takes no
 * time of its own, so the clock is set for that call only and put back before anything else runs.
 */
async function codeAt(secret: string, at: number) {
  const RealDate = Date;
  class ClockAt extends RealDate {
    constructor(...args: ConstructorParameters<typeof Date> | []) {
      super(...((args.length ? args : [at]) as [number]));
    }
    static override now() {
      return at;
    }
  }
  globalThis.Date = ClockAt as DateConstructor;
  let pending: ReturnType<typeof generateTOTP>;
  try {
    pending = generateTOTP({ secret, period: 30 });
  } finally {
    globalThis.Date = RealDate;
  }
  return (await pending).otp;
}

test("two-factor: set up with the QR page, log out, log in with a code from the app", async ({ page }) => {
  const email = uniqueEmail("totp");
  await createAccount(page, { name: "Tess Two", email, password });
  await page.goto("/two-factor");
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator(".secret-key").textContent())!.trim();
  const setUpAt = Date.now();
  await page.getByLabel("Code", { exact: true }).fill(await codeAt(secret, setUpAt));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication is on" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expectAccessible(page);

  await logOut(page);
  await page.goto("/login");
  await logIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await expectAccessible(page);
  // A code is accepted once, so the code just used is refused; the app's next code (one 30 s step later, inside
  // the server's one-step window) is accepted without waiting for it.
  await page.getByLabel("Code", { exact: true }).fill(await codeAt(secret, setUpAt));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByText("This code is not right, or was already used. Try the newest code."),
  ).toBeVisible();
  const nextStep = (Math.floor(setUpAt / 30_000) + 1) * 30_000;
  await page.getByLabel("Code", { exact: true }).fill(await codeAt(secret, nextStep + 1_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
});

test("organisation: invite a caseworker, assign one client, a colleague's client stays out of reach", async ({
  page,
  browser,
  request,
}) => {
  const ownerEmail = uniqueEmail("owner");
  const workerEmail = uniqueEmail("worker");
  await createAccount(page, { name: "Olga Owner", email: ownerEmail, password });

  await page.getByRole("link", { name: "New organisation" }).click();
  await expect(page.getByRole("heading", { name: "Create an organisation" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Organisation name").fill("Legal Aid North");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: "Members of Legal Aid North" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Their email address").fill(workerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("caseworker");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = (await page.locator(".invite-link").textContent())!.trim();
  expect(link).toMatch(/\/invitations\/[\w-]{40,}$/);
  await expect(page.getByRole("list", { name: "Open invitations" })).toContainText(workerEmail);
  await expectAccessible(page);

  // Two clients, each with a case.
  for (const name of ["Client One", "Client Two"]) {
    await page.goto("/cases/new");
    await page.getByLabel("Case title").fill(`${name} case`);
    if (name === "Client Two") await page.getByLabel("Who is this case about?").selectOption("new");
    await page.getByLabel("Full name").fill(name);
    await page.getByRole("button", { name: "Open case" }).click();
    await expect(page.getByRole("heading", { name: `${name} case` })).toBeVisible();
  }
  const clientTwoCase = page.url();

  // The caseworker accepts in their own browser, signing up from the invitation.
  const other = await browser.newContext();
  const worker = await other.newPage();
  await worker.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await expect(worker.getByRole("heading", { name: "Join Legal Aid North" })).toBeVisible();
  await expectAccessible(worker);
  await worker.getByLabel("Your name").fill("Cas Worker");
  await worker.getByLabel("Email address").fill(workerEmail);
  await worker.getByLabel("Password").fill(password);
  await worker.getByRole("button", { name: "Create account and join" }).click();
  await expect(worker.getByRole("heading", { name: "Your cases", exact: true })).toBeVisible();
  await expect(worker.getByText("No cases yet")).toBeVisible();

  // The owner assigns Client One to the caseworker.
  await page.goto("/");
  await page.getByRole("link", { name: "Client One case" }).click();
  await page.getByRole("link", { name: "Client One" }).click();
  await page.getByLabel("Caseworker for this client").selectOption({ label: "Cas Worker (caseworker)" });
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expectAccessible(page);

  // The caseworker now sees Client One only; Client Two's case is "not found".
  await worker.goto("/");
  await expect(worker.getByRole("link", { name: "Client One case" })).toBeVisible();
  await expect(worker.getByRole("link", { name: "Client Two case" })).toHaveCount(0);
  const response = await worker.goto(new URL(clientTwoCase).pathname);
  expect(response?.status()).toBe(404);
  await expect(worker.getByRole("link", { name: "Members" })).toHaveCount(0);

  // The caseworker makes an API token; the owner revokes it from the token page and it stops working.
  await worker.goto("/settings/tokens");
  await worker.getByLabel("Name").fill("Case import");
  await worker.getByRole("button", { name: "Make the token" }).click();
  const token = await worker.getByLabel("Token (read only)").inputValue();
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/subjects", { headers: auth })).status()).toBe(200);
  await page.goto("/settings/tokens");
  const theirs = page.getByRole("region", { name: "Other members' tokens" });
  await expect(theirs.getByRole("listitem").filter({ hasText: "Case import" })).toContainText("Cas Worker");
  await expectAccessible(page);
  await theirs.getByRole("link", { name: "Revoke Case import of Cas Worker" }).click();
  await expect(page.getByRole("heading", { name: "Revoke Cas Worker's token “Case import”?" })).toBeVisible();
  await page.getByRole("button", { name: "Revoke the token" }).click();
  await expect(page.getByText("The token was revoked.")).toBeVisible();
  await expect(page.getByText("No other member has an active token in this workspace.")).toBeVisible();
  expect((await request.get("/api/v1/subjects", { headers: auth })).status()).toBe(401);

  // The caseworker can switch to their personal workspace and back.
  await worker.getByLabel("Workspace").selectOption({ label: "Personal" });
  await worker.getByRole("button", { name: "Switch" }).click();
  await expect(worker.getByText("No cases yet")).toBeVisible();
  await other.close();
});
