import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../recorder/day-metrics.js';
import { METRIC_COLUMNS, RAW_TABLES, parquetSchema } from './raw-schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('raw-data schema', () => {
  it('is documented: every table has a section and every event-level column a row in experiments/README.md', () => {
    for (const table of RAW_TABLES) {
      const heading = table.name === 'metrics' || table.name === 'groups' ? 'metrics and groups' : table.name;
      expect(readme, table.name).toContain(`### ${heading}`);
      for (const column of table.columns) expect(readme, `${table.name}.${column.name}`).toContain(column.name);
    }
    const section = (name: string) => readme.slice(readme.indexOf(`### ${name}`), readme.indexOf('###', readme.indexOf(`### ${name}`) + 4));
    for (const name of ['slates', 'interactions', 'consumption']) {
      const table = RAW_TABLES.find((t) => t.name === name)!;
      for (const column of table.columns.filter((c) => !['replication', 'arm', 'day'].includes(c.name))) {
        expect(section(name), `${name}.${column.name}`).toMatch(new RegExp(`\\n\\| [^|]*\\b${column.name}\\b[^|]* \\|`));
      }
    }
  });

  it('carries every plotted metric to metrics.parquet', () => {
    for (const name of METRIC_NAMES) expect(METRIC_COLUMNS as readonly string[]).toContain(name);
  });

  it('writes list columns in the standard three-level LIST layout', () => {
    const slates = parquetSchema(RAW_TABLES.find((t) => t.name === 'slates')!);
    const items = slates.findIndex((e) => e.name === 'items');
    expect(slates.slice(items, items + 3)).toEqual([
      { name: 'items', converted_type: 'LIST', num_children: 1, repetition_type: 'REQUIRED' },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'INT32', repetition_type: 'REQUIRED' },
    ]);
    expect(slates[0]).toEqual({ name: 'root', num_children: RAW_TABLES.find((t) => t.name === 'slates')!.columns.length });
  });
});
