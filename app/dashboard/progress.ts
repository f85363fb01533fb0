// The vocabulary of the progress chart: its lines, in the order a place moves through them, and their words.
// "found" is every place recorded so far; the others are places in that state (app/exposures/categories.ts).

export const PROGRESS_SERIES = ["found", "requested", "said_removed", "removed", "reappeared"] as const;
export type ProgressSeries = (typeof PROGRESS_SERIES)[number];

/** Words for each line, kept whole so they can be translated. */
export const PROGRESS_LABELS: Record<ProgressSeries, string> = {
  found: "Places found",
  requested: "Removal requested",
  said_removed: "They say it is removed",
  removed: "Removed (checked)",
  reappeared: "Back up again",
};

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
