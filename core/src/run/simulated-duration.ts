import { s, type Schema } from '../config/schema.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A span of simulated time, as ms or a string with a unit ("30m", "6h", "1d", "1.5d"), of at
 * least `min` ms and at most ten years: how often a run writes checkpoints.
 */
export function simulatedDurationSchema(opts: { default: number; min: number; description: string }): Schema<number> {
  const max = 3650 * UNIT_MS.d;
  return s.custom<number>(
    `a simulated duration of at least ${opts.min / 60_000} minute(s): a number of ms, or a string such as "30m", "6h" or "1d"`,
    (value) => {
      let ms: number | undefined;
      if (typeof value === 'number') ms = value;
      else if (typeof value === 'string') {
        const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
        if (m) ms = Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
      }
      return ms !== undefined && Number.isFinite(ms) && ms >= opts.min && ms <= max ? Math.round(ms) : undefined;
    },
    { default: opts.default, description: opts.description },
  );
}
