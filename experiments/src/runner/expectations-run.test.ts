import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { DomainRegistry } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { experimentCommand } from '../cli/experiment-command.js';
import { experimentReport } from '../report/experiment-report.js';
import { runExperiment } from './experiment-runner.js';

const REGISTRY = new URL('../../test/toy-registry.mjs', import.meta.url).href;
const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-expect-'));

// A few hundred toy users over a few days: the toy's users follow suggestions, so popularity
// concentrates consumption compared with random recommendations.
const spec = {
  name: 'toy-expectations',
  domain: 'toy',
  seed: '5',
  replications: 3,
  days: 4,
  finalDays: 2,
  world: { users: 300, items: 40, sessionsPerDay: 2 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
  expect: [
    { metric: 'gini', arms: ['popular', 'random'], direction: 'greater', label: 'popularity concentrates consumption' },
    { metric: 'coverageDay', arm: 'popular', direction: 'greater', label: 'absurd: popularity covers more of the catalogue' },
  ],
};

describe('expectations stated in the spec', () => {
  it('reports each as held or not held, with raw and Holm-adjusted p, in summary.json and at the top of the report', async () => {
    const out = tmp();
    const result = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0, renderReport: experimentReport });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const [concentrates, absurd] = summary.expectations;
    expect(concentrates).toMatchObject({
      metric: 'gini',
      arm: 'popular',
      than: 'random',
      direction: 'greater',
      fromDay: 2,
      alpha: 0.05,
      held: true,
      method: 'welch',
      replications: 3,
    });
    expect(concentrates.difference).toBeGreaterThan(0);
    expect(concentrates.ci95[0]).toBeGreaterThan(0);
    expect(concentrates.adjustedP).toBeLessThan(0.05);
    expect(concentrates.adjustedP).toBeGreaterThanOrEqual(concentrates.p);
    expect(absurd).toMatchObject({ metric: 'coverageDay', arm: 'popular', than: 'random', held: false });
    expect(absurd.difference).toBeLessThan(0);
    expect(absurd.p).toBeGreaterThan(0.5);
    // Holm over the two expectations: the smaller p doubled, the larger kept, never below the first.
    expect(concentrates.p).toBeLessThan(absurd.p);
    expect(concentrates.adjustedP).toBeCloseTo(Math.min(1, 2 * concentrates.p), 12);
    expect(absurd.adjustedP).toBeCloseTo(Math.max(concentrates.adjustedP, absurd.p), 12);
    expect(result.summary.expectations.map((e) => e.held)).toEqual([true, false]);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const top = html.indexOf('id="expectations"');
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(html.indexOf('id="comparison"'));
    expect(html).toMatch(/<li class="expectation held" data-metric="gini"[^>]*><span class="verdict">held<\/span> popularity concentrates consumption: /);
    expect(html).toMatch(/<li class="expectation not-held" data-metric="coverageDay"[^>]*><span class="verdict">not held<\/span> absurd: /);
    expect(html).toContain('<strong>1 of 2</strong> expectations');
  });

  it('lists them on the command line and exits 0 even when one does not hold', async () => {
    const dir = tmp();
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = '';
    stdout.on('data', (chunk) => (text += chunk));
    const command = experimentCommand({ domains: new DomainRegistry().register(toyDomain), registryModule: REGISTRY });
    const code = await command.run(['run', file, '--out', join(dir, 'out'), '--workers', '0', '--no-progress'], { stdout, stderr, env: {} });
    expect(code).toBe(0);
    expect(text).toContain('expectations: 1 of 2 held');
    expect(text).toMatch(/^- held: popularity concentrates consumption: .*one-sided p/m);
    expect(text).toMatch(/^- not held: absurd: popularity covers more/m);
    expect(text).toMatch(/differences unlikely to be chance \(Holm-adjusted p < 0\.05 over \d+ comparisons\)/);
  });

  it('warns, and holds nothing, with fewer than 3 replications', async () => {
    const out = tmp();
    const { summary } = await runExperiment({ specInput: { ...spec, replications: 2 }, plugin: toyDomain, outDir: out, workers: 0 });
    expect(summary.warnings[0]).toMatch(/^2 replications: too few to tell effects from chance/);
    expect(summary.expectations.map((e) => e.held)).toEqual([false, false]);
    expect(summary.expectations[0].sentence).toMatch(/Too few replications to judge/);
    for (const c of summary.comparisons) {
      expect(c.sentence).toMatch(/too few replications to tell this from chance/);
      expect(c.sentence).not.toMatch(/unlikely to be chance|significant/);
    }
  });
});
