import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
// An independent reader: hyparquet reads what hyparquet-writer wrote, with its own decoder.
import { parquetMetadata, parquetReadObjects, parquetSchema as readSchema } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { DayMetrics } from '../recorder/day-metrics.js';
import { runExperiment } from '../runner/experiment-runner.js';
import { RAW_TABLES, type ColumnKind } from './raw-schema.js';

const REGISTRY = new URL('../../test/toy-registry.mjs', import.meta.url).href;
const ITEMS = 40;
const spec = {
  name: 'toy-raw',
  domain: 'toy',
  seed: '11',
  replications: 2,
  days: 3,
  world: { users: 300, items: ITEMS, sessionsPerDay: 3 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
};

type Row = Record<string, unknown>;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'prodsim-raw-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function buffer(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function read(path: string): Promise<Row[]> {
  return (await parquetReadObjects({ file: buffer(path) })) as Row[];
}

const key = (r: Row) => `${r.replication}/${r.arm}/${r.day}`;
function countBy(rows: Row[], weight: (r: Row) => number = () => 1): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + weight(r));
  return out;
}

/** The Parquet physical type and annotation each column kind is written as. */
const PHYSICAL: Record<ColumnKind, string> = {
  int32: 'INT32',
  timestamp: 'INT64',
  double: 'DOUBLE',
  string: 'BYTE_ARRAY',
  boolean: 'BOOLEAN',
  'int32-list': 'INT32',
  'double-list': 'DOUBLE',
};

