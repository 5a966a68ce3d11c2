import type { Plot } from './chart-frame.js';
import { truncate } from './escape.js';
import { formatTick, type Scale, type Ticks } from './scale.js';
import { num, tag, text, tooltip } from './svg.js';

/** Horizontal grid lines with tick labels on the left, and a rotated axis label. */
export function yAxis(plot: Plot, y: Scale, ticks: Ticks, label: string): string {
  const parts = ticks.values.map((v) =>
    tag(
      'g',
      { class: 'tick y' },
      tag('line', { class: 'grid', x1: plot.left, x2: plot.left + plot.width, y1: y(v), y2: y(v) }),
      text(plot.left - 6, y(v) + 3.5, formatTick(v, ticks.step), { 'text-anchor': 'end' }),
    ),
  );
  const cx = 11;
  const cy = plot.top + plot.height / 2;
  parts.push(text(cx, cy, label, { class: 'axis-label', 'text-anchor': 'middle', transform: `rotate(-90 ${num(cx)} ${num(cy)})` }));
  return tag('g', { class: 'axis y' }, ...parts);
}

/** The bottom axis line, ticks and labels of a numeric x scale, and the axis label. */
export function xAxisLinear(plot: Plot, x: Scale, ticks: Ticks, label: string): string {
  const bottom = plot.top + plot.height;
  const parts = [tag('line', { class: 'axis-line', x1: plot.left, x2: plot.left + plot.width, y1: bottom, y2: bottom })];
  for (const v of ticks.values) {
    parts.push(
      tag(
        'g',
        { class: 'tick x' },
        tag('line', { class: 'tick-mark', x1: x(v), x2: x(v), y1: bottom, y2: bottom + 4 }),
        text(x(v), bottom + 15, formatTick(v, ticks.step), { 'text-anchor': 'middle' }),
      ),
    );
  }
  parts.push(text(plot.left + plot.width / 2, bottom + 30, label, { class: 'axis-label', 'text-anchor': 'middle' }));
  return tag('g', { class: 'axis x' }, ...parts);
}

/** Category labels under a banded x axis (long names shortened, full name in a tooltip). */
export function xAxisBands(plot: Plot, categories: readonly string[], centre: (i: number) => number, maxChars: number, label?: string): string {
  const bottom = plot.top + plot.height;
  const parts = [tag('line', { class: 'axis-line', x1: plot.left, x2: plot.left + plot.width, y1: bottom, y2: bottom })];
  categories.forEach((name, i) => {
    const short = truncate(name, maxChars);
    parts.push(tag('g', { class: 'tick x' }, short === name ? '' : tooltip(name), text(centre(i), bottom + 15, short, { 'text-anchor': 'middle' })));
  });
  if (label) parts.push(text(plot.left + plot.width / 2, bottom + 30, label, { class: 'axis-label', 'text-anchor': 'middle' }));
  return tag('g', { class: 'axis x' }, ...parts);
}
