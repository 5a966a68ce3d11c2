import type { Transport } from '@prodsim/core';
import { Kafka, logLevel } from 'kafkajs';

export interface StreamSource {
  /** Resolves once the source is reading (messages published from then on are seen). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads a Kafka topic from the beginning with kafkajs and hands every value to `onLine`. Creates
 * the topic first if it does not exist yet (the service may start before the world publishes).
 */
export function kafkaSource(options: { brokers: string[]; topic: string; groupId?: string }, onLine: (line: string) => void): StreamSource {
  const kafka = new Kafka({ clientId: 'images-baseline', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: options.groupId ?? `images-baseline-${process.pid}-${Date.now().toString(36)}` });
  const ready = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: options.topic, numPartitions: 1 }] });
    } finally {
      await admin.disconnect();
    }
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value) onLine(message.value.toString('utf8'));
      },
    });
    await joined;
  })();
  return { ready, close: () => consumer.disconnect() };
}

/** Reads a prodsim Transport's topic from now on (e.g. the in-memory one in tests): subscribe before the run starts. */
export function transportSource(transport: Transport, topic: string, onLine: (line: string) => void): StreamSource {
  const sub = transport.subscribe(topic, { from: 'now' });
  const loop = (async () => {
    for await (const m of sub) onLine(m.value);
  })();
  return {
    ready: sub.ready,
    close: async () => {
      await sub.close();
      await loop;
    },
  };
}
