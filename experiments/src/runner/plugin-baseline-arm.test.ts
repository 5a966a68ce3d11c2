import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProdsimError, type ProdsimPlugin } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../spec/experiment-spec.js';
import { runExperiment } from './experiment-runner.js';

// An arm whose predictor is an outside plugin's baseline, run in worker threads built from the
// composition root (bin/registry.js) with the plugin's module URL, as `prodsim experiment
// --plugin` runs it.
const REGISTRY = new URL('../../../bin/registry.js', import.meta.url).href;
const PLUGIN_URL = new URL('../../test/fixed-ranking-plugin.mjs', import.meta.url).href;
const { plugin } = (await import(PLUGIN_URL)) as { plugin: ProdsimPlugin };
const spec = {
  name: 'toy-plugin-baseline',
  domain: 'toy',
  seed: '5',
  replications: 1,
  days: 2,
  world: { users: 120, items: 30, sessionsPerDay: 3 },
  arms: [
    { name: 'mine', predictor: 'fixed-ranking' },
    { name: 'popular', predictor: 'popularity' },
  ],
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Row = Record<string, unknown>;
async function read(path: string): Promise<Row[]> {
  const b = readFileSync(path);
  return (await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer })) as Row[];
}
const ms = (t: unknown) => (t instanceof Date ? t.getTime() : Number(t));

describe("an arm on a plugin's baseline", () => {
  it('answers the arm from the baseline, whose observer learns from its interactions (worker threads)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'prodsim-plugin-arm-'));
    dirs.push(out);
    // The coordinator parses the spec with the plugin's baselines (as the CLI does); the thread loads its own.
    const result = await runExperiment({
      specInput: spec,
      plugin: toyDomain,
      baselines: plugin.baselines,
      outDir: out,
      workers: 1,
      registryModule: REGISTRY,
      plugins: [PLUGIN_URL],
      raw: true,
    });
    expect(result.spec.arms.map((a) => a.predictor)).toEqual(['fixed-ranking', 'popularity']);
    const slates = (await read(join(out, 'raw', 'slates-0.parquet'))).filter((s) => s.arm === 'mine');
    const interactions = await read(join(out, 'raw', 'interactions-0.parquet'));
    expect(slates.length).toBeGreaterThan(100);
    let learned = 0;
    for (const slate of slates) {
      // What the baseline's observer had seen of this user by the time it answered.
      const picked = new Set(interactions.filter((i) => i.user === slate.user && ms(i.time) < ms(slate.time)).map((i) => Number(i.item)));
      const expected: number[] = [];
      for (let item = 0; expected.length < 5; item++) if (!picked.has(item)) expected.push(item);
      expect((slate.items as unknown[]).map(Number), `user ${slate.user} at ${ms(slate.time)}`).toEqual(expected);
      if (expected[0] !== 0 || expected[4] !== 4) learned++;
    }
    // Many slates leave out items the user picked earlier: the observer saw the arm's interactions.
    expect(learned).toBeGreaterThan(20);
  });

  it('is parsed only with the plugin loaded; an unknown name lists the plugin baselines too', () => {
    const baselines = plugin.baselines ?? [];
    expect(parseExperimentSpec(spec, toyDomain, baselines).arms[0].predictor).toBe('fixed-ranking');
    const refused = (predictor: string, withPlugin: boolean) => {
      try {
        parseExperimentSpec({ ...spec, arms: [{ name: 'x', predictor }] }, toyDomain, withPlugin ? baselines : []);
      } catch (error) {
        expect(isProdsimError(error) && error.code).toBe('PRODSIM_ERR_CONFIG_INVALID');
        return (error as Error).message;
      }
      throw new Error(`${predictor} was accepted`);
    };
    expect(refused('fixed-rankin', true)).toContain(
      `arms[0].predictor = "fixed-rankin"; allowed: a built-in baseline (random, popularity, item-knn, mf, mf-ratings, oracle), a plugin's baseline (fixed-ranking), "default"`,
    );
    expect(refused('fixed-ranking', false)).not.toContain("a plugin's baseline");
  });
});
