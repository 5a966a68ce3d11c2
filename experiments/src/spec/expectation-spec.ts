import { ConfigError, s, type DomainMetric } from '@prodsim/core';
import { METRIC_NAMES } from '../recorder/day-metrics.js';

/**
 * A hypothesis stated before the run: `arm`'s metric is greater (or less) than `than`'s, from
 * day `fromDay` to the end (or to `toDay`), tested one-sided at level `alpha` after Holm's adjustment over the
 * experiment's expectations. The metric is a built-in one or one the domain declares.
 * With `thanDays` the comparison is within the arm, before and after: its metric from `fromDay`
 * against its own on days `thanDays[0]` to `thanDays[1]` (e.g. before an attack began), paired by
 * replication; `than` is then the arm itself.
 */
export interface Expectation {
  metric: string;
  arm: string;
  than: string;
  thanDays?: [number, number];
  direction: 'greater' | 'less';
  fromDay: number;
  /** Last day of the compared period; absent: the last day of the run. */
  toDay?: number;
  alpha: number;
  label?: string;
}

export const expectationSchema = s.object({
  metric: s.string({ description: "a metric of metrics.jsonl, e.g. homogenization, or one of the domain's own" }),
  /** [a, b]: a's metric compared with b's. Or `arm` (and `than`, default the first arm). */
  arms: s.array(s.string(), { optional: true }),
  arm: s.string({ optional: true }),
  than: s.string({ optional: true }),
  thanDays: s.array(s.number({ integer: true, min: 0 }), {
    optional: true,
    description: "[first, last]: compare with the arm's own earlier days instead of another arm",
  }),
  direction: s.enum(['greater', 'less']),
  fromDay: s.number({ optional: true, integer: true, min: 0, description: 'first day of the compared period (default: the final days)' }),
  toDay: s.number({ optional: true, integer: true, min: 0, description: 'last day of the compared period (default: the last day of the run)' }),
  alpha: s.number({ default: 0.05, min: 1e-6, max: 0.5 }),
  label: s.string({ optional: true }),
});

type RawExpectation = ReturnType<typeof expectationSchema.parse>;

/**
 * Resolves the parsed `expect` entries against the experiment's metrics and arms, with errors
 * that name the field (`expect[1].arms[0]`, `expect[0].metric`, `expect[2].fromDay`).
 */
export function resolveExpectations(
  raw: readonly RawExpectation[],
  arms: readonly string[],
  days: number,
  finalDays: number,
  domainMetrics: readonly DomainMetric[] = [],
): Expectation[] {
  const armText = `one of the arms: ${arms.join(', ')}`;
  const metricNames = [...METRIC_NAMES, ...domainMetrics.map((m) => m.name)];
  return raw.map((e, i) => {
    const at = `expect[${i}]`;
    if (!metricNames.includes(e.metric)) throw new ConfigError(`${at}.metric`, e.metric, `one of ${metricNames.join(', ')}`);
    let pair: [string, string];
    const lastDay = Math.ceil(days) - 1;
    if (e.fromDay !== undefined && e.fromDay > lastDay)
      throw new ConfigError(`${at}.fromDay`, e.fromDay, `a day from 0 to ${lastDay} (the last day of the run)`);
    const fromDay = e.fromDay ?? Math.max(0, Math.ceil(days) - finalDays);
    if (e.toDay !== undefined && (e.toDay < fromDay || e.toDay > lastDay))
      throw new ConfigError(`${at}.toDay`, e.toDay, `a day from fromDay (${fromDay}) to ${lastDay} (the last day of the run)`);
    let thanDays: [number, number] | undefined;
    if (e.thanDays !== undefined) {
      if (e.arms !== undefined || e.than !== undefined)
        throw new ConfigError(`${at}.thanDays`, e.thanDays, 'either thanDays (the arm before and after) or another arm (than, arms), not both');
      if (e.thanDays.length !== 2 || e.thanDays[0] > e.thanDays[1] || e.thanDays[1] >= fromDay) {
        throw new ConfigError(`${at}.thanDays`, e.thanDays, `[first, last] with first <= last < fromDay (${fromDay}): days before the compared period`);
      }
      thanDays = [e.thanDays[0], e.thanDays[1]];
    }
    if (thanDays) {
      if (e.arm === undefined) throw new ConfigError(`${at}.arm`, undefined, 'the arm whose days are compared (with thanDays)');
      if (!arms.includes(e.arm)) throw new ConfigError(`${at}.arm`, e.arm, armText);
      pair = [e.arm, e.arm];
    } else if (e.arms !== undefined) {
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
    if (!thanDays && pair[0] === pair[1]) throw new ConfigError(e.arms ? `${at}.arms` : `${at}.than`, e.arms ?? pair[1], `an arm other than ${pair[0]}`);
    const expectation: Expectation = { metric: e.metric, arm: pair[0], than: pair[1], direction: e.direction, fromDay, alpha: e.alpha };
    if (e.toDay !== undefined) expectation.toDay = e.toDay;
    if (thanDays) expectation.thanDays = thanDays;
    if (e.label !== undefined) expectation.label = e.label;
    return expectation;
  });
}
