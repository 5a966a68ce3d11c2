import { Kafka, logLevel } from 'kafkajs';
import type { Keyed } from '../../../test/support/cli-e2e.js';

/**
 * A plain kafkajs consumer (not the transport's): reads `topic` from the beginning until `expected`
 * messages arrived and nothing more comes for `quietMs`, or `timeoutMs` passed. It reads committed
 * events only (read_committed), as course teams' consumers must.
 */
export async function consumeTopic(brokers: string[], topic: string, expected: number, { timeoutMs = 120_000, quietMs = 1500 } = {}): Promise<Keyed[]> {
  const kafka = new Kafka({ clientId: 'prodsim-e2e-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-reader-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 200, readUncommitted: false });
  const got: Keyed[] = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) got.push({ key: m.key === null ? null : m.key.toString(), value: m.value?.toString() ?? '' });
      last = Date.now();
    },
  });
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (got.length >= expected && Date.now() - last >= quietMs) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await consumer.disconnect();
  return got;
}

/** Resolves once the broker holds at least one message of `topic` (the run is past start-up and delivering). */
export async function untilTopicHasMessages(brokers: string[], topic: string, { timeoutMs = 120_000 } = {}): Promise<void> {
  const kafka = new Kafka({ clientId: 'prodsim-e2e-watch', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const started = Date.now();
  try {
    for (;;) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      if (offsets.some((o) => Number(o.high) > 0)) return;
      if (Date.now() - started > timeoutMs) throw new Error(`no message of ${topic} reached ${brokers.join(',')} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await admin.disconnect();
  }
}
