// The progress chart: one line per state, drawn as SVG from coordinates the server worked out
// (app/dashboard/chart.server.ts), so it needs no JavaScript, no drawing library in the browser and no
// third-party script. The same numbers are in a table beside it, which is what a screen reader reads; the
// picture itself carries a name and a one-sentence description.
import { useId } from "react";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import { PROGRESS_LABELS, PROGRESS_SERIES, type Progress, type ProgressSeries } from "./progress";

// Each line has its own dash pattern as well as its colour, so the lines are told apart without colour.
const STYLE: Record<ProgressSeries, { colour: string; dash: string }> = {
  found: { colour: "#1d2a30", dash: "" },
  requested: { colour: "#1f4e5f", dash: "6 3" },
  said_removed: { colour: "#7a4d00", dash: "2 3" },
  removed: { colour: "#1c5e34", dash: "" },
  reappeared: { colour: "#8f1d1d", dash: "10 3 2 3" },
};
const SERIES = PROGRESS_SERIES.map((key) => ({ key, labelKey: PROGRESS_LABELS[key], ...STYLE[key] }));

export function ProgressChart({ data, title }: { data: Progress; title: string }) {
  const { t, locale } = useT();
  const dayLabel = (day: string) => formatDay(locale, day, "short");
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const last = data.points[data.points.length - 1];
  const { chart } = data;
  const period = t(data.bucket === "day" ? "chart.period.day" : "chart.period.week", {
    from: dayLabel(data.from),
    to: dayLabel(data.to),
  });
  const summary = last
    ? t("chart.summary", {
        found: last.found,
        requested: last.requested,
        saidRemoved: last.said_removed,
        removed: last.removed,
        reappeared: last.reappeared,
      })
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
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="chart"
      >
        <title>{title}</title>
        <desc id={descId}>{summary}</desc>
        {chart.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={chart.plot.left} x2={chart.plot.right} y1={t.y} y2={t.y} className="chart-grid" />
            <text x={chart.plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" className="chart-tick">
              {t.value}
            </text>
          </g>
        ))}
        {chart.xTicks.map(({ on, x }) => (
          <text key={`x${on}`} x={x} y={chart.plot.bottom + 18} textAnchor="middle" className="chart-tick">
            {dayLabel(on)}
          </text>
        ))}
        {SERIES.map((s) => (
          <path
            key={s.key}
            d={chart.paths[s.key]}
            fill="none"
            stroke={s.colour}
            strokeWidth={2.5}
            strokeDasharray={s.dash || undefined}
          />
        ))}
      </svg>
      <ul className="chart-legend" aria-label={t("chart.legendLabel")}>
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
            {t("chart.legendItem", { label: t(s.labelKey), count: last ? last[s.key] : 0 })}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t("chart.tableToggle")}</summary>
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
                <th scope="col">{t(data.bucket === "day" ? "chart.column.day" : "chart.column.week")}</th>
                {SERIES.map((s) => (
                  <th scope="col" key={s.key}>
                    {t(s.labelKey)}
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
