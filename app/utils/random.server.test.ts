import { describe, expect, it } from "vitest";
import { newId } from "./ids.server";
import { randomBytes } from "./random.server";

describe("pooled random bytes", () => {
  it("hands out each byte once, across refills, and copies it out of the pool", () => {
    // 1,000 × 12 bytes spans three refills of the 4 KB pool.
    const values = Array.from({ length: 1000 }, () => randomBytes(12));
    expect(values.every((v) => v.length === 12)).toBe(true);
    expect(new Set(values.map((v) => v.toString("hex"))).size).toBe(1000);
    const first = Buffer.from(values[0]!);
    for (let i = 0; i < 1000; i++) randomBytes(12);
    expect(values[0]).toEqual(first); // a later refill does not change a value already handed out
  });

  it("serves a request larger than the pool on its own", () => {
    const big = randomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200); // not zeros, not a repeated pattern
  });

  it("makes distinct, URL-safe ids", () => {
    const ids = Array.from({ length: 5000 }, newId);
    expect(new Set(ids).size).toBe(5000);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{16}$/.test(id))).toBe(true);
  });
});
