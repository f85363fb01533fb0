// Reads every setting from environment variables once, with zod; a bad value stops start-up naming the variable.
import { resolve } from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  RETRACT_DATA_DIR: z.string().min(1).default("./data"),
  RETRACT_BASE_URL: z.url().optional(),
  RETRACT_SECURE_COOKIES: bool.optional(),
  RETRACT_TRUST_PROXY: bool.default(false),
  RETRACT_MAX_UPLOAD_MB: z.coerce.number().positive().max(500).default(20),
  RETRACT_QUICK_EXIT_URL: z.url().default("https://www.bbc.co.uk/weather"),
  RETRACT_SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  RETRACT_LOG_MAIL: bool.optional(),
  // Sign-ups allowed per client address per hour.
  RETRACT_SIGNUP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  // Plain-text SMTP/IMAP only to a mail server on this machine, and only when set.
  RETRACT_MAIL_PLAIN_LOOPBACK: bool.default(false),
  MAIL_FROM: z.string().min(3).default("Retract <retract@localhost>"),
  // Scheduled backups (app/backup): off unless a folder is named; keep the newest N archives.
  RETRACT_BACKUP_DIR: z.string().min(1).optional(),
  RETRACT_BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
  RETRACT_BACKUP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(24),
  RETRACT_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(5000),
  // Tracking: hours between scheduled re-checks of an exposure (0 = no scheduled re-checks), minutes
  // between mailbox polls (0 = off), and the hour (UTC) the daily reminder digest goes out.
  RETRACT_RECHECK_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(24),
  RETRACT_IMAP_POLL_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  RETRACT_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // Recipient scorecards across the whole instance (de-identified counts, decision 113): off unless set.
  RETRACT_SHARE_SCORECARDS: bool.default(false),
});

export type Env = z.infer<typeof EnvSchema> & {
  dataDir: string;
  baseUrl: string;
  secureCookies: boolean;
  logMail: boolean;
};

let cached: Env | undefined;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset, so `FOO= npm start` behaves like not setting FOO.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Retract cannot start: some settings are not valid.\n${lines.join("\n")}`);
  }
  const env = result.data;
  const baseUrl = (env.RETRACT_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    ...env,
    dataDir: resolve(env.RETRACT_DATA_DIR),
    baseUrl,
    secureCookies: env.RETRACT_SECURE_COOKIES ?? baseUrl.startsWith("https://"),
    logMail: env.RETRACT_LOG_MAIL ?? !env.SMTP_HOST,
  };
}

export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
