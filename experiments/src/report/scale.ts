/** A linear map from data values to pixels. */
export type Scale = (value: number) => number;

export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  // A zero-width domain maps everything to the middle rather than dividing by zero.
  return d1 === d0 ? () => (r0 + r1) / 2 : (v) => r0 + (v - d0) * k;
}

/** Smallest and largest finite value; undefined when there is none (all NaN, empty). */
export function finiteExtent(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Widens a constant extent, so a flat series is drawn mid-chart with readable ticks around it. */
export function padExtent([lo, hi]: readonly [number, number]): [number, number] {
  if (lo < hi) return [lo, hi];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f >= Math.SQRT2 * 5 ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1) * magnitude;
}

export interface Ticks {
  /** The domain widened to whole steps, so the first and last ticks sit on the axis ends. */
  domain: [number, number];
  values: number[];
  step: number;
}

/**
 * Round tick values covering [lo, hi]. `integer` keeps steps whole (simulated days).
 * The extent must be finite; pad a constant one with `padExtent` first.
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): Ticks {
  [lo, hi] = padExtent([lo, hi]);
  let step = niceStep(hi - lo, count);
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  // Multiplying whole multiples (not adding steps) keeps float error from accumulating; toPrecision trims the rest.
  for (let k = first; k <= last; k++) values.push(Number((k * step).toPrecision(12)));
  return { domain: [values[0], values[values.length - 1]], values, step };
}

/** Tick label with as many decimals as the step needs, and k/M for large values. */
export function formatTick(value: number, step: number): string {
  const [unit, suffix] = step >= 1e6 ? [1e6, 'M'] : step >= 1e3 ? [1e3, 'k'] : [1, ''];
  const text = (value / unit).toFixed(decimalsOf(step / unit));
  return `${/^-0(\.0*)?$/.test(text) ? text.slice(1) : text}${value === 0 ? '' : suffix}`;
}

/** Decimals needed to write a step exactly (2.5 needs 1, 0.05 needs 2). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 12;
}
