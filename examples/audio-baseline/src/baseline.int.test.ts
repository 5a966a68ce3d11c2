import { kafkaTransport } from '@prodsim/transport-kafka';
import { describe, expect, it } from 'vitest';
import { runNaive, runWithService, type CompareOptions } from './compare-run.js';
import { kafkaSource } from './stream-sources.js';

// End to end through Kafka (PRODSIM_BROKERS=1, dev broker from transports/kafka/dev-broker/start.sh
// on 127.0.0.1:9092): the world publishes with the Kafka transport, the example reads the topic
// with kafkajs, fetches WAVs from the entity API and answers next and classify over HTTP.
const BROKERS = ['127.0.0.1:9092'];
const run = `${process.pid}-${Date.now().toString(36)}`;

const options: CompareOptions = {
  seed: 'audio-baseline',
  days: 4,
  world: { users: 300, creators: 30, initialClips: 100, reviewShare: 0.5, voice: 'off' },
  transport: (which) => {
    const topic = `audiolog-e2e-${which}-${run}`;
    return { transport: kafkaTransport.create({ brokers: BROKERS, clientId: `audio-e2e-${which}` }), topic };
  },
  source: (_transport, topic, onLine) => kafkaSource({ brokers: BROKERS, topic }, onLine),
};

describe('examples/audio-baseline through Kafka', () => {
  it('learns from the Kafka stream and beats random ranking on listen-through and a constant classifier on accuracy', async () => {
    const naive = await runNaive(options);
    const learned = await runWithService(options);
    console.log(
      `audio-baseline (kafka): listen-through ${pct(learned.listenThrough)} vs random ${pct(naive.listenThrough)}; classify accuracy on the run's uploads ${pct(learned.uploadsClassifyAccuracy)} vs constant ${pct(naive.uploadsClassifyAccuracy)}; learner ${JSON.stringify(learned.learner)}`,
    );
    expect(learned.learner!.plays).toBeGreaterThan(1000);
    expect(learned.listenThrough).toBeGreaterThan(naive.listenThrough + 0.05);
    expect(learned.uploadsClassifyAccuracy).toBeGreaterThan(naive.uploadsClassifyAccuracy + 0.1);
  }, 600_000);
});

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
