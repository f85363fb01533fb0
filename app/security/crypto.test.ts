import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blindIndex, DecryptionError, decrypt, encrypt, type Keyring } from "./crypto.server";

function ring(currentKeyId = "k1", extra: Record<string, Buffer> = {}): Keyring {
  return {
    currentKeyId,
    keys: new Map([["k1", randomBytes(32)], ...Object.entries(extra)]),
    hmacKey: randomBytes(32),
    sessionSecret: "s".repeat(40),
  };
}

describe("field encryption", () => {
  const r = ring();

  it("round-trips text, including non-Latin scripts", () => {
    for (const text of ["Jane Doe", "12 Rue de la Paix, 75002 Paris", "홍길동 서울특별시", "", "😀"]) {
      expect(decrypt(encrypt(text, "subject:a:name", r), "subject:a:name", r)).toBe(text);
    }
  });

  it("uses a fresh IV each time, so equal values do not look equal", () => {
    expect(encrypt("same", "c", r)).not.toBe(encrypt("same", "c", r));
  });

  it("does not contain the plaintext", () => {
    expect(encrypt("Jane Doe", "c", r)).not.toContain("Jane");
  });

  it("detects a changed ciphertext", () => {
    const token = encrypt("Jane Doe", "c", r);
    const [v, k, body] = token.split(".");
    const bytes = Buffer.from(body!, "base64url");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decrypt(`${v}.${k}.${bytes.toString("base64url")}`, "c", r)).toThrow(DecryptionError);
  });

  it("refuses a ciphertext moved to another row or field", () => {
    const token = encrypt("Jane Doe", "subject:a:name", r);
    expect(() => decrypt(token, "subject:b:name", r)).toThrow(DecryptionError);
  });

  it("refuses an unknown key id and a malformed token", () => {
    const token = encrypt("x", "c", r).replace(".k1.", ".k9.");
    expect(() => decrypt(token, "c", r)).toThrow(DecryptionError);
    expect(() => decrypt("garbage", "c", r)).toThrow(DecryptionError);
  });

  it("still reads values written under an older key after rotation", () => {
    const old = ring("k1");
    const token = encrypt("kept", "c", old);
    const rotated: Keyring = {
      ...old,
      currentKeyId: "k2",
      keys: new Map([...old.keys, ["k2", randomBytes(32)]]),
    };
    expect(decrypt(token, "c", rotated)).toBe("kept");
    expect(encrypt("new", "c", rotated).split(".")[1]).toBe("k2");
  });

  it("blind indexes are stable per key and differ between kinds", () => {
    expect(blindIndex("email", "a@b.c", r)).toBe(blindIndex("email", "a@b.c", r));
    expect(blindIndex("email", "a@b.c", r)).not.toBe(blindIndex("phone", "a@b.c", r));
    expect(blindIndex("email", "a@b.c", r)).not.toBe(blindIndex("email", "a@b.c", ring()));
  });
});
