// The vocabulary of the progress chart: its lines, in the order a place moves through them, and their words.
// "found" is every place recorded so far; the others are places in that state (app/exposures/categories.ts).

import type { MessageKey } from "~/i18n/translate";

export const PROGRESS_SERIES = ["found", "requested", "said_removed", "removed", "reappeared"] as const;
export type ProgressSeries = (typeof PROGRESS_SERIES)[number];

/** Each line's words: a message in the page's language (app/i18n/locales). */
export const PROGRESS_LABELS = {
  found: "progress.series.found",
  requested: "progress.series.requested",
  said_removed: "progress.series.said_removed",
  removed: "progress.series.removed",
  reappeared: "progress.series.reappeared",
} as const satisfies Record<ProgressSeries, MessageKey>;

export type ProgressPoint = { on: string } & Record<ProgressSeries, number>;
/** The chart's finished coordinates in SVG units, computed on the server (app/dashboard/chart.server.ts). */
export type ChartGeometry = {
  width: number;
  height: number;
  /** The plot area's edges: grid lines run from left to right, date labels sit under bottom. */
  plot: { left: number; right: number; bottom: number };
  yTicks: { value: number; y: number }[];
  xTicks: { on: string; x: number }[];
  paths: Record<ProgressSeries, string>;
};

export type Progress = {
  /** "day" or "week": each point is the count at the end of that day or week. */
  bucket: "day" | "week";
  from: string;
  to: string;
  points: ProgressPoint[];
  chart: ChartGeometry;
};
