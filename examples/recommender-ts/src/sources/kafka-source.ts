import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { yieldEvery, type LineHandler, type StreamSource } from './stream-source.js';

export interface KafkaSourceOptions {
  brokers: string[];
  topic: string;
  /**
   * Read the topic from its start (default): the model lives in memory, so a restarted service
   * rebuilds it from what Kafka retained. `latest` learns only from lines published from now on.
   */
  from?: 'beginning' | 'latest';
  /** Default: a fresh group per process, so every start replays the topic. */
  groupId?: string;
}

/** Consumes a movielog topic with kafkajs. */
export function kafkaSource(options: KafkaSourceOptions, onLine: LineHandler): StreamSource {
  const kafka = new Kafka({ clientId: 'recommender-ts', brokers: options.brokers, logLevel: logLevel.NOTHING });
  // read_committed: a checkpointed prodsim run publishes in Kafka transactions; what a crashed run
  // sent after its last commit is aborted and sent again on --resume, so only committed events count.
  const consumer = kafka.consumer({ groupId: options.groupId ?? `recommender-ts-${randomUUID()}`, readUncommitted: false });
  const ready = (async () => {
    await ensureTopic(kafka, options.topic);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: (options.from ?? 'beginning') === 'beginning' });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachBatch: async ({ batch, heartbeat }) => {
        for (let i = 0; i < batch.messages.length; i++) {
          // A message without a value is no line either: the model counts it as malformed.
          onLine(batch.messages[i].value?.toString('utf8') ?? '');
          await yieldEvery(i);
        }
        await heartbeat();
      },
    });
    await joined;
  })();
  return { ready, close: () => consumer.disconnect() };
}

/**
 * A service often starts before the simulator has published anything; subscribing to a topic that
 * does not exist yet fails, so create it (one partition, the broker's defaults) when it is absent.
 * In the course the topic already exists and this only looks.
 */
async function ensureTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
