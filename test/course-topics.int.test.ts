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
    const run = runCli(
      [
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
      ],
      // Killed after 150 s at most, so that a run that ignores SIGINT fails the test with its stderr.
      150_000,
    );
    const admin = new Kafka({
      clientId: 'course-topics-test',
      brokers: ['127.0.0.1:9092'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, maxRetryTime: 2_000 },
    }).admin();
    try {
      await admin.connect();
      // Each check is bounded and retried, so that a broker slow to elect the new topic's leader
      // (a fresh broker on a loaded machine) delays the test instead of hanging it.
      let high: string[] | undefined;
      let last = 'the topic is not listed';
      const until = Date.now() + 60_000;
      while (high === undefined && Date.now() < until) {
        try {
          if ((await admin.listTopics()).includes(topic)) high = (await admin.fetchTopicOffsets(topic)).map((o) => o.high);
        } catch (error) {
          last = String(error);
        }
        if (high === undefined) await new Promise((r) => setTimeout(r, 200));
      }
      expect(high, `topic ${topic} not readable within 60 s (${last}); the run said: ${run.stderr()}`).toEqual(['0']);
    } finally {
      await admin.disconnect().catch(() => {});
      process.kill(run.pid!, 'SIGINT');
    }
    const { code, stderr } = await run.done;
    expect(code, stderr).toBe(130);
  }, 180_000);
});
