// Browser tests in real Chromium. Playwright's own browser download is not possible on machines without
// internet access, so Debian's /usr/bin/chromium is used whenever Playwright's browser is absent.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromium } from "playwright-core";

const PORT = Number(process.env.E2E_PORT ?? 3199);
// The server's system mail goes to a real SMTP server the test worker runs (tests/e2e/fixtures.ts).
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
process.env.E2E_SMTP_PORT = String(SMTP_PORT);
const own = chromium.executablePath();
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(own) ? undefined : "/usr/bin/chromium");
// Each run gets a fresh data folder (new keys, empty database).
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "retract-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  // CI machines can be slower than a developer's; a condition that holds is still awaited, never skipped.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      RETRACT_DATA_DIR: dataDir,
      RETRACT_QUICK_EXIT_URL: `http://localhost:${PORT}/deadlines?left=1`,
      RETRACT_LOG_MAIL: "false",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(SMTP_PORT),
      // The test SMTP server speaks plain text on loopback, which the operator must allow explicitly.
      RETRACT_MAIL_PLAIN_LOOPBACK: "true",
      // Every browser test signs up from 127.0.0.1.
      RETRACT_SIGNUP_PER_HOUR: "100000",
      RETRACT_SKIP_BUILD: process.env.RETRACT_SKIP_BUILD ?? "false",
    },
  },
});
