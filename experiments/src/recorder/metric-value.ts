import type { DomainMetric } from '@prodsim/core';
import { METRIC_FIELDS, METRIC_NAMES, type DayMetrics } from './day-metrics.js';

const BUILT_IN = new Set<string>(METRIC_NAMES);

/**
 * A metric's value in a row: a built-in field, or one of the domain's metrics (the row's `domain`
 * object). NaN when the row has none (a day without a value, a row read back with null, or a row
 * from before the domain declared the metric).
 */
export function metricValue(row: DayMetrics, metric: string): number {
  const x = BUILT_IN.has(metric) ? (row as unknown as Record<string, unknown>)[metric] : row.domain?.[metric];
  return typeof x === 'number' ? x : NaN;
}

/** Every metric an experiment of this domain compares: the built-in ones, then the domain's, with their names in words. */
export function metricFields(domainMetrics: readonly DomainMetric[] = []): [string, string][] {
  return [...METRIC_FIELDS.map(([f, label]): [string, string] => [f, label]), ...domainMetrics.map((m): [string, string] => [m.name, m.label])];
}
