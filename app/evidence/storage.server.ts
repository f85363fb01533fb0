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

export function evidencePath(storageKey: string, dir = evidenceDir()) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(storageKey)) throw new Error("Invalid storage key");
  return join(dir, storageKey);
}

/** The bytes of an evidence file: header with the key id, then the encrypted payload. */
export function formatEvidenceFile(keyId: string, payload: Buffer) {
  const id = Buffer.from(keyId, "utf8");
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, payload]);
}

/** Splits an evidence file into its key id and payload (key rotation reads the key id alone). */
export function parseEvidenceFile(raw: Buffer) {
  if (!raw.subarray(0, 4).equals(MAGIC)) throw new Error("Not a Retract evidence file");
  const len = raw[4]!;
  return { keyId: raw.subarray(5, 5 + len).toString("utf8"), payload: raw.subarray(5 + len) };
}

export function writeEncryptedFile(storageKey: string, bytes: Buffer, context: string) {
  mkdirSync(evidenceDir(), { recursive: true, mode: 0o700 });
  const { keyId, payload } = encryptBytes(bytes, context);
  const path = pathFor(storageKey);
  const tmp = `${path}.part`;
  writeFileSync(tmp, formatEvidenceFile(keyId, payload), { mode: 0o600 });
  renameSync(tmp, path);
}

export function readEncryptedFile(storageKey: string, context: string) {
  const { keyId, payload } = parseEvidenceFile(readFileSync(pathFor(storageKey)));
  return decryptBytes(payload, keyId, context);
}

export function deleteEncryptedFiles(storageKeys: string[]) {
  for (const k of storageKeys) rmSync(pathFor(k), { force: true });
}
