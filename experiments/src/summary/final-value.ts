import type { DayMetrics } from '../recorder/day-metrics.js';
import { metricValue } from '../recorder/metric-value.js';

/** The mean of a metric from `fromDay` to the end (or to `toDay`), in one replication and arm (NaN days skipped). */
export function finalValue(rows: readonly DayMetrics[], arm: string, metric: string, fromDay: number, toDay = Infinity): number {
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (r.arm !== arm || r.day < fromDay || r.day > toDay) continue;
    const x = metricValue(r, metric);
    if (Number.isFinite(x)) {
      sum += x;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}
