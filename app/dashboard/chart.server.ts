// The progress chart's geometry, worked out on the server (d3-scale for the axes, d3-shape for the lines) so the
// browser receives finished SVG coordinates and none of the drawing library: the page stays within its
// first-load budget and the chart needs no JavaScript at all (decision 128).
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { type ChartGeometry, PROGRESS_SERIES, type ProgressPoint } from "./progress";

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 40 };

export function chartGeometry(points: ProgressPoint[]): ChartGeometry {
  const max = Math.max(1, ...points.flatMap((p) => PROGRESS_SERIES.map((key) => p[key])));
  const x = scalePoint<string>()
    .domain(points.map((p) => p.on))
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yTicks = y
    .ticks(Math.min(5, y.domain()[1] ?? 1))
    .filter((t) => Number.isInteger(t))
    .map((value) => ({ value, y: y(value) }));
  // At most about six dates under the axis, always the first and the last.
  const every = Math.max(1, Math.ceil(points.length / 6));
  const lastIndex = points.length - 1;
  const xTicks = points
    .filter((_, i) => i === lastIndex || (i % every === 0 && lastIndex - i >= every / 2))
    .map((p) => ({ on: p.on, x: x(p.on) ?? MARGIN.left }));
  const paths = Object.fromEntries(
    PROGRESS_SERIES.map((key) => [
      key,
      line<ProgressPoint>()
        .x((p) => x(p.on) ?? MARGIN.left)
        .y((p) => y(p[key]))(points) ?? "",
    ]),
  ) as ChartGeometry["paths"];
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: { left: MARGIN.left, right: WIDTH - MARGIN.right, bottom: HEIGHT - MARGIN.bottom },
    yTicks,
    xTicks,
    paths,
  };
}
