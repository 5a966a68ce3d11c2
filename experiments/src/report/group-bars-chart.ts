import { xAxisBands, yAxis } from './axes.js';
import { chartSvg, noData, plotArea } from './chart-frame.js';
import { axisTitle, type MetricInfo } from './metric-info.js';
import type { ArmStyle } from './palette.js';
import { finiteExtent, linearScale, niceTicks } from './scale.js';
import { num, tag, tooltip } from './svg.js';

/** Mean over replications of a group's final value, its 95% half-width, replications counted. */
export interface GroupValue {
  mean: number;
  half: number;
  n: number;
}

export interface GroupBarsSpec {
  metric: string;
  info: MetricInfo;
  subtitle: string;
  groups: string[];
  /** What the groups are, for the axis and the title (default: user groups). */
  groupAxis?: { title: string; by: string };
  /** values[g] belongs to groups[g]. */
  arms: { style: ArmStyle; values: GroupValue[] }[];
}

const MARGIN = { top: 42, right: 14, bottom: 44, left: 58 } as const;
const HEIGHT = 250;
const MIN_WIDTH = 420;
const BAR = 14;
const GAP = 18;

/**
 * A user-group (fairness) metric: for each group, one bar per arm from zero to the mean final
 * value over replications, with a 95% whisker when there are several replications. A sweep's
 * report draws its points as the groups (`groupAxis`).
 */
export function groupBarsChart(spec: GroupBarsSpec): string {
  const perGroup = spec.arms.length * BAR + GAP;
  const width = Math.max(MIN_WIDTH, MARGIN.left + MARGIN.right + spec.groups.length * perGroup);
  const plot = plotArea(width, HEIGHT, MARGIN);
  const band = plot.width / Math.max(1, spec.groups.length);
  const centre = (g: number) => plot.left + band * (g + 0.5);
  const bar = Math.min(BAR * 2, (band - GAP) / Math.max(1, spec.arms.length));
  const frame = {
    width,
    height: HEIGHT,
    kind: 'group-bars',
    metric: spec.metric,
    title: `${spec.info.label}, by ${spec.groupAxis?.by ?? 'user group'} (${spec.info.unit})`,
    subtitle: spec.subtitle,
  };
  const maxChars = Math.max(4, Math.floor(band / 6));
  const extent = finiteExtent(spec.arms.flatMap((a) => a.values.flatMap((v) => [v.mean, v.mean - v.half, v.mean + v.half])));
  const axisTitleText = spec.groupAxis?.title ?? 'user group';
  if (!extent) return chartSvg(frame, xAxisBands(plot, spec.groups, centre, maxChars, axisTitleText) + noData(plot, 'no finite group values'));
  // Bars are read by their length, so the axis always includes zero.
  const ticks = niceTicks(Math.min(0, extent[0]), Math.max(0, extent[1]), 5);
  const y = linearScale(ticks.domain, [plot.top + plot.height, plot.top]);
  const marks = spec.arms.map((arm, a) => {
    const bars = arm.values.map((v, g) => {
      if (!Number.isFinite(v.mean)) return '';
      const x = centre(g) - (bar * spec.arms.length) / 2 + a * bar;
      const top = Math.min(y(v.mean), y(0));
      const parts = [
        tooltip(
          `${arm.style.arm}, ${spec.groups[g]}: ${v.mean.toPrecision(4)}${v.n >= 2 ? ` ± ${v.half.toPrecision(3)}` : ''} (${v.n} replication${v.n === 1 ? '' : 's'})`,
        ),
        tag('rect', { class: 'bar', x: x + 1, y: top, width: Math.max(1, bar - 2), height: Math.max(0.5, Math.abs(y(v.mean) - y(0))), fill: arm.style.colour }),
      ];
      if (v.n >= 2 && v.half > 0) {
        const cx = x + bar / 2;
        const [lo, hi] = [num(y(v.mean - v.half)), num(y(v.mean + v.half))];
        parts.push(
          tag('path', { class: 'error', d: `M${num(cx)} ${lo}V${hi}M${num(cx - 3)} ${lo}h6M${num(cx - 3)} ${hi}h6`, stroke: '#222222', fill: 'none' }),
        );
      }
      return tag('g', { 'data-group': spec.groups[g] }, ...parts);
    });
    return tag('g', { class: 'arm', 'data-arm': arm.style.arm }, ...bars);
  });
  return chartSvg(
    frame,
    yAxis(plot, y, ticks, axisTitle(spec.info)) + xAxisBands(plot, spec.groups, centre, maxChars, axisTitleText) + tag('g', { class: 'series' }, ...marks),
  );
}
