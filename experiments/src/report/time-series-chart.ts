import type { BandPoint } from './aggregate.js';
import { xAxisLinear, yAxis } from './axes.js';
import { chartSvg, noData, plotArea, type Plot } from './chart-frame.js';
import { clampToRange, axisTitle, type MetricInfo } from './metric-info.js';
import type { ArmStyle } from './palette.js';
import { finiteExtent, linearScale, niceTicks, type Scale } from './scale.js';
import { num, polygon, polyline, tag, text, tooltip } from './svg.js';

export const TIME_SERIES_SIZE = { width: 420, height: 250, margin: { top: 30, right: 14, bottom: 40, left: 58 } } as const;

export interface TimeSeriesSpec {
  metric: string;
  info: MetricInfo;
  series: { style: ArmStyle; points: BandPoint[] }[];
  /** Day range of the x axis, shared by all small multiples so they line up. */
  days: [number, number];
  scenario: readonly { day: number; label: string }[];
  /** The canary's share steps, drawn as markers in the canary arm's colour. */
  canary?: { style: ArmStyle; steps: readonly { day: number; share: number }[] };
}

/** The x axis title of every time series. */
export const TIME_AXIS = 'simulated time (days)';

/** Colour of a line that stands for several arms with the same values. */
const MERGED = '#555555';

/**
 * Arms whose daily values are all the same (every built-in arm answers every request, so their
 * success rates are all 1): drawn as one line, named for all of them, instead of lines on top of
 * each other of which only the last is visible.
 */
function mergeIdentical(series: TimeSeriesSpec['series']): { styles: ArmStyle[]; points: BandPoint[] }[] {
  const same = (a: BandPoint[], b: BandPoint[]) =>
    a.length === b.length &&
    a.every((p, i) => p.day === b[i].day && (p.mean === b[i].mean || (Number.isNaN(p.mean) && Number.isNaN(b[i].mean))) && p.half === b[i].half);
  const groups: { styles: ArmStyle[]; points: BandPoint[] }[] = [];
  for (const s of series) {
    const group = groups.find((g) => same(g.points, s.points));
    if (group) group.styles.push(s.style);
    else groups.push({ styles: [s.style], points: s.points });
  }
  return groups;
}

/** Splits a label into lines of at most `max` characters at spaces (a longer word gets its own line). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
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

function armMarks(s: { styles: ArmStyle[]; points: BandPoint[] }, x: Scale, y: Scale, range: readonly [number, number]): string {
  const merged = s.styles.length > 1;
  const arm = s.styles.map((st) => st.arm).join(', ');
  const colour = merged ? MERGED : s.styles[0].colour;
  const dash = merged ? '5 3' : s.styles[0].dash;
  const bandY = (v: number) => y(clampToRange(v, range));
  const bands = runs(s.points, (p) => Number.isFinite(p.mean) && p.n >= 2)
    .filter((run) => run.some((p) => p.half > 0))
    .map((run) => {
      const upper = run.map((p) => [x(p.day), bandY(p.mean + p.half)] as const);
      const lower = run.map((p) => [x(p.day), bandY(p.mean - p.half)] as const).reverse();
      return tag('path', { class: 'band', 'data-arm': arm, d: polygon([...upper, ...lower]), fill: colour, 'fill-opacity': 0.2 });
    });
  const lineRuns = runs(s.points, (p) => Number.isFinite(p.mean));
  const d = lineRuns.map((run) => polyline(run.map((p) => [x(p.day), y(p.mean)] as const))).join('');
  const name = merged ? `${s.styles.map((st) => st.arm).join(' = ')} (identical values)` : arm;
  const line = d
    ? tag(
        'path',
        { class: merged ? 'line merged' : 'line', 'data-arm': arm, d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash },
        tooltip(name),
      )
    : '';
  // A day with values on neither side would be an invisible one-point path: give it a dot.
  const dots = lineRuns
    .filter((run) => run.length === 1)
    .map((run) => tag('circle', { class: 'point', 'data-arm': arm, cx: x(run[0].day), cy: y(run[0].mean), r: 2.5, fill: colour }));
  // A merged line says whose it is, at its first point.
  const first = lineRuns[0]?.[0];
  const label = merged && first ? text(x(first.day) + 4, y(first.mean) - 5, name, { class: 'merged-label' }) : '';
  return tag('g', { class: 'arm', 'data-arm': arm }, ...bands, line, ...dots, label);
}

/** Characters of a scenario label per line written down the plot (9.5 px type, about 5.3 px a character). */
const scenarioLineChars = (plot: Plot) => Math.max(8, Math.floor((plot.height - 6) / 5.3));

