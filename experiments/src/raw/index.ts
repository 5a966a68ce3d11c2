export { RawRecorder } from './raw-recorder.js';
export { PropensityLog, propensityAt, type LoggedList } from './propensity-log.js';
export { writeMetricsTables } from './metrics-tables.js';
export { RAW_DIR, rawUnitFiles, rawUnitDone, rawMetricsFiles, type RawUnitFiles } from './raw-files.js';
export {
  RAW_TABLES,
  SLATES,
  INTERACTIONS,
  CONSUMPTION,
  METRICS,
  GROUPS,
  parquetSchema,
  type TableSpec,
  type ColumnSpec,
  type ColumnKind,
} from './raw-schema.js';
export { ParquetTable } from './parquet-table.js';
