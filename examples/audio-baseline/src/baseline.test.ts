import { MemoryTransport } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { runNaive, runWithService, type CompareOptions } from './compare-run.js';
import { httpSource } from './stream-sources.js';

// End to end without a broker: the world publishes to the in-memory transport, the service reads
// the stream over HTTP from the entity API (GET /stream, as `--stream` does), fetches the WAVs
// from the same API and answers over HTTP. The Kafka version of this test is baseline.int.test.ts.
const options: CompareOptions = {
  seed: 'audio-baseline',
  days: 4,
  world: { users: 300, creators: 30, initialClips: 100, reviewShare: 0.5, voice: 'off' },
  transport: () => ({ transport: new MemoryTransport(), topic: 'audiolog' }),
  source: (_transport, _topic, onLine, api) => httpSource({ url: `${api}/stream` }, onLine),
};

describe('examples/audio-baseline (in-memory stream)', () => {
  it('learns from the stream and beats random ranking on listen-through and a constant classifier on accuracy', async () => {
    const naive = await runNaive(options);
    const learned = await runWithService(options);
    console.log(
      `audio-baseline: listen-through ${pct(learned.listenThrough)} vs random ${pct(naive.listenThrough)}; classify accuracy on the run's uploads ${pct(learned.uploadsClassifyAccuracy)} vs constant ${pct(naive.uploadsClassifyAccuracy)} (all clips ${pct(learned.classifyAccuracy)} vs ${pct(naive.classifyAccuracy)}); learner ${JSON.stringify(learned.learner)}`,
    );
    console.log(`audio-baseline headroom: service ${JSON.stringify(learned.headroom)}; random + constant ${JSON.stringify(naive.headroom)}`);
    expect(learned.plays).toBeGreaterThan(1000);
    expect(learned.uploadsClassified).toBeGreaterThan(40);
    expect(learned.listenThrough).toBeGreaterThan(naive.listenThrough + 0.05);
    expect(learned.uploadsClassifyAccuracy).toBeGreaterThan(naive.uploadsClassifyAccuracy + 0.1);
    expect(learned.classifyAccuracy).toBeGreaterThan(naive.classifyAccuracy);
    // The world's own valuation agrees on the queues: better than random, short of the oracle.
    const next = learned.headroom!.next;
    expect(next.service).toBeGreaterThan(naive.headroom!.next.service);
    expect(next.oracle).toBeGreaterThan(next.service);
  }, 300_000);
});

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
