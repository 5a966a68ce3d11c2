import type { DayMetrics } from '../recorder/day-metrics.js';
import { ParquetTable } from './parquet-table.js';
import { rawMetricsFiles } from './raw-files.js';
import { GROUPS, METRIC_COLUMNS, METRICS } from './raw-schema.js';

/** NaN (no value that day) as null; counts and values as they are. */
const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Writes the per-day metrics of a whole experiment (metrics.jsonl's rows) to raw/metrics.parquet
 * (one row per replication, day and arm) and raw/groups.parquet (one row per user group too).
 */
export function writeMetricsTables(dir: string, rows: readonly DayMetrics[]): void {
  const files = rawMetricsFiles(dir);
  const metrics = new ParquetTable(METRICS, files.metrics);
  const columns: Record<string, unknown[]> = {
    replication: rows.map((r) => r.replication),
    arm: rows.map((r) => r.arm),
    day: rows.map((r) => r.day),
    seed: rows.map((r) => r.seed),
    consumptionHistogram: rows.map((r) => r.consumptionHistogram ?? []),
  };
  for (const name of METRIC_COLUMNS) columns[name] = rows.map((r) => orNull(r[name] as number));
  for (const name of ['users', 'sampledUsers', 'interactions', 'requests'] as const) columns[name] = rows.map((r) => r[name]);
  metrics.write(columns, rows.length);
  metrics.close();

  const groups = new ParquetTable(GROUPS, files.groups);
  const g: Record<string, unknown[]> = {
    replication: [],
    arm: [],
    day: [],
    group: [],
    users: [],
    interactions: [],
    meanTrueValue: [],
    engagementPerUser: [],
    tasteDrift: [],
  };
  for (const r of rows) {
    for (const [name, m] of Object.entries(r.groups ?? {})) {
      g.replication.push(r.replication);
      g.arm.push(r.arm);
      g.day.push(r.day);
      g.group.push(name);
      g.users.push(m.users);
      g.interactions.push(m.interactions);
      g.meanTrueValue.push(orNull(m.meanTrueValue));
      g.engagementPerUser.push(orNull(m.engagementPerUser));
      g.tasteDrift.push(orNull(m.tasteDrift));
    }
  }
  groups.write(g, g.replication.length);
  groups.close();
}