function scenarioMarks(plot: Plot, x: Scale, spec: TimeSeriesSpec): string {
  const marks = spec.scenario
    .filter((e) => Number.isFinite(e.day) && e.day >= spec.days[0] && e.day <= spec.days[1])
    .map((e) => {
      const px = x(e.day);
      const full = `day ${e.day}: ${e.label}`;
      // Written down the line, so neighbouring events do not overwrite each other's labels; a
      // label longer than the plot is tall wraps onto further lines beside it, never cut.
      const lines = wrapLabel(e.label, scenarioLineChars(plot)).map((line, i) => {
        const lx = px + 3 + i * 10.5;
        return text(lx, plot.top + 3, line, { transform: `rotate(90 ${num(lx)} ${num(plot.top + 3)})` });
      });
      return tag(
        'g',
        { class: 'scenario', 'data-day': e.day },
        tooltip(full),
        tag('line', { x1: px, x2: px, y1: plot.top, y2: plot.top + plot.height, stroke: '#555555', 'stroke-dasharray': '4 3' }),
        ...lines,
      );
    });
  return tag('g', { class: 'scenarios' }, ...marks);
}

/** The canary's share steps: a dotted line in the canary's colour and its new share at the top. */
function canaryMarks(plot: Plot, x: Scale, spec: TimeSeriesSpec): string {
  if (!spec.canary) return '';
  const { style, steps } = spec.canary;
  const marks = steps
    .filter((st) => Number.isFinite(st.day) && st.day >= spec.days[0] && st.day <= spec.days[1])
    .map((st) => {
      const px = x(st.day);
      const share = `${Number((st.share * 100).toPrecision(3))}%`;
      return tag(
        'g',
        { class: 'canary-step', 'data-day': st.day },
        tooltip(`day ${st.day}: canary ${style.arm} grows to ${share} of users`),
        tag('line', { x1: px, x2: px, y1: plot.top, y2: plot.top + plot.height, stroke: style.colour, 'stroke-width': 1.5, 'stroke-dasharray': '1 3' }),
        tag('path', { d: `M${num(px - 5)} ${num(plot.top - 8)}h10l-5 7Z`, fill: style.colour }),
        text(px + 6, plot.top - 2, share, { class: 'canary-label' }),
      );
    });
  return tag('g', { class: 'canary-steps' }, ...marks);
}

/** One metric over simulated days: a line per arm (mean over replications), its 95% band, the scenario. */
export function timeSeriesChart(spec: TimeSeriesSpec): string {
  const { width, height, margin } = TIME_SERIES_SIZE;
  const plot = plotArea(width, height, margin);
  const xTicks = niceTicks(spec.days[0], spec.days[1], 6, true);
  const x = linearScale(xTicks.domain, [plot.left, plot.left + plot.width]);
  const { range } = spec.info;
  const values = spec.series.flatMap((s) => s.points.flatMap((p) => [p.mean, p.mean - p.half, p.mean + p.half].map((v) => clampToRange(v, range))));
  const extent = finiteExtent(values);
  const frame = { width, height, kind: 'time-series', metric: spec.metric, title: `${spec.info.label} (${spec.info.unit})` };
  const marks = () => scenarioMarks(plot, x, spec) + canaryMarks(plot, x, spec);
  if (!extent) {
    return chartSvg(frame, xAxisLinear(plot, x, xTicks, TIME_AXIS) + marks() + noData(plot, 'no finite values recorded'));
  }
  const yTicks = niceTicks(extent[0], extent[1], 5);
  const y = linearScale(yTicks.domain, [plot.top + plot.height, plot.top]);
  return chartSvg(
    frame,
    yAxis(plot, y, yTicks, axisTitle(spec.info)) +
      xAxisLinear(plot, x, xTicks, TIME_AXIS) +
      marks() +
      tag('g', { class: 'series' }, ...mergeIdentical(spec.series).map((s) => armMarks(s, x, y, range))),
  );
}