describe('raw data (--raw)', async () => {
  const out = tmp();
  const result = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0, raw: true });
  const raw = join(out, 'raw');
  const metrics = result.results.flatMap((r) => r.rows) as DayMetrics[];
  const interactions = [...(await read(join(raw, 'interactions-0.parquet'))), ...(await read(join(raw, 'interactions-1.parquet')))];
  const slates = [...(await read(join(raw, 'slates-0.parquet'))), ...(await read(join(raw, 'slates-1.parquet')))];
  const consumption = [...(await read(join(raw, 'consumption-0.parquet'))), ...(await read(join(raw, 'consumption-1.parquet')))];

  it('writes one file per table and replication, and the per-day metrics', () => {
    expect(readdirSync(raw).sort()).toEqual(
      ['consumption-0', 'consumption-1', 'groups', 'interactions-0', 'interactions-1', 'metrics', 'slates-0', 'slates-1'].map((f) => `${f}.parquet`),
    );
  });

  it('declares every column with the documented name and type', () => {
    for (const table of RAW_TABLES) {
      const file = table.name === 'metrics' || table.name === 'groups' ? `${table.name}.parquet` : `${table.name}-0.parquet`;
      const tree = readSchema(parquetMetadata(buffer(join(raw, file))));
      expect(tree.children.map((c) => c.element.name)).toEqual(table.columns.map((c) => c.name));
      tree.children.forEach((child, i) => {
        const column = table.columns[i];
        const leaf = column.kind.endsWith('-list') ? child.children[0].children[0] : child;
        expect(leaf.element.type, `${table.name}.${column.name}`).toBe(PHYSICAL[column.kind]);
        expect(child.element.repetition_type).toBe(column.nullable ? 'OPTIONAL' : 'REQUIRED');
        if (column.kind === 'timestamp') expect(child.element.converted_type).toBe('TIMESTAMP_MILLIS');
        if (column.kind.endsWith('-list')) expect(child.element.converted_type).toBe('LIST');
      });
    }
  });

  it('has as many interactions per replication, arm and day as the metrics counted', () => {
    const expected = new Map(metrics.map((m) => [key(m as unknown as Row), m.interactions]));
    const perDay = countBy(interactions);
    for (const [k, n] of expected) expect(perDay.get(k) ?? 0, k).toBe(n);
    expect(interactions.length).toBe(metrics.reduce((a, m) => a + m.interactions, 0));
    // The per-item histogram adds up to the same counts.
    const histogram = countBy(consumption, (r) => Number(r.interactions));
    for (const [k, n] of expected) expect(histogram.get(k) ?? 0, k).toBe(n);
    // And one slate per successful request (the toy shows every answer it gets).
    const slatesPerDay = countBy(slates);
    for (const m of metrics) expect(slatesPerDay.get(key(m as unknown as Row)) ?? 0).toBe(Math.round(m.requests * m.successRate));
  });

  it('writes the per-day metrics as metrics.jsonl has them', async () => {
    const rows = await read(join(raw, 'metrics.parquet'));
    expect(rows.length).toBe(metrics.length);
    rows.forEach((r, i) => {
      const m = metrics[i];
      expect([r.replication, r.arm, r.day, r.interactions]).toEqual([m.replication, m.arm, m.day, m.interactions]);
      expect(r.gini).toBeCloseTo(m.gini, 12);
      expect(r.interactionSpread).toBe(Number.isNaN(m.interactionSpread) ? null : m.interactionSpread);
      expect(r.consumptionHistogram).toEqual(m.consumptionHistogram);
    });
    const groups = await read(join(raw, 'groups.parquet'));
    expect(groups.length).toBe(metrics.reduce((a, m) => a + Object.keys(m.groups).length, 0));
  });

  it("gives each interaction its position in the user's latest slate, and the random arm's propensities", () => {
    // Replay the slates independently: the latest one per user at each interaction's time.
    const t = (r: Row) => (r.time as Date).getTime();
    let checked = 0;
    for (const rep of [0, 1]) {
      const events: { s?: Row; x?: Row }[] = [
        ...slates.filter((s) => s.replication === rep).map((s) => ({ s })),
        ...interactions.filter((x) => x.replication === rep).map((x) => ({ x })),
      ];
      // Stable sort by time: within a time, files keep event order and a slate precedes its choice.
      events.sort((a, b) => t(a.s ?? a.x!) - t(b.s ?? b.x!) || (a.s ? -1 : 0) - (b.s ? -1 : 0));
      const latest = new Map<number, Row>();
      const consumed = new Map<number, Set<number>>();
      for (const e of events) {
        if (e.s) {
          const user = Number(e.s.user);
          latest.set(user, e.s);
          const items = e.s.items as number[];
          if (e.s.arm === 'random') {
            // Uniform over the items the user has not consumed: 1 / (catalogue - consumed).
            expect(e.s.propensity).toBeCloseTo(1 / (ITEMS - (consumed.get(user)?.size ?? 0)), 12);
          } else expect(e.s.propensity).toBeNull();
          expect(new Set(items).size).toBe(items.length);
          continue;
        }
        const x = e.x!;
        const user = Number(x.user);
        const slate = latest.get(user);
        const at = slate ? (slate.items as number[]).indexOf(Number(x.item)) : -1;
        expect(x.position).toBe(at);
        expect(x.recommended).toBe(at >= 0);
        expect(x.propensity).toBe(at >= 0 && slate!.arm === 'random' ? slate!.propensity : null);
        if (!consumed.has(user)) consumed.set(user, new Set());
        consumed.get(user)!.add(Number(x.item));
        checked++;
      }
    }
    expect(checked).toBe(interactions.length);
    expect(interactions.some((x) => x.position === -1)).toBe(true);
    expect(interactions.some((x) => typeof x.propensity === 'number')).toBe(true);
  });

  it('writes the same bytes in worker threads, and resumes a unit whose raw files are missing', async () => {
    const again = tmp();
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: again, workers: 2, registryModule: REGISTRY, raw: true });
    for (const f of readdirSync(raw)) expect(readFileSync(join(again, 'raw', f)).equals(readFileSync(join(raw, f))), f).toBe(true);
    rmSync(join(again, 'raw', 'slates-1.parquet'));
    const resumed = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: again, workers: 0, raw: true });
    expect(resumed.resumedUnits).toEqual(['0']);
    expect(readFileSync(join(again, 'raw', 'slates-1.parquet')).equals(readFileSync(join(raw, 'slates-1.parquet')))).toBe(true);
  });

  it('writes one file per replication and arm in the paired design, each holding its arm only', async () => {
    const paired = tmp();
    await runExperiment({ specInput: { ...spec, design: 'paired', replications: 1 }, plugin: toyDomain, outDir: paired, workers: 0, raw: true });
    const files = readdirSync(join(paired, 'raw')).sort();
    expect(files).toEqual(
      [
        'consumption-0-popular',
        'consumption-0-random',
        'groups',
        'interactions-0-popular',
        'interactions-0-random',
        'metrics',
        'slates-0-popular',
        'slates-0-random',
      ].map((f) => `${f}.parquet`),
    );
    for (const arm of ['random', 'popular']) {
      const rows = await read(join(paired, 'raw', `interactions-0-${arm}.parquet`));
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.arm))).toEqual(new Set([arm]));
      expect(rows.some((r) => r.propensity !== null)).toBe(arm === 'random');
    }
  });
});
