// Field and file encryption: AES-256-GCM with a random 96-bit IV per value and the key id stored with it.
// The "context" (e.g. "subject:<id>:name") is bound as associated data, so a ciphertext moved to another
// row or column fails to decrypt instead of showing the wrong person's data.
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { statSync } from "node:fs";
import { getEnv } from "~/env.server";
import { randomBytes } from "~/utils/random.server";
import { ensureSecrets, readSecrets, type Secrets, secretsPath } from "./secrets.server";

export type Keyring = {
  currentKeyId: string;
  keys: Map<string, Buffer>;
  hmacKey: Buffer;
  sessionSecret: string;
};

let keyring: Keyring | undefined;
// Key rotation (a separate CLI process) rewrites secrets.json; a running server notices within a second.
let loadedMtime = 0;
let checkedAt = 0;
const RELOAD_CHECK_MS = 1000;

export function keyringFromSecrets(s: Secrets): Keyring {
  const keys = new Map(Object.entries(s.dataKeys).map(([id, k]) => [id, Buffer.from(k, "base64")]));
  for (const [id, key] of keys) if (key.length !== 32) throw new Error(`Data key ${id} is not 256 bits`);
  if (!keys.has(s.currentKeyId)) throw new Error(`Current key ${s.currentKeyId} is missing from the keyring`);
  return {
    currentKeyId: s.currentKeyId,
    keys,
    hmacKey: Buffer.from(s.hmacKey, "base64"),
    sessionSecret: s.sessionSecret,
  };
}

function secretsMtime(dataDir: string) {
  try {
    return statSync(secretsPath(dataDir)).mtimeMs;
  } catch {
    return 0;
  }
}

export function getKeyring({ fresh = false } = {}): Keyring {
  const now = Date.now();
  if (keyring && (fresh || now - checkedAt > RELOAD_CHECK_MS)) {
    checkedAt = now;
    if (secretsMtime(getEnv().dataDir) !== loadedMtime) keyring = undefined;
  }
  if (!keyring) {
    const { dataDir, NODE_ENV } = getEnv();
    // Tests and development create keys on demand; production keys are created by the start script.
    if (NODE_ENV !== "production") ensureSecrets(dataDir);
    loadedMtime = secretsMtime(dataDir);
    checkedAt = now;
    keyring = keyringFromSecrets(readSecrets(dataDir));
  }
  return keyring;
}

export function resetKeyringForTests() {
  keyring = undefined;
}

const VERSION = "v1";

export class DecryptionError extends Error {
  constructor(message = "This value could not be decrypted: it was changed, or belongs elsewhere.") {
    super(message);
  }
}

export function encryptBytes(plain: Buffer, context: string, ring: Keyring = getKeyring()) {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(12); // from the shared pool (app/utils/random.server.ts)
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId: ring.currentKeyId, payload: Buffer.concat([iv, cipher.getAuthTag(), body]) };
}

export function decryptBytes(payload: Buffer, keyId: string, context: string, ring?: Keyring) {
  // A key id this process has not seen yet means a rotation started since the keyring was read: re-read it.
  const r = ring ?? getKeyring();
  const key = r.keys.get(keyId) ?? (ring ? undefined : getKeyring({ fresh: true }).keys.get(keyId));
  if (!key) throw new DecryptionError(`Key ${keyId} is not in the keyring.`);
  if (payload.length < 28) throw new DecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, payload.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(payload.subarray(12, 28));
    return Buffer.concat([decipher.update(payload.subarray(28)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** Encrypts a string into `v1.<keyId>.<base64url>`. */
export function encrypt(value: string, context: string, ring?: Keyring): string {
  const { keyId, payload } = encryptBytes(Buffer.from(value, "utf8"), context, ring);
  return `${VERSION}.${keyId}.${payload.toString("base64url")}`;
}

export function decrypt(token: string, context: string, ring?: Keyring): string {
  const [version, keyId, body] = token.split(".");
  if (version !== VERSION || !keyId || body === undefined)
    throw new DecryptionError("Unknown ciphertext format.");
  return decryptBytes(Buffer.from(body, "base64url"), keyId, context, ring).toString("utf8");
}

export function encryptJson(value: unknown, context: string, ring?: Keyring) {
  return encrypt(JSON.stringify(value), context, ring);
}

export function decryptJson<T>(token: string, context: string, ring?: Keyring): T {
  return JSON.parse(decrypt(token, context, ring)) as T;
}

/** Keyed HMAC-SHA256 for exact look-ups (emails, URLs) without storing the value. */
export function blindIndex(kind: string, value: string, ring: Keyring = getKeyring()) {
  return createHmac("sha256", ring.hmacKey).update(`${kind}\u0000${value}`).digest("base64url");
}

/** Which key encrypted a token (used by key rotation). */
export function keyIdOf(token: string) {
  return token.split(".")[1];
}
