import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../../test/support/cli-e2e.js';
import { parseKafkaOptions } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

// What the course's teams do with the stream, against the dev broker (transports/kafka/dev-broker/start.sh):
// record timestamps as event time, topics that exist from the start, Kafka's console consumer.
const BROKERS = ['127.0.0.1:9092'];
const CONSOLE_CONSUMER = resolve(ROOT, 'transports/kafka/dev-broker/console-consumer.sh');
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}`;

/** Every record of `topic` with its timestamp, read from the beginning until `expected` arrived. */
async function readWithTimestamps(topic: string, expected: number): Promise<{ value: string; timestamp: number }[]> {
  const kafka = new Kafka({ clientId: 'course-tools-reader', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: unique('reader'), maxWaitTimeInMs: 200 });
  const got: { value: string; timestamp: number }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) got.push({ value: m.value?.toString() ?? '', timestamp: Number(m.timestamp) });
    },
  });
  const started = Date.now();
  while (got.length < expected && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
  await consumer.disconnect();
  return got;
}

describe('kafka for the course: event time, topics from the start, the console consumer', () => {
  it('two fast-forward days of lines keep its simulated times as record timestamps', async () => {
    const topic = unique('movielog-time');
    const r = await runCli([
      'run',
      'movies',
      '--transport',
      'kafka',
      '--days',
      '2',
      '--users',
      '500',
      '--json',
      '--no-progress',
      '--set',
      `movies.topic=${topic}`,
    ]).done;
    expect(r.code, r.stderr).toBe(0);
    const { events } = JSON.parse(r.stdout) as { events: number };
    const records = await readWithTimestamps(topic, events);
    expect(records.length).toBe(events);
    let off = 0;
    for (const { value, timestamp } of records) {
      // The line's own time (UTC, no zone) to the second, against the record's.
      const lineTime = Date.parse(`${value.slice(0, 19)}Z`);
      if (Math.abs(timestamp - lineTime) >= 1000) off++;
    }
    expect(off).toBe(0);
    const seconds = new Set(records.map((x) => Math.floor(x.timestamp / 1000))).size;
    // Two simulated days spread over thousands of distinct seconds (wall-clock stamps fell into a few dozen).
    expect(seconds).toBeGreaterThan(2000);
    const admin = new Kafka({ clientId: 'course-tools-admin', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const configs = await admin.describeConfigs({
      resources: [{ type: 2, name: topic, configNames: ['retention.ms', 'message.timestamp.after.max.ms'] }],
      includeSynonyms: false,
    });
    await admin.disconnect();
    const entries = Object.fromEntries(configs.resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    expect(entries).toEqual({ 'retention.ms': '-1', 'message.timestamp.after.max.ms': '9223372036854775807' });
  }, 240_000);

  it('creates a declared topic before any event is published', async () => {
    const topic = unique('movielog-early');
    const transport = new KafkaTransport(parseKafkaOptions({ brokers: BROKERS }));
    await transport.connect();
    transport.declareTopic(topic);
    const admin = new Kafka({ clientId: 'course-tools-admin', brokers: BROKERS, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    let exists = false;
    for (let i = 0; i < 100 && !exists; i++) {
      exists = (await admin.listTopics()).includes(topic);
      if (!exists) await new Promise((r) => setTimeout(r, 100));
    }
    await admin.disconnect();
    expect(exists).toBe(true);
    expect(transport.stats().published).toBe(0);
    await transport.close();
  }, 60_000);

  it("console-consumer.sh runs Kafka's own console consumer on a run's topic", async () => {
    const topic = unique('movielog-console');
    const r = await runCli(['run', 'movies', '--transport', 'kafka', '--days', '1', '--users', '300', '--no-progress', '--set', `movies.topic=${topic}`]).done;
    expect(r.code, r.stderr).toBe(0);
    const { stdout } = await promisify(execFile)(CONSOLE_CONSUMER, ['--topic', topic, '--from-beginning', '--max-messages', '20', '--timeout-ms', '30000'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBe(20);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?,\d+,(GET |recommendation request )/);
  }, 180_000);
});
