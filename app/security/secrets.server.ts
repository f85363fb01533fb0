// The data keys and session secret live in one file in the data folder, created on first start (mode 0600).
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const SecretsSchema = z.object({
  version: z.literal(1),
  sessionSecret: z.string().min(32),
  hmacKey: z.string().min(40),
  currentKeyId: z.string().min(1),
  dataKeys: z.record(z.string(), z.string().min(40)),
  // Set by key rotation (app/security/rotate.server.ts) while values under these keys are re-encrypted.
  retiring: z.array(z.string()).optional(),
});
export type Secrets = z.infer<typeof SecretsSchema>;

export const SECRETS_FILE = "secrets.json";

export function secretsPath(dataDir: string) {
  return join(dataDir, SECRETS_FILE);
}

/** Creates the data folder and the secrets file when missing. Returns whether it was created now. */
export function ensureSecrets(dataDir: string): { created: boolean; path: string } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = secretsPath(dataDir);
  if (existsSync(path)) return { created: false, path };
  const keyId = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
  const secrets: Secrets = {
    version: 1,
    sessionSecret: randomBytes(32).toString("base64url"),
    hmacKey: randomBytes(32).toString("base64"),
    currentKeyId: keyId,
    dataKeys: { [keyId]: randomBytes(32).toString("base64") },
  };
  writeSecrets(dataDir, secrets);
  return { created: true, path };
}

export function readSecrets(dataDir: string): Secrets {
  const path = secretsPath(dataDir);
  if (!existsSync(path)) {
    throw new Error(
      `No keys found at ${path}. Run "npm start" (or "npm run cli -- migrate") to create them.`,
    );
  }
  return SecretsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/** Replaces the secrets file atomically (write, fsync, rename): a crash leaves the old file or the new one. */
export function writeSecrets(dataDir: string, secrets: Secrets) {
  const path = secretsPath(dataDir);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(SecretsSchema.parse(secrets), null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
