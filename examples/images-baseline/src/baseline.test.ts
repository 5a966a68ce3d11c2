import { MemoryTransport } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_WORLD, formatComparison, runBaseline, runWithService, type CompareOptions } from './compare-run.js';
import { httpSource, transportSource } from './stream-sources.js';

// End to end without a broker: the world publishes to the in-memory transport, the service reads
// the stream over HTTP from the entity API (GET /stream, as `--stream` does), fetches the PNGs
// from the same API and answers feed and moderate over HTTP. The naive run's figures are read
// from the transport. The Kafka version of this test (and one through the prodsim CLI) is
// baseline.int.test.ts.
const options: CompareOptions = {
  seed: 'images-baseline',
  days: 3,
  world: EXAMPLE_WORLD,
  transport: () => ({ transport: new MemoryTransport(), topic: 'imagelog' }),
  source: (transport, topic, onLine, api) => (api ? httpSource({ url: `${api}/stream` }, onLine) : transportSource(transport, topic, onLine)),
};

describe('examples/images-baseline (in-memory stream)', () => {
  it('learns from the stream and beats a random feed on like rate and a pass-everything moderator on reports', async () => {
    const naive = await runBaseline(options);
    const learned = await runWithService(options);
    console.log(`images-baseline: ${formatComparison(learned, naive)}; learner ${JSON.stringify(learned.learner)}`);
    console.log(`images-baseline headroom: service ${JSON.stringify(learned.headroom)}; random feed + allow-all ${JSON.stringify(naive.headroom)}`);
    expect(learned.impressions).toBeGreaterThan(20_000);
    expect(learned.feedFailed).toBeLessThan(learned.feedOk / 100);
    expect(learned.learner!.likeExamples).toBeGreaterThan(10_000);
    expect(learned.likeRate).toBeGreaterThan(naive.likeRate * 1.5);
    expect(learned.blocked).toBeGreaterThan(0);
    expect(learned.reportsPer1k).toBeLessThan(naive.reportsPer1k * 0.9);
    // The world's own valuation agrees: the learned feed is worth more than a random one, short of the oracle's.
    const feed = learned.headroom!.feed;
    expect(feed.service).toBeGreaterThan(naive.headroom!.feed.service * 1.5);
    expect(feed.oracle).toBeGreaterThan(feed.service);
  }, 300_000);
});
