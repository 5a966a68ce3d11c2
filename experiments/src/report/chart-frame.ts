import { tag, text } from './svg.js';

/** The plotting area inside a chart, in SVG pixels. */
export interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function plotArea(width: number, height: number, m: Margins): Plot {
  return { left: m.left, top: m.top, width: width - m.left - m.right, height: height - m.top - m.bottom };
}

/**
 * A chart's <svg>: fixed size with a viewBox (so CSS can shrink it on narrow screens), a title,
 * an optional subtitle, and an accessible name. `kind` and `metric` become data attributes that
 * tests and readers of the HTML can select on.
 */
export function chartSvg(o: { width: number; height: number; kind: string; metric: string; title: string; subtitle?: string }, body: string): string {
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `chart ${o.kind}`,
      'data-metric': o.metric,
      width: o.width,
      height: o.height,
      viewBox: `0 0 ${o.width} ${o.height}`,
      role: 'img',
      'aria-label': o.subtitle ? `${o.title}: ${o.subtitle}` : o.title,
    },
    text(8, 16, o.title, { class: 'chart-title' }),
    o.subtitle ? text(8, 31, o.subtitle, { class: 'chart-subtitle' }) : '',
    body,
  );
}

/** Shown in place of marks when a chart has no finite value to draw. */
export function noData(plot: Plot, message = 'no data'): string {
  return text(plot.left + plot.width / 2, plot.top + plot.height / 2, message, { class: 'no-data', 'text-anchor': 'middle' });
}
