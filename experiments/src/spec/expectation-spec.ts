import { ConfigError, s } from '@prodsim/core';
import { METRIC_NAMES, type MetricField } from '../recorder/day-metrics.js';

/**
 * A hypothesis stated before the run: `arm`'s metric is greater (or less) than `than`'s, from
 * day `fromDay` to the end, tested one-sided at level `alpha` after Holm's adjustment over the
 * experiment's expectations.
 */
export interface Expectation {
  metric: MetricField;
  arm: string;
  than: string;
  direction: 'greater' | 'less';
  fromDay: number;
  alpha: number;
  label?: string;
}

export const expectationSchema = s.object({
  metric: s.string({ description: 'a metric of metrics.jsonl, e.g. homogenization' }),
  /** [a, b]: a's metric compared with b's. Or `arm` (and `than`, default the first arm). */
  arms: s.array(s.string(), { optional: true }),
  arm: s.string({ optional: true }),
  than: s.string({ optional: true }),
  direction: s.enum(['greater', 'less']),
  fromDay: s.number({ optional: true, integer: true, min: 0, description: 'first day of the compared period (default: the final days)' }),
  alpha: s.number({ default: 0.05, min: 1e-6, max: 0.5 }),
  label: s.string({ optional: true }),
});

type RawExpectation = ReturnType<typeof expectationSchema.parse>;

/**
 * Resolves the parsed `expect` entries against the experiment's metrics and arms, with errors
 * that name the field (`expect[1].arms[0]`, `expect[0].metric`, `expect[2].fromDay`).
 */
export function resolveExpectations(raw: readonly RawExpectation[], arms: readonly string[], days: number, finalDays: number): Expectation[] {
  const armText = `one of the arms: ${arms.join(', ')}`;
  return raw.map((e, i) => {
    const at = `expect[${i}]`;
    if (!(METRIC_NAMES as readonly string[]).includes(e.metric)) throw new ConfigError(`${at}.metric`, e.metric, `one of ${METRIC_NAMES.join(', ')}`);
    let pair: [string, string];
    if (e.arms !== undefined) {
      if (e.arm !== undefined || e.than !== undefined) throw new ConfigError(`${at}.arms`, e.arms, 'either arms: [a, b], or arm (and than), not both');
      if (e.arms.length !== 2) throw new ConfigError(`${at}.arms`, e.arms, 'two arm names [a, b]: a is compared with b');
      pair = [e.arms[0], e.arms[1]];
      pair.forEach((name, k) => {
        if (!arms.includes(name)) throw new ConfigError(`${at}.arms[${k}]`, name, armText);
      });
    } else {
      if (e.arm === undefined) throw new ConfigError(`${at}.arm`, undefined, 'an arm name (with than: another arm; default the first arm), or arms: [a, b]');
      if (!arms.includes(e.arm)) throw new ConfigError(`${at}.arm`, e.arm, armText);
      const than = e.than ?? arms[0];
      if (!arms.includes(than)) throw new ConfigError(`${at}.than`, than, armText);
      pair = [e.arm, than];
    }
    if (pair[0] === pair[1]) throw new ConfigError(e.arms ? `${at}.arms` : `${at}.than`, e.arms ?? pair[1], `an arm other than ${pair[0]}`);
    const lastDay = Math.ceil(days) - 1;
    if (e.fromDay !== undefined && e.fromDay > lastDay) throw new ConfigError(`${at}.fromDay`, e.fromDay, `a day from 0 to ${lastDay} (the last day of the run)`);
    const expectation: Expectation = {
      metric: e.metric as MetricField,
      arm: pair[0],
      than: pair[1],
      direction: e.direction,
      fromDay: e.fromDay ?? Math.max(0, Math.ceil(days) - finalDays),
      alpha: e.alpha,
    };
    if (e.label !== undefined) expectation.label = e.label;
    return expectation;
  });
}
