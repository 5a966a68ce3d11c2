import { followEventStream, type Transport } from '@prodsim/core';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface StreamSource {
  /** Resolves once the source is reading (messages published from then on are seen). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads a Kafka topic from the beginning with kafkajs and hands every value to `onLine`. Creates
 * the topic first if it does not exist yet (the service may start before the world publishes).
 * A broker that is not there, or that fails later, is reported through `log` and tried again
 * every few seconds: the service goes on serving meanwhile (it never crashes for the stream).
 */
export function kafkaSource(
  options: { brokers: string[]; topic: string; groupId?: string },
  onLine: (line: string) => void,
  log: (message: string) => void = () => {},
): StreamSource {
  const kafka = new Kafka({ clientId: 'audio-baseline', brokers: options.brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const groupId = options.groupId ?? `audio-baseline-${process.pid}-${Date.now().toString(36)}`;
  let consumer: Consumer | undefined;
  let closed = false;
  const where = `Kafka topic ${options.topic} on ${options.brokers.join(',')}`;
  const connect = async (): Promise<void> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: options.topic, numPartitions: 1 }] });
    } finally {
      await admin.disconnect();
    }
    // read_committed: a checkpointed prodsim run publishes in Kafka transactions; what a crashed run
    // sent after its last commit is aborted and sent again on --resume, so only committed events count.
    const c = kafka.consumer({ groupId, readUncommitted: false });
    consumer = c;
    // A consumer that gives up (the broker went away for good) is replaced: read on when it is back.
    c.on(c.events.CRASH, (e) => {
      if (closed || e.payload.restart) return;
      log(`${where}: the consumer stopped (${e.payload.error.message}); reconnecting`);
      void c.disconnect().finally(() => void retry());
    });
    await c.connect();
    await c.subscribe({ topic: options.topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => c.on(c.events.GROUP_JOIN, () => resolve()));
    await c.run({
      eachMessage: async ({ message }) => {
        if (message.value) onLine(message.value.toString('utf8'));
      },
    });
    await joined;
  };
  let failures = 0;
  const retry = async (): Promise<void> => {
    while (!closed) {
      try {
        await connect();
        if (failures > 0) log(`${where}: reading again`);
        failures = 0;
        return;
      } catch (error) {
        if (failures++ === 0) log(`${where}: ${(error as Error).message}; serving without the stream, retrying every 5 s`);
        await consumer?.disconnect().catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  };
  const ready = retry();
  return {
    ready,
    close: async () => {
      closed = true;
      await consumer?.disconnect().catch(() => {});
    },
  };
}

/**
 * Reads the world's stream over HTTP (prodsim's entity API, `GET /stream`, or `/<team>/stream`
 * with the team's token): no broker needed. Reconnects and resumes by itself; problems go to `log`.
 */
export function httpSource(options: { url: string; token?: string }, onLine: (line: string) => void, log: (message: string) => void = () => {}): StreamSource {
  const follower = followEventStream({ url: options.url, token: options.token, onLine, onStatus: log });
  return { ready: follower.ready, close: () => follower.close() };
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
