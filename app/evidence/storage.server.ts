// Evidence files on disk: each one encrypted whole with AES-256-GCM under the data folder's evidence/.
// File layout: "RXE1", one byte key-id length, the key id, then IV | tag | ciphertext.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getEnv } from "~/env.server";
import { decryptBytes, encryptBytes } from "~/security/crypto.server";

const MAGIC = Buffer.from("RXE1");

export function evidenceDir() {
  return join(getEnv().dataDir, "evidence");
}

const pathFor = (storageKey: string) => {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(storageKey)) throw new Error("Invalid storage key");
  return join(evidenceDir(), storageKey);
};

export function writeEncryptedFile(storageKey: string, bytes: Buffer, context: string) {
  mkdirSync(evidenceDir(), { recursive: true, mode: 0o700 });
  const { keyId, payload } = encryptBytes(bytes, context);
  const id = Buffer.from(keyId, "utf8");
  const path = pathFor(storageKey);
  const tmp = `${path}.part`;
  writeFileSync(tmp, Buffer.concat([MAGIC, Buffer.from([id.length]), id, payload]), { mode: 0o600 });
  renameSync(tmp, path);
}

export function readEncryptedFile(storageKey: string, context: string) {
  const raw = readFileSync(pathFor(storageKey));
  if (!raw.subarray(0, 4).equals(MAGIC)) throw new Error("Not a Retract evidence file");
  const len = raw[4]!;
  const keyId = raw.subarray(5, 5 + len).toString("utf8");
  return decryptBytes(raw.subarray(5 + len), keyId, context);
}

export function deleteEncryptedFiles(storageKeys: string[]) {
  for (const k of storageKeys) rmSync(pathFor(k), { force: true });
}
