import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-e2e.js';

// A team's consumer (kcat, Kafka's console consumer) may start before the first line of a run:
// `prodsim run --transport kafka` creates the topic when the run starts. A realtime run from
// midnight has its first event minutes later, so the topic is there while still empty
// (PRODSIM_BROKERS=1, the dev broker on 127.0.0.1:9092).
describe('prodsim run --transport kafka: topics at the start', () => {
  it('the topic exists, empty, before the first event of a realtime run', async () => {
    const topic = `movielog-start-${process.pid}-${Date.now().toString(36)}`;
    const run = runCli([
      'run',
      'movies',
      '--transport',
      'kafka',
      '--speed',
      'realtime',
      '--start',
      '2026-01-05T00:00:00Z',
      '--days',
      '1',
      '--users',
      '100',
      '--no-progress',
      '--set',
      `movies.topic=${topic}`,
    ]);
    const admin = new Kafka({ clientId: 'course-topics-test', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      let exists = false;
      const until = Date.now() + 60_000;
      while (!exists && Date.now() < until) {
        exists = (await admin.listTopics()).includes(topic);
        if (!exists) await new Promise((r) => setTimeout(r, 200));
      }
      expect(exists).toBe(true);
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.map((o) => o.high)).toEqual(['0']);
    } finally {
      await admin.disconnect();
      process.kill(run.pid!, 'SIGINT');
    }
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(130);
  }, 120_000);
});
