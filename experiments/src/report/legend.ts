import { escapeHtml } from './escape.js';
import type { ArmStyle } from './palette.js';
import { tag } from './svg.js';

/** A swatch like the chart marks: a band behind a line (dashed when the colours repeat). */
function swatch(style: ArmStyle, band: boolean): string {
  return tag(
    'svg',
    { class: 'swatch', width: 28, height: 12, viewBox: '0 0 28 12', 'aria-hidden': 'true' },
    band ? tag('rect', { x: 0, y: 1, width: 28, height: 10, fill: style.colour, 'fill-opacity': 0.2 }) : '',
    tag('line', { x1: 0, x2: 28, y1: 6, y2: 6, stroke: style.colour, 'stroke-width': 2.5, 'stroke-dasharray': style.dash }),
  );
}

/** The arm colours, shared by every chart on the page; the first arm is the baseline. */
export function legend(styles: readonly ArmStyle[], bands: boolean): string {
  const items = styles.map(
    (s, i) => `<li data-arm="${escapeHtml(s.arm)}">${swatch(s, bands)}<span>${escapeHtml(s.arm)}${i === 0 ? ' <em>(baseline)</em>' : ''}</span></li>`,
  );
  return `<ul class="legend" aria-label="arms">${items.join('')}</ul>`;
}
