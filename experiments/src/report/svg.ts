import { escapeHtml } from './escape.js';

/** Attribute values; undefined and null are left out, numbers are rounded by `num`. */
export type Attrs = Record<string, string | number | undefined | null>;

/**
 * A coordinate rounded to 1/100 px: short output, and the same bytes for the same input on every
 * platform (no float noise such as 12.000000000000002 in the file).
 */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function attributes(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeHtml(value)}"`;
  }
  return out;
}

/** An element; children are already-rendered markup (never raw user text: use `text`). */
export function tag(name: string, attrs: Attrs = {}, ...children: string[]): string {
  return children.length === 0 ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;
}

/** A text element whose content is escaped. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return tag('text', { x, y, ...attrs }, escapeHtml(content));
}

/** A tooltip (SVG <title>): shown on hover by browsers, with no script. */
export function tooltip(content: string): string {
  return `<title>${escapeHtml(content)}</title>`;
}

/** Path data through points: a polyline. */
export function polyline(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join('');
}

/** Path data of a closed polygon. */
export function polygon(points: readonly (readonly [number, number])[]): string {
  return `${polyline(points)}Z`;
}
