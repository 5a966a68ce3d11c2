import type { DayMetrics, MetricField } from '../recorder/day-metrics.js';

/** The mean of a metric from `fromDay` to the end, in one replication and arm (NaN days skipped). */
export function finalValue(rows: readonly DayMetrics[], arm: string, metric: MetricField, fromDay: number): number {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (r.arm !== arm || r.day < fromDay) continue;
    const x = r[metric] as number;
    if (Number.isFinite(x)) {
      sum += x;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}
