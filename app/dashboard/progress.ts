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
export type Progress = {
  /** "day" or "week": each point is the count at the end of that day or week. */
  bucket: "day" | "week";
  from: string;
  to: string;
  points: ProgressPoint[];
};
