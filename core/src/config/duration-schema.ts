import { s, type Schema } from './schema.js';

/**
 * Milliseconds as a number, or a string with a unit ("500ms", "2s"), within [min, max]: the
 * timeouts and lingers of the broker transports' options.
 */
export function durationSchema(opts: { default: number; min: number; max: number; description: string }): Schema<number> {
  const allowed = `a duration in ms from ${opts.min} to ${opts.max} (a number, or a string such as "500ms" or "2s")`;
  return s.custom<number>(
    allowed,
    (value) => {
      let ms: number | undefined;
      if (typeof value === 'number') ms = value;
      else if (typeof value === 'string') {
        const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value);
        if (m) ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
      }
      return ms !== undefined && Number.isFinite(ms) && ms >= opts.min && ms <= opts.max ? ms : undefined;
    },
    { default: opts.default, description: opts.description },
  );
}
