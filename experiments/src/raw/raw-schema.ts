import type { SchemaElement } from 'hyparquet-writer';

/**
 * The columns of the raw-data Parquet files, in one place: the writer builds its Parquet schema
 * from them, and README's schema section documents them (a test checks the two agree).
 */
export type ColumnKind = 'int32' | 'timestamp' | 'double' | 'string' | 'boolean' | 'int32-list' | 'double-list';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** Nullable columns hold null where the value does not exist (never NaN). */
  nullable?: boolean;
  /**
   * Few distinct values (replication, arm, day): dictionary-encoded, with min/max statistics so
   * readers can skip row groups. Other columns are written plain, without statistics: trying a
   * dictionary and scanning for bounds on millions of distinct values costs more than it saves.
   */
  indexed?: boolean;
  /** Values from a bounded set (catalogue items): dictionary-encoded, which halves the file, without statistics. */
  dictionary?: boolean;
}

export interface TableSpec {
  name: string;
  columns: readonly ColumnSpec[];
}

const unit: ColumnSpec[] = [
  { name: 'replication', kind: 'int32', indexed: true },
  { name: 'arm', kind: 'string', indexed: true },
  { name: 'day', kind: 'int32', indexed: true },
];

/** One row per slate shown: the ranked items (position = index in `items`). */
export const SLATES: TableSpec = {
  name: 'slates',
  columns: [
    ...unit,
    { name: 'time', kind: 'timestamp' },
    { name: 'user', kind: 'int32' },
    { name: 'items', kind: 'int32-list', dictionary: true },
    { name: 'propensity', kind: 'double', nullable: true },
  ],
};

/** One row per interaction (consumption). */
export const INTERACTIONS: TableSpec = {
  name: 'interactions',
  columns: [
    ...unit,
    { name: 'time', kind: 'timestamp' },
    { name: 'user', kind: 'int32' },
    { name: 'item', kind: 'int32', dictionary: true },
    { name: 'position', kind: 'int32', dictionary: true },
    { name: 'recommended', kind: 'boolean' },
    { name: 'engagement', kind: 'double' },
    { name: 'true_value', kind: 'double' },
    { name: 'propensity', kind: 'double', nullable: true },
  ],
};

/** One row per replication, arm, day and item consumed that day: the per-item consumption histogram. */
export const CONSUMPTION: TableSpec = {
  name: 'consumption',
  columns: [...unit, { name: 'item', kind: 'int32' }, { name: 'interactions', kind: 'int32' }],
};

/** The scalar fields of DayMetrics, one row per replication, day and arm (as metrics.jsonl). */
export const METRIC_COLUMNS = [
  'users',
  'sampledUsers',
  'interactions',
  'engagementPerUser',
  'uptake',
  'meanTrueValue',
  'personalization',
  'coverage',
  'coverageDay',
  'gini',
  'giniDay',
  'top10Share',
  'top10ShareDay',
  'intraListDiversity',
  'homogenization',
  'homogenizationDay',
  'tasteDrift',
  'interactionSpread',
  'rmse',
  'rmseDay',
  'requests',
  'successRate',
  'latencyP50',
  'latencyP99',
] as const;

const COUNT_COLUMNS = new Set(['users', 'sampledUsers', 'interactions', 'requests']);

export const METRICS: TableSpec = {
  name: 'metrics',
  columns: [
    ...unit,
    { name: 'seed', kind: 'string' },
    ...METRIC_COLUMNS.map((name): ColumnSpec => (COUNT_COLUMNS.has(name) ? { name, kind: 'int32' } : { name, kind: 'double', nullable: true })),
    { name: 'consumptionHistogram', kind: 'double-list' },
  ],
};

/** Per-group (fairness) metrics, one row per replication, day, arm and user group. */
export const GROUPS: TableSpec = {
  name: 'groups',
  columns: [
    ...unit,
    { name: 'group', kind: 'string' },
    { name: 'users', kind: 'int32' },
    { name: 'interactions', kind: 'int32' },
    { name: 'meanTrueValue', kind: 'double', nullable: true },
    { name: 'engagementPerUser', kind: 'double', nullable: true },
    { name: 'tasteDrift', kind: 'double', nullable: true },
  ],
};

export const RAW_TABLES: readonly TableSpec[] = [SLATES, INTERACTIONS, CONSUMPTION, METRICS, GROUPS];

/** The Parquet schema of a table (flat, except list columns in the standard three-level LIST layout). */
export function parquetSchema(table: TableSpec): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.columns.length }];
  for (const c of table.columns) {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (c.kind) {
      case 'int32':
        schema.push({ name: c.name, type: 'INT32', repetition_type });
        break;
      case 'timestamp':
        schema.push({
          name: c.name,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          repetition_type,
        });
        break;
      case 'double':
        schema.push({ name: c.name, type: 'DOUBLE', repetition_type });
        break;
      case 'string':
        schema.push({ name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type });
        break;
      case 'boolean':
        schema.push({ name: c.name, type: 'BOOLEAN', repetition_type });
        break;
      case 'int32-list':
      case 'double-list':
        schema.push(
          { name: c.name, converted_type: 'LIST', num_children: 1, repetition_type },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: c.kind === 'int32-list' ? 'INT32' : 'DOUBLE', repetition_type: 'REQUIRED' },
        );
        break;
    }
  }
  return schema;
}
