import type { ReceivedMessage, SubscribeOptions, Subscription } from '@prodsim/core';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { KafkaErrorCodes, KafkaTransportError } from './errors.js';
import { MessageQueue } from '@prodsim/core/internal';

export interface KafkaSubscriptionDeps {
  kafka: Kafka;
  admin: Admin;
  topic: string;
  groupId: string;
  from: NonNullable<SubscribeOptions['from']>;
  /** Creates the topic if missing, so that its end offsets exist before we read them. */
  ensureTopic(topic: string): Promise<void>;
  onClose(sub: KafkaSubscription): void;
  capacity?: number;
}

/**
 * A subscription is a consumer in a fresh consumer group, so it sees every partition. `from: 'now'`
 * is made exact rather than racy: the topic's end offsets are read before `ready` and the consumer
 * starts fetching exactly there, so everything published after `ready` is delivered.
 */
export class KafkaSubscription implements Subscription {
  readonly ready: Promise<void>;
  private readonly queue: MessageQueue;
  private consumer: Consumer | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly deps: KafkaSubscriptionDeps) {
    this.queue = new MessageQueue(deps.capacity ?? 10_000);
    this.ready = this.start();
    // Whoever never awaits `ready` still learns of a failure from the iterator; no unhandled rejection.
    this.ready.catch(() => {});
  }

  private async start(): Promise<void> {
    const { kafka, admin, topic, groupId, from } = this.deps;
    try {
      await this.deps.ensureTopic(topic);
      const ends = from === 'now' ? await admin.fetchTopicOffsets(topic) : [];
      if (this.closing) return;
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1000,
        maxWaitTimeInMs: 250,
        allowAutoTopicCreation: false,
        // Only committed events: a checkpointed run's transactions that a crash cut short are aborted.
        readUncommitted: false,
        retry: { retries: 10 },
      });
      this.consumer = consumer;
      let seeked = false;
      const joined = new Promise<void>((resolve, reject) => {
        // kafkajs emits GROUP_JOIN synchronously after the assignment and before the first fetch:
        // a seek made here is where fetching starts. Only on the first join: a later rebalance
        // (say, after a broker restart) must carry on from where the consumer is.
        consumer.on(consumer.events.GROUP_JOIN, () => {
          if (!seeked) {
            seeked = true;
            for (const p of ends) consumer.seek({ topic, partition: p.partition, offset: p.high });
          }
          resolve();
        });
        consumer.on(consumer.events.CRASH, (event) => {
          const error = new KafkaTransportError(KafkaErrorCodes.SUBSCRIBE, `Kafka consumer for topic ${topic} crashed: ${event.payload.error.message}`, {
            cause: event.payload.error,
          });
          reject(error);
          if (!event.payload.restart) this.queue.end(error);
        });
      });
      joined.catch(() => {});
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, heartbeat }) => {
          for (const m of batch.messages) {
            const message: ReceivedMessage = {
              topic: batch.topic,
              key: m.key === null ? null : m.key.toString('utf8'),
              value: m.value === null ? '' : m.value.toString('utf8'),
            };
            this.queue.push(message);
          }
          while (this.queue.length >= (this.deps.capacity ?? 10_000) && !this.queue.isEnded) {
            await Promise.race([this.queue.drained(), new Promise((r) => setTimeout(r, 1000))]);
            await heartbeat();
          }
        },
      });
      await joined;
    } catch (cause) {
      const error =
        cause instanceof KafkaTransportError
          ? cause
          : new KafkaTransportError(KafkaErrorCodes.SUBSCRIBE, `cannot subscribe to Kafka topic ${topic}: ${(cause as Error)?.message ?? cause}`, { cause });
      this.queue.end(error);
      await this.close();
      throw error;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<ReceivedMessage> {
    return this.queue[Symbol.asyncIterator]();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.queue.end();
      this.deps.onClose(this);
      const consumer = this.consumer;
      if (consumer) await consumer.disconnect().catch(() => {});
      // The group was ours alone; leave nothing behind on the broker.
      await this.deps.admin.deleteGroups([this.deps.groupId]).catch(() => {});
    })();
    return this.closing;
  }
}
