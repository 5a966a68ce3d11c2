import { finite } from './aggregate.js';
import { xAxisLinear } from './axes.js';
import { chartSvg, noData, plotArea } from './chart-frame.js';
import { rankBandLabels } from '../metrics/consumption-histogram.js';
import type { DayMetrics } from '../recorder/day-metrics.js';
import type { ArmStyle } from './palette.js';
import { linearScale, niceTicks } from './scale.js';
import { num, tag, text, tooltip } from './svg.js';
import { TIME_AXIS } from './time-series-chart.js';

const SIZE = { width: 420, height: 270, margin: { top: 30, right: 64, bottom: 40, left: 76 } } as const;
export const RANK_AXIS = 'item rank that day (rank)';
export const SHARE_AXIS = "day's consumption (%)";

/**
 * White to dark blue: a sequential scale that prints and reads for colour-blind readers alike,
 * on the square root of the share, so that the long tail's small shares still show.
 */
const LOW = [247, 251, 255];
const HIGH = [8, 48, 107];

function colour(t: number): string {
  const c = LOW.map((lo, i) => Math.round(lo + (HIGH[i] - lo) * Math.min(1, Math.max(0, t))));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Per day, the mean over replications of each rank band's share (days without consumption left out). */
export function meanHistograms(rows: readonly DayMetrics[]): Map<number, number[]> {
  const sums = new Map<number, { shares: number[]; n: number }>();
  for (const row of rows) {
    const shares = Array.isArray(row.consumptionHistogram) ? row.consumptionHistogram : [];
    const day = finite(row.day);
    if (shares.length === 0 || Number.isNaN(day)) continue;
    let acc = sums.get(day);
    if (!acc) sums.set(day, (acc = { shares: [], n: 0 }));
    shares.forEach((s, b) => (acc.shares[b] = (acc.shares[b] ?? 0) + finite(s)));
    acc.n++;
  }
  return new Map([...sums.entries()].sort(([a], [b]) => a - b).map(([day, acc]) => [day, Array.from(acc.shares, (s) => (s ?? 0) / acc.n)]));
}

/**
 * One arm's per-item consumption histogram over time, T-RECS style: each column a simulated day,
 * each row a band of item ranks by that day's consumption (1, 2-3, 4-7, ...: the head item by
 * item, the long tail in wide bands), shaded by the share of that day's consumption in the band.
 * An arm that concentrates consumption darkens the top rows; one that spreads it, the lower ones.
 * `max` is the largest share over all arms, so that every arm's chart shades on the same scale.
 */
export function consumptionChart(style: ArmStyle, histograms: ReadonlyMap<number, readonly number[]>, days: [number, number], max: number): string {
  const { width, height, margin } = SIZE;
  const plot = plotArea(width, height, margin);
  const xTicks = niceTicks(days[0], days[1], 6, true);
  const x = linearScale([xTicks.domain[0] - 0.5, xTicks.domain[1] + 0.5], [plot.left, plot.left + plot.width]);
  const frame = { width, height, kind: 'consumption', metric: 'consumptionHistogram', title: `consumption by item rank: ${style.arm} (% of the day)` };
  const bands = Math.max(0, ...[...histograms.values()].map((h) => h.length));
  const axis = xAxisLinear(plot, x, xTicks, TIME_AXIS);
  const yTitle = text(11, plot.top + plot.height / 2, RANK_AXIS, {
    class: 'axis-label',
    'text-anchor': 'middle',
    transform: `rotate(-90 11 ${num(plot.top + plot.height / 2)})`,
  });
  if (bands === 0) return chartSvg(frame, tag('g', { class: 'axis y' }, yTitle) + axis + noData(plot, 'nothing was consumed'));
  const labels = rankBandLabels(bands);
  const rowHeight = plot.height / bands;
  const cellWidth = Math.max(1, x(1) - x(0));
  const cells: string[] = [];
  for (const [day, shares] of histograms) {
    shares.forEach((share, b) => {
      if (share <= 0) return;
      cells.push(
        tag(
          'rect',
          { class: 'cell', x: x(day) - cellWidth / 2, y: plot.top + b * rowHeight, width: cellWidth, height: rowHeight, fill: colour(Math.sqrt(share / max)) },
          tooltip(`day ${day}, ranks ${labels[b]}: ${(share * 100).toFixed(1)}%`),
        ),
      );
    });
  }
  // Rank labels on the left, as many as fit.
  const every = Math.max(1, Math.ceil(11 / rowHeight));
  const ticks = labels.map((label, b) => (b % every === 0 ? text(plot.left - 6, plot.top + (b + 0.5) * rowHeight + 3.5, label, { 'text-anchor': 'end' }) : ''));
  // The colour key on the right: 0% to the largest share.
  const key = plot.left + plot.width + 14;
  const steps = 20;
  const keyCells = Array.from({ length: steps }, (_, i) =>
    tag('rect', {
      x: key,
      y: plot.top + plot.height - ((i + 1) * plot.height) / steps,
      width: 10,
      height: plot.height / steps + 0.5,
      fill: colour((i + 0.5) / steps),
    }),
  );
  const keyX = key + 5;
  const keyY = plot.top + plot.height / 2;
  const legend = tag(
    'g',
    { class: 'colour-key' },
    ...keyCells,
    text(key + 13, plot.top + 8, `${(max * 100).toFixed(0)}%`),
    text(key + 13, plot.top + plot.height / 2 + 3.5, `${((max / 4) * 100).toFixed(0)}%`),
    text(key + 13, plot.top + plot.height, '0%'),
    text(keyX + 35, keyY, SHARE_AXIS, { class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(90 ${num(keyX + 35)} ${num(keyY)})` }),
  );
  return chartSvg(frame, tag('g', { class: 'axis y' }, ...ticks, yTitle) + axis + tag('g', { class: 'series', 'data-arm': style.arm }, ...cells) + legend);
}
