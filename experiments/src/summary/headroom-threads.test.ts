import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moviesDomain } from '@prodsim/domain-movies';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../runner/experiment-runner.js';
import type { ExperimentSummary } from './summarize.js';

const MOVIES_REGISTRY = new URL('../../test/movies-registry.mjs', import.meta.url).href;
const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-headroom-threads-'));

// The smallest paired movies experiment with headroom: one replication of two arms, one day.
const spec = {
  name: 'movies-headroom-threads',
  domain: 'movies',
  seed: 'headroom',
  design: 'paired',
  replications: 1,
  days: 1,
  finalDays: 1,
  world: { users: 300, movies: 200 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'oracle', predictor: 'oracle' },
  ],
};

describe('headroom in worker threads', () => {
  it('crosses the thread boundary as data: the same summary.json bytes as in one thread', async () => {
    const [a, b] = [tmp(), tmp()];
    await runExperiment({ specInput: spec, plugin: moviesDomain, outDir: a, workers: 0 });
    await runExperiment({ specInput: spec, plugin: moviesDomain, outDir: b, workers: 2, registryModule: MOVIES_REGISTRY });
    const summary = readFileSync(join(a, 'summary.json'), 'utf8');
    expect((JSON.parse(summary) as ExperimentSummary).headroom?.oracle.recommend.requests.mean).toBeGreaterThan(0);
    expect(readFileSync(join(b, 'summary.json'), 'utf8')).toBe(summary);
  });
});
