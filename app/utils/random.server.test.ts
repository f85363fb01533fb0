import { describe, expect, it, vi } from "vitest";
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
    expect(ids.every((id) => /^[0-9a-z]{9}[A-Za-z0-9_-]{16}$/.test(id))).toBe(true);
  });

  it("makes ids that sort by the time they were made, as SQLite compares text", () => {
    vi.useFakeTimers();
    try {
      const ids: string[] = [];
      for (const t of [
        Date.UTC(2026, 0, 1),
        Date.UTC(2026, 0, 1) + 1,
        Date.UTC(2027, 5, 1),
        Date.UTC(2100, 0, 1),
      ]) {
        vi.setSystemTime(t);
        ids.push(newId(), newId());
      }
      const byBytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      // Two ids of the same millisecond may come in either order; ids of different times never.
      expect(byBytes.map((id) => id.slice(0, 9))).toEqual(ids.map((id) => id.slice(0, 9)));
      expect(new Set(ids.map((id) => id.slice(0, 9))).size).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
