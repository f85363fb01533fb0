import { describe, expect, it } from "vitest";
import { chartGeometry } from "./chart.server";
import type { ProgressPoint } from "./progress";

const point = (on: string, found: number, removed = 0): ProgressPoint => ({
  on,
  found,
  requested: 0,
  said_removed: 0,
  removed,
  reappeared: 0,
});

/** The path's corners as [x, y] pairs ("M40,226L192,172…"). */
const corners = (d: string) =>
  d
    .replace(/^M/, "")
    .split("L")
    .map((pair) => pair.split(",").map(Number));

describe("the progress chart's geometry", () => {
  const points = [
    point("2026-11-01", 0),
    point("2026-11-02", 1),
    point("2026-11-03", 2),
    point("2026-11-04", 4, 1),
    point("2026-11-05", 4, 3),
  ];
  const g = chartGeometry(points);

  it("draws each line through one corner per day, left to right, the highest count at the top", () => {
    const found = corners(g.paths.found);
    expect(found).toHaveLength(points.length);
    expect(found[0]).toEqual([g.plot.left, g.plot.bottom]);
    expect(found.at(-1)![0]).toBe(g.plot.right);
    const top = Math.min(...found.map(([, y]) => y!));
    expect(found.at(-1)![1]).toBe(top);
    expect(found.map(([x]) => x)).toEqual([...found.map(([x]) => x!)].sort((a, b) => a - b));
    // Three removed of four found sits three quarters of the way up.
    const removed = corners(g.paths.removed);
    expect(removed.at(-1)![1]).toBeCloseTo(g.plot.bottom - 0.75 * (g.plot.bottom - top), 5);
    // A line that stays at nought lies on the axis.
    expect(new Set(corners(g.paths.reappeared).map(([, y]) => y))).toEqual(new Set([g.plot.bottom]));
  });

  it("labels whole numbers only, and the first and last day", () => {
    expect(g.yTicks.every((t) => Number.isInteger(t.value))).toBe(true);
    expect(g.yTicks.map((t) => t.value)).toContain(4);
    expect(g.yTicks.find((t) => t.value === 0)?.y).toBe(g.plot.bottom);
    expect(g.xTicks[0]).toEqual({ on: "2026-11-01", x: g.plot.left });
    expect(g.xTicks.at(-1)).toEqual({ on: "2026-11-05", x: g.plot.right });
  });

  it("keeps about six dates under a long axis", () => {
    const long = Array.from({ length: 40 }, (_, i) =>
      point(`2026-10-${String((i % 28) + 1).padStart(2, "0")}-${i}`, i),
    );
    const ticks = chartGeometry(long).xTicks;
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.at(-1)?.on).toBe(long.at(-1)?.on);
  });

  it("draws a case with nothing counted yet without dividing by nought", () => {
    const flat = chartGeometry([point("2026-11-01", 0), point("2026-11-02", 0)]);
    expect(flat.paths.found).not.toMatch(/NaN|Infinity/);
    expect(flat.yTicks.map((t) => t.value)).toEqual([0, 1]);
  });
});
