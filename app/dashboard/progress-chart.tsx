// The progress chart: one line per state, drawn on the server as SVG (d3-scale for the axes, d3-shape for the
// lines), so it needs no JavaScript and no third-party script. The same numbers are in a table beside it, which
// is what a screen reader reads; the picture itself carries a name and a one-sentence description.
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { useId } from "react";
import {
  PROGRESS_LABELS,
  PROGRESS_SERIES,
  type Progress,
  type ProgressPoint,
  type ProgressSeries,
} from "./progress";

type Point = ProgressPoint;
type SeriesKey = ProgressSeries;

// Each line has its own dash pattern as well as its colour, so the lines are told apart without colour.
const STYLE: Record<SeriesKey, { colour: string; dash: string }> = {
  found: { colour: "#1d2a30", dash: "" },
  requested: { colour: "#1f4e5f", dash: "6 3" },
  said_removed: { colour: "#7a4d00", dash: "2 3" },
  removed: { colour: "#1c5e34", dash: "" },
  reappeared: { colour: "#8f1d1d", dash: "10 3 2 3" },
};
const SERIES = PROGRESS_SERIES.map((key) => ({ key, label: PROGRESS_LABELS[key], ...STYLE[key] }));

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 40 };

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

export function ProgressChart({ data, title }: { data: Progress; title: string }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const last = data.points[data.points.length - 1];
  const max = Math.max(1, ...data.points.flatMap((p) => SERIES.map((s) => p[s.key])));
  const x = scalePoint<string>()
    .domain(data.points.map((p) => p.on))
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yTicks = y.ticks(Math.min(5, y.domain()[1] ?? 1)).filter((t) => Number.isInteger(t));
  // At most about six dates under the axis, always the first and the last.
  const every = Math.max(1, Math.ceil(data.points.length / 6));
  const lastIndex = data.points.length - 1;
  const xTicks = data.points
    .filter((_, i) => i === lastIndex || (i % every === 0 && lastIndex - i >= every / 2))
    .map((p) => p.on);
  const path = (key: SeriesKey) =>
    line<Point>()
      .x((p) => x(p.on) ?? MARGIN.left)
      .y((p) => y(p[key]))(data.points) ?? "";
  const period =
    data.bucket === "day"
      ? `Counted at the end of each day from ${dayLabel(data.from)} to ${dayLabel(data.to)}.`
      : `Counted at the end of each week from ${dayLabel(data.from)} to ${dayLabel(data.to)}.`;
  const summary = last
    ? `Today: ${last.found} places found, ${last.requested} requested, ${last.said_removed} they say are removed, ${last.removed} removed and checked, ${last.reappeared} back up again.`
    : "";
  return (
    <figure className="progress-chart stack small">
      <figcaption>
        <h2 className="h3" id={titleId}>
          {title}
        </h2>
        <p className="muted">{period}</p>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="chart"
      >
        <title>{title}</title>
        <desc id={descId}>{summary}</desc>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        {xTicks.map((on) => (
          <text
            key={`x${on}`}
            x={x(on)}
            y={HEIGHT - MARGIN.bottom + 18}
            textAnchor="middle"
            className="chart-tick"
          >
            {dayLabel(on)}
          </text>
        ))}
        {SERIES.map((s) => (
          <path
            key={s.key}
            d={path(s.key)}
            fill="none"
            stroke={s.colour}
            strokeWidth={2.5}
            strokeDasharray={s.dash || undefined}
          />
        ))}
      </svg>
      <ul className="chart-legend" aria-label="What the lines are">
        {SERIES.map((s) => (
          <li key={s.key}>
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line
                x1="0"
                x2="28"
                y1="5"
                y2="5"
                stroke={s.colour}
                strokeWidth={2.5}
                strokeDasharray={s.dash || undefined}
              />
            </svg>{" "}
            {s.label}: {last ? last[s.key] : 0}
          </li>
        ))}
      </ul>
      <details>
        <summary>The numbers as a table</summary>
        <section
          className="table-scroll"
          aria-label={title}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
        >
          <table className="data-table">
            <caption>{period}</caption>
            <thead>
              <tr>
                <th scope="col">{data.bucket === "day" ? "Day" : "Week ending"}</th>
                {SERIES.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.points.map((p) => (
                <tr key={p.on}>
                  <th scope="row">{dayLabel(p.on)}</th>
                  {SERIES.map((s) => (
                    <td key={s.key}>{p[s.key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
