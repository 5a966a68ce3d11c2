import { xAxisBands, yAxis } from './axes.js';
import { chartSvg, noData, plotArea } from './chart-frame.js';
import { axisTitle, type MetricInfo } from './metric-info.js';
import type { ArmStyle } from './palette.js';
import { fiveNumbers } from './quantile.js';
import { finiteExtent, linearScale, niceTicks, type Scale } from './scale.js';
import { tag, tooltip } from './svg.js';

export interface DistributionSpec {
  metric: string;
  info: MetricInfo;
  /** e.g. "mean of days 23-29 per replication". */
  subtitle: string;
  arms: { style: ArmStyle; values: number[] }[];
}

const MARGIN = { top: 42, right: 14, bottom: 44, left: 58 } as const;
const HEIGHT = 250;
const MIN_WIDTH = 330;
const BAND = 84;

/** Golden-ratio offsets: dots spread evenly across the strip, the same on every run (no randomness). */
function jitter(i: number): number {
  return ((i * 0.6180339887498949) % 1) - 0.5;
}

function armColumn(style: ArmStyle, values: readonly number[], cx: number, half: number, y: Scale): string {
  if (values.length === 0) return '';
  const f = fiveNumbers(values);
  const box =
    values.length >= 3
      ? [
          tag('line', { class: 'whisker', x1: cx, x2: cx, y1: y(f.min), y2: y(f.max), stroke: style.colour }),
          tag('rect', {
            class: 'box',
            x: cx - half,
            y: y(f.q3),
            width: 2 * half,
            height: Math.max(1, y(f.q1) - y(f.q3)),
            fill: style.colour,
            'fill-opacity': 0.15,
            stroke: style.colour,
          }),
        ]
      : [];
  const median = tag('line', { class: 'median', x1: cx - half, x2: cx + half, y1: y(f.median), y2: y(f.median), stroke: style.colour, 'stroke-width': 2.5 });
  const dots = values.map((v, i) =>
    tag('circle', { class: 'replication', cx: cx + jitter(i) * half * 1.4, cy: y(v), r: 3.2, fill: style.colour, 'fill-opacity': 0.85 }),
  );
  const summary = `${style.arm}: ${values.length} replication${values.length === 1 ? '' : 's'}, median ${f.median.toPrecision(4)}, range ${f.min.toPrecision(4)} to ${f.max.toPrecision(4)}`;
  return tag('g', { class: 'arm', 'data-arm': style.arm }, tooltip(summary), ...box, median, ...dots);
}

/**
 * Each replication's final value per arm: a dot per replication over a box plot (quartiles,
 * median, whiskers to the extremes; boxes only from three replications, below that the median).
 */
export function distributionChart(spec: DistributionSpec): string {
  const width = Math.max(MIN_WIDTH, MARGIN.left + MARGIN.right + spec.arms.length * BAND);
  const plot = plotArea(width, HEIGHT, MARGIN);
  const band = plot.width / Math.max(1, spec.arms.length);
  const centre = (i: number) => plot.left + band * (i + 0.5);
  const frame = { width, height: HEIGHT, kind: 'distribution', metric: spec.metric, title: `${spec.info.label} (${spec.info.unit})`, subtitle: spec.subtitle };
  const names = spec.arms.map((a) => a.style.arm);
  const maxChars = Math.max(4, Math.floor(band / 6));
  const extent = finiteExtent(spec.arms.flatMap((a) => a.values));
  if (!extent) return chartSvg(frame, xAxisBands(plot, names, centre, maxChars, 'arm') + noData(plot, 'no finite final values'));
  const ticks = niceTicks(extent[0], extent[1], 5);
  const y = linearScale(ticks.domain, [plot.top + plot.height, plot.top]);
  const half = Math.min(20, band * 0.3);
  return chartSvg(
    frame,
    yAxis(plot, y, ticks, axisTitle(spec.info)) +
      xAxisBands(plot, names, centre, maxChars, 'arm') +
      tag('g', { class: 'series' }, ...spec.arms.map((a, i) => armColumn(a.style, a.values.filter(Number.isFinite), centre(i), half, y))),
  );
}
