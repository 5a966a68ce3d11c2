import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where raw data goes in an experiment's output folder: `raw/`, with one file per unit of work
 * and table for the event-level data (worker threads write them in parallel; a unit's files are
 * complete when its result is kept, so resuming needs no merge), and one file per table for the
 * per-day metrics of the whole experiment:
 *
 *   raw/slates-<unit>.parquet, raw/interactions-<unit>.parquet, raw/consumption-<unit>.parquet
 *   raw/metrics.parquet, raw/groups.parquet
 *
 * <unit> is the replication ("3"), or the replication and arm in the paired design ("3-random").
 */
export const RAW_DIR = 'raw';

export interface RawUnitFiles {
  slates: string;
  interactions: string;
  consumption: string;
}

export function rawUnitFiles(dir: string, unit: string): RawUnitFiles {
  return {
    slates: join(dir, `slates-${unit}.parquet`),
    interactions: join(dir, `interactions-${unit}.parquet`),
    consumption: join(dir, `consumption-${unit}.parquet`),
  };
}

/** Whether a unit's raw files were all written (a kept unit without them is run again). */
export function rawUnitDone(dir: string, unit: string): boolean {
  return Object.values(rawUnitFiles(dir, unit)).every((f) => existsSync(f));
}

export function rawMetricsFiles(dir: string): { metrics: string; groups: string } {
  return { metrics: join(dir, 'metrics.parquet'), groups: join(dir, 'groups.parquet') };
}
