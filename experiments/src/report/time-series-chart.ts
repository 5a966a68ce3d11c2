import type { BandPoint } from './aggregate.js';
import { xAxisLinear, yAxis } from './axes.js';
import { chartSvg, noData, plotArea, type Plot } from './chart-frame.js';
import { truncate } from './escape.js';
import type { ArmStyle } from './palette.js';
import { finiteExtent, linearScale, niceTicks, type Scale } from './scale.js';
import { num, polygon, polyline, tag, text, tooltip } from './svg.js';

export const TIME_SERIES_SIZE = { width: 420, height: 250, margin: { top: 30, right: 14, bottom: 40, left: 58 } } as const;

export interface TimeSeriesSpec {
  metric: string;
  label: string;
  series: { style: ArmStyle; points: BandPoint[] }[];
  /** Day range of the x axis, shared by all small multiples so they line up. */
  days: [number, number];
  scenario: readonly { day: number; label: string }[];
}

/** Runs of consecutive points that satisfy `keep`: a NaN day breaks the line instead of bridging it. */
function runs(points: readonly BandPoint[], keep: (p: BandPoint) => boolean): BandPoint[][] {
  const out: BandPoint[][] = [];
  let current: BandPoint[] = [];
  for (const p of points) {
    if (keep(p)) current.push(p);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function armMarks(s: TimeSeriesSpec['series'][number], x: Scale, y: Scale): string {
  const { style } = s;
  const bands = runs(s.points, (p) => Number.isFinite(p.mean) && p.n >= 2)
    .filter((run) => run.some((p) => p.half > 0))
    .map((run) => {
      const upper = run.map((p) => [x(p.day), y(p.mean + p.half)] as const);
      const lower = run.map((p) => [x(p.day), y(p.mean - p.half)] as const).reverse();
      return tag('path', { class: 'band', 'data-arm': style.arm, d: polygon([...upper, ...lower]), fill: style.colour, 'fill-opacity': 0.2 });
    });
  const lineRuns = runs(s.points, (p) => Number.isFinite(p.mean));
  const d = lineRuns.map((run) => polyline(run.map((p) => [x(p.day), y(p.mean)] as const))).join('');
  const line = d
    ? tag('path', { class: 'line', 'data-arm': style.arm, d, fill: 'none', stroke: style.colour, 'stroke-width': 2, 'stroke-dasharray': style.dash }, tooltip(style.arm))
    : '';
  // A day with values on neither side would be an invisible one-point path: give it a dot.
  const dots = lineRuns
    .filter((run) => run.length === 1)
    .map((run) => tag('circle', { class: 'point', 'data-arm': style.arm, cx: x(run[0].day), cy: y(run[0].mean), r: 2.5, fill: style.colour }));
  return tag('g', { class: 'arm', 'data-arm': style.arm }, ...bands, line, ...dots);
}

function scenarioMarks(plot: Plot, x: Scale, spec: TimeSeriesSpec): string {
  const marks = spec.scenario
    .filter((e) => Number.isFinite(e.day) && e.day >= spec.days[0] && e.day <= spec.days[1])
    .map((e) => {
      const px = x(e.day);
      const full = `day ${e.day}: ${e.label}`;
      return tag(
        'g',
        { class: 'scenario', 'data-day': e.day },
        tooltip(full),
        tag('line', { x1: px, x2: px, y1: plot.top, y2: plot.top + plot.height, stroke: '#555555', 'stroke-dasharray': '4 3' }),
        // Written down the line, so neighbouring events do not overwrite each other's labels.
        text(px + 3, plot.top + 3, truncate(e.label, 28), { transform: `rotate(90 ${num(px + 3)} ${num(plot.top + 3)})` }),
      );
    });
  return tag('g', { class: 'scenarios' }, ...marks);
}

/** One metric over simulated days: a line per arm (mean over replications), its 95% band, the scenario. */
export function timeSeriesChart(spec: TimeSeriesSpec): string {
  const { width, height, margin } = TIME_SERIES_SIZE;
  const plot = plotArea(width, height, margin);
  const xTicks = niceTicks(spec.days[0], spec.days[1], 6, true);
  const x = linearScale(xTicks.domain, [plot.left, plot.left + plot.width]);
  const values = spec.series.flatMap((s) => s.points.flatMap((p) => [p.mean, p.mean - p.half, p.mean + p.half]));
  const extent = finiteExtent(values);
  const frame = { width, height, kind: 'time-series', metric: spec.metric, title: spec.label };
  if (!extent) {
    return chartSvg(frame, xAxisLinear(plot, x, xTicks, 'simulated day') + scenarioMarks(plot, x, spec) + noData(plot, 'no finite values recorded'));
  }
  const yTicks = niceTicks(extent[0], extent[1], 5);
  const y = linearScale(yTicks.domain, [plot.top + plot.height, plot.top]);
  return chartSvg(
    frame,
    yAxis(plot, y, yTicks, 'mean over replications') +
      xAxisLinear(plot, x, xTicks, 'simulated day') +
      scenarioMarks(plot, x, spec) +
      tag('g', { class: 'series' }, ...spec.series.map((s) => armMarks(s, x, y))),
  );
}
