import { MemoryTransport } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_WORLD, formatComparison, runBaseline, runWithService, type CompareOptions } from './compare-run.js';
import { transportSource } from './stream-sources.js';

// End to end without a broker: the world publishes to the in-memory transport, the service reads
// it from there, fetches the PNGs from the entity API and answers feed and moderate over HTTP.
// The Kafka version of this test (and one through the prodsim CLI) is baseline.int.test.ts.
const options: CompareOptions = {
  seed: 'images-baseline',
  days: 3,
  world: EXAMPLE_WORLD,
  transport: () => ({ transport: new MemoryTransport(), topic: 'imagelog' }),
  source: (transport, topic, onLine) => transportSource(transport, topic, onLine),
};

describe('examples/images-baseline (in-memory stream)', () => {
  it('learns from the stream and beats a random feed on like rate and a pass-everything moderator on reports', async () => {
    const naive = await runBaseline(options);
    const learned = await runWithService(options);
    console.log(`images-baseline: ${formatComparison(learned, naive)}; learner ${JSON.stringify(learned.learner)}`);
    expect(learned.impressions).toBeGreaterThan(20_000);
    expect(learned.feedFailed).toBeLessThan(learned.feedOk / 100);
    expect(learned.learner!.likeExamples).toBeGreaterThan(10_000);
    expect(learned.likeRate).toBeGreaterThan(naive.likeRate * 1.5);
    expect(learned.blocked).toBeGreaterThan(0);
    expect(learned.reportsPer1k).toBeLessThan(naive.reportsPer1k * 0.9);
  }, 300_000);
});
